import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { zoneLabel, zoneName } from '../../../../electron/common/time-zone-names';
import { filterTimeZones, supportedTimeZones, zoneOffset } from './time-zones';

export interface TimeZonePickerProps {
  /** The select's id, for its label. */
  id: string;
  /** The filter field's form name. */
  name: string;
  /** The chosen zone, or `defaultValue` for the default choice (the system's zone). */
  value: string;
  defaultValue: string;
  defaultLabel: string;
  onChange(value: string): void;
}

/**
 * A zone out of every IANA zone. About 420 zones are too many to scroll through, so a filter field narrows the
 * select as the person types; the chosen zone stays listed whatever the filter, and a filter that matches nothing
 * says so. Each zone shows its offset now. Settings (the zone times are shown in) and Import (the zone of an export's
 * local times) use it.
 */
export function TimeZonePicker({ id, name, value, defaultValue, defaultLabel, onChange }: TimeZonePickerProps) {
  const t = useI18n();
  const [filter, setFilter] = useState('');
  // Offsets are worked out once per language, not on every keystroke of the filter.
  const [nowMs] = useState(() => Date.now());
  const all = useMemo(
    () => supportedTimeZones().map((zone) => ({ zone, offset: zoneOffset(zone, t.locale, nowMs) })),
    [t.locale, nowMs],
  );
  const offsets = useMemo(() => new Map(all.map((z) => [z.zone, z.offset])), [all]);
  // Each zone's name in the interface's language, worked out once per language too.
  const names = useMemo(() => new Map(all.map((z) => [z.zone, zoneName(z.zone, t.locale)])), [all, t.locale]);
  const matches = useMemo(
    () =>
      filterTimeZones(
        all.map((z) => z.zone),
        filter,
        value === defaultValue ? null : value,
        (zone) => names.get(zone) ?? zone,
      ),
    [all, filter, value, defaultValue, names],
  );
  const label = (zone: string) =>
    `${names.get(zone) ?? zoneLabel(zone)}${offsets.get(zone) ? ` ${offsets.get(zone)}` : ''}`;
  const isDefaultShown = filter.trim() === '' || value === defaultValue;
  return (
    <>
      <div className="time-zone-controls">
        <input
          type="search"
          className="input"
          name={name}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder={t.t('settings.timeZoneFilterPlaceholder')}
          aria-label={t.t('settings.timeZoneFilter')}
          aria-controls={id}
        />
        <select id={id} className="input is-select" value={value} onChange={(event) => onChange(event.target.value)}>
          {isDefaultShown && <option value={defaultValue}>{defaultLabel}</option>}
          {matches.map((zone) => (
            <option key={zone} value={zone}>
              {label(zone)}
            </option>
          ))}
        </select>
      </div>
      {filter.trim() !== '' && matches.length === 0 && (
        <p className="field-message is-error">{t.t('settings.timeZoneNoMatch', { filter })}</p>
      )}
    </>
  );
}
