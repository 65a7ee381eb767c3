import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSystemTimeZone, selectTimeZonePreference, selectTimeZone } from './settings-slice';
import { TimeZonePicker } from './TimeZonePicker';
import { zoneName } from '../../../../electron/common/time-zone-names';
import { zoneOffset } from './time-zones';

const SYSTEM = 'system';

/** The zone times are shown in: the system's, or one chosen from every IANA zone. */
export function TimeZoneSetting() {
  const t = useI18n();
  const preference = useAppStore(selectTimeZonePreference);
  const systemZone = useAppStore(selectSystemTimeZone);
  const zone = useAppStore(selectTimeZone);
  const setTimeZone = useAppStore((s) => s.settings.setTimeZone);
  const [nowMs] = useState(() => Date.now());
  const systemOffset = zoneOffset(systemZone, t.locale, nowMs);

  return (
    <div className="time-zone-setting">
      <div className="setting">
        <label htmlFor="setting-time-zone">{t.t('settings.timeZone')}</label>
        <TimeZonePicker
          id="setting-time-zone"
          name="time-zone-filter"
          value={preference}
          defaultValue={SYSTEM}
          defaultLabel={t.t('settings.timeZoneSystem', {
            zone: `${zoneName(systemZone, t.locale)}${systemOffset ? ` ${systemOffset}` : ''}`,
          })}
          onChange={setTimeZone}
        />
      </div>
      <p className="field-help">
        {t.t('settings.timeZoneHint', {
          now: `${t.format.dateTime(Math.floor(nowMs / 1000))} · ${zoneName(zone, t.locale)}`,
        })}
      </p>
    </div>
  );
}
