import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSystemTimeZone, selectTimeZonePreference, selectTimeZone } from './settings-slice';
import { filterTimeZones, supportedTimeZones, zoneLabel, zoneOffset } from './time-zones';

const SYSTEM = 'system';

/**
 * The zone times are shown in: the system's, or one chosen from every IANA zone. About 420 zones are too many to
 * scroll through, so a filter field narrows the select as the person types.
 */
export function TimeZoneSetting() {
  const t = useI18n();
  const preference = useAppStore(selectTimeZonePreference);
  const systemZone = useAppStore(selectSystemTimeZone);
  const zone = useAppStore(selectTimeZone);
  const setTimeZone = useAppStore((s) => s.settings.setTimeZone);
  const [filter, setFilter] = useState('');
  // Offsets are worked out once per language, not on every keystroke of the filter.
  const [nowMs] = useState(() => Date.now());
  const all = useMemo(() => supportedTimeZones().map((name) => ({ name, offset: zoneOffset(name, t.locale, nowMs) })), [t.locale, nowMs]);
  const offsets = useMemo(() => new Map(all.map((z) => [z.name, z.offset])), [all]);
  const matches = useMemo(() => filterTimeZones(all.map((z) => z.name), filter, null), [all, filter]);
  const shown = preference === SYSTEM || matches.includes(preference) ? matches : [preference, ...matches];
  const label = (name: string) => `${zoneLabel(name)}${offsets.get(name) ? ` (${offsets.get(name)})` : ''}`;
  const isSystemShown = filter.trim() === '' || preference === SYSTEM;

  return (
    <div className="time-zone-setting">
      <div className="setting">
        <label htmlFor="setting-time-zone">{t.t('settings.timeZone')}</label>
        <div className="time-zone-controls">
          <input
            type="search"
            className="input"
            name="time-zone-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder={t.t('settings.timeZoneFilterPlaceholder')}
            aria-label={t.t('settings.timeZoneFilter')}
            aria-controls="setting-time-zone"
          />
          <select id="setting-time-zone" className="input is-select" value={preference} onChange={(event) => setTimeZone(event.target.value)}>
            {isSystemShown && <option value={SYSTEM}>{t.t('settings.timeZoneSystem', { zone: label(systemZone) })}</option>}
            {shown.map((name) => (
              <option key={name} value={name}>
                {label(name)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {filter.trim() !== '' && matches.length === 0 && <p className="field-message is-error">{t.t('settings.timeZoneNoMatch', { filter })}</p>}
      <p className="field-help">{t.t('settings.timeZoneHint', { now: `${t.format.dateTime(Math.floor(nowMs / 1000))} · ${zoneLabel(zone)}` })}</p>
    </div>
  );
}
