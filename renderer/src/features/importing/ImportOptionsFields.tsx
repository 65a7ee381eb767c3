import { useMemo, useState } from 'react';
import type { DetectedSource } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSystemTimeZone } from '../settings/settings-slice';
import { filterTimeZones, supportedTimeZones, zoneLabel } from '../settings/time-zones';
import { needsOwner, needsTimeZone, selectImportOwner, selectImportTimeZone } from './import-slice';

const COMPUTER = '';

/**
 * What an export may not say and the import needs: the zone its wall-clock times were written in (PyWxDump,
 * MemoTrace TXT, chatlog), and whose export it is (PyWxDump writes "我" for the owner). Shown only for sources
 * that need them; the defaults are this computer's zone and the owner of earlier imports.
 */
export function ImportOptionsFields({ detected }: { detected: readonly DetectedSource[] }) {
  const t = useI18n();
  const timeZone = useAppStore(selectImportTimeZone);
  const owner = useAppStore(selectImportOwner);
  const systemZone = useAppStore(selectSystemTimeZone);
  const { setTimeZone, setOwner } = useAppStore((s) => s.imports);
  const [filter, setFilter] = useState('');
  const zones = useMemo(() => filterTimeZones(supportedTimeZones(), filter, timeZone), [filter, timeZone]);
  const askZone = needsTimeZone(detected);
  const askOwner = needsOwner(detected);
  if (!askZone && !askOwner) return null;

  return (
    <fieldset className="import-options">
      <legend>{t.t('import.options')}</legend>
      {askZone && (
        <div className="field">
          <label htmlFor="import-time-zone">{t.t('import.timeZone')}</label>
          <div className="time-zone-controls">
            <input
              type="search"
              className="input"
              name="import-time-zone-filter"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              placeholder={t.t('settings.timeZoneFilterPlaceholder')}
              aria-label={t.t('settings.timeZoneFilter')}
              aria-controls="import-time-zone"
            />
            <select id="import-time-zone" className="input is-select" value={timeZone ?? COMPUTER} onChange={(event) => setTimeZone(event.target.value || null)}>
              <option value={COMPUTER}>{t.t('import.timeZoneComputer', { zone: zoneLabel(systemZone) })}</option>
              {zones.map((name) => (
                <option key={name} value={name}>
                  {zoneLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <p className="field-help">{t.t('import.timeZoneHelp')}</p>
        </div>
      )}
      {askOwner && (
        <div className="field">
          <label htmlFor="import-owner">{t.t('import.owner')}</label>
          <input id="import-owner" className="input is-mono" name="import-owner" value={owner} onChange={(event) => setOwner(event.target.value)} placeholder="wxid_…" autoComplete="off" spellCheck={false} />
          <p className="field-help">{t.t('import.ownerHelp')}</p>
        </div>
      )}
    </fieldset>
  );
}
