import type { DetectedSource } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSystemTimeZone } from '../settings/settings-slice';
import { TimeZonePicker } from '../settings/TimeZonePicker';
import { zoneName } from '../../../../electron/common/time-zone-names';
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
  const askZone = needsTimeZone(detected);
  const askOwner = needsOwner(detected);
  if (!askZone && !askOwner) return null;

  return (
    <fieldset className="import-options">
      <legend>{t.t('import.options')}</legend>
      {askZone && (
        <div className="field">
          <label htmlFor="import-time-zone">{t.t('import.timeZone')}</label>
          <TimeZonePicker
            id="import-time-zone"
            name="import-time-zone-filter"
            value={timeZone ?? COMPUTER}
            defaultValue={COMPUTER}
            defaultLabel={t.t('import.timeZoneComputer', { zone: zoneName(systemZone, t.locale) })}
            onChange={(zone) => setTimeZone(zone || null)}
          />
          <p className="field-help">{t.t('import.timeZoneHelp')}</p>
        </div>
      )}
      {askOwner && (
        <div className="field">
          <label htmlFor="import-owner">{t.t('import.owner')}</label>
          <input
            id="import-owner"
            className="input is-mono"
            name="import-owner"
            value={owner}
            onChange={(event) => setOwner(event.target.value)}
            placeholder="wxid_…"
            autoComplete="off"
            spellCheck={false}
          />
          <p className="field-help">{t.t('import.ownerHelp')}</p>
        </div>
      )}
    </fieldset>
  );
}
