import { hostTimeZone, startOfDay, wallClockAt, wallDate } from '../../../electron/common/zoned-time';
import type { Locale } from './locales';

/**
 * Dates, numbers and sizes in the person's locale and time zone, through Intl only. `timeZone` is left undefined
 * in the app (the system's zone); tests pin it.
 */
export interface Formatter {
  readonly locale: Locale;
  number(value: number): string;
  /** 1 decimal at most: rates, percentages. */
  decimal(value: number): string;
  percent(fraction: number): string;
  bytes(value: number): string;
  /** "14:05" */
  time(seconds: number): string;
  /** "Jan 1, 2024" / "2024年1月1日" */
  date(seconds: number): string;
  /** Date and time in full, for tooltips and evidence: "Jan 1, 2024, 14:05:09". */
  dateTime(seconds: number): string;
  /** The label of a day separator: "Today", "Yesterday", "Monday, January 1, 2024". */
  day(seconds: number, nowMs?: number): string;
  /** The short time in a conversation list: today's time, "Yesterday", a weekday, a date. */
  listTime(seconds: number, nowMs?: number): string;
  /** "1 min 20 s", "3 s", "2 h 5 min". */
  duration(seconds: number): string;
  /** The local day of a moment, "YYYY-MM-DD", for grouping and for date inputs. */
  dayKey(seconds: number): string;
  /** The first second of a local day given as "YYYY-MM-DD", as UTC seconds. */
  startOfDay(dayKey: string): number;
}

const DAY_MS = 86_400_000;

export function createFormatter(locale: Locale, timeZone?: string): Formatter {
  const zone = timeZone ? { timeZone } : {};
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    ...zone,
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  });
  const mediumDate = new Intl.DateTimeFormat(locale, { ...zone, dateStyle: 'medium' });
  const fullDay = new Intl.DateTimeFormat(locale, {
    ...zone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const weekday = new Intl.DateTimeFormat(locale, { ...zone, weekday: 'short' });
  const monthDay = new Intl.DateTimeFormat(locale, { ...zone, month: 'short', day: 'numeric' });
  // Day keys and day starts use the zone by name: the one Intl formats in when none is given is the host's.
  const zoneName = timeZone || hostTimeZone();
  const relativeDay = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units = (unit: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 });
  const seconds = units('second');
  const minutes = units('minute');
  const hours = units('hour');

  const dayKey = (secondsValue: number): string => wallDate(wallClockAt(secondsValue * 1000, zoneName));
  // Days between two local days, from their keys, so a daylight-saving change never shifts "yesterday".
  const daysBetween = (fromKey: string, toKey: string): number =>
    (Date.parse(`${toKey}T00:00:00Z`) - Date.parse(`${fromKey}T00:00:00Z`)) / DAY_MS;
  const capitalize = (text: string) => (locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text);

  return {
    locale,
    number: (value) => integer.format(value),
    decimal: (value) => oneDecimal.format(value),
    percent: (fraction) => percent.format(fraction),
    bytes(value) {
      const steps: [number, string][] = [
        [1024 ** 3, 'gigabyte'],
        [1024 ** 2, 'megabyte'],
        [1024, 'kilobyte'],
      ];
      for (const [size, unit] of steps) {
        if (value >= size)
          return new Intl.NumberFormat(locale, {
            style: 'unit',
            unit,
            unitDisplay: 'short',
            maximumFractionDigits: 1,
          }).format(value / size);
      }
      // Intl spells bytes out in English ("41 byte"); B reads the same in every language.
      return `${integer.format(value)} B`;
    },
    time: (value) => time.format(new Date(value * 1000)),
    date: (value) => mediumDate.format(new Date(value * 1000)),
    dateTime: (value) => dateTime.format(new Date(value * 1000)),
    day(value, nowMs = Date.now()) {
      const days = daysBetween(dayKey(value), dayKey(nowMs / 1000));
      if (days === 0 || days === 1) return capitalize(relativeDay.format(-days, 'day'));
      return fullDay.format(new Date(value * 1000));
    },
    listTime(value, nowMs = Date.now()) {
      const days = daysBetween(dayKey(value), dayKey(nowMs / 1000));
      if (days === 0) return time.format(new Date(value * 1000));
      if (days === 1) return capitalize(relativeDay.format(-1, 'day'));
      if (days > 1 && days < 7) return weekday.format(new Date(value * 1000));
      if (dayKey(value).slice(0, 4) === dayKey(nowMs / 1000).slice(0, 4))
        return monthDay.format(new Date(value * 1000));
      // The medium date every other screen uses ("Nov 27, 2022", "2022年11月27日"), never a numeric 11/27/2022 that
      // reads differently from one country to the next and sits oddly beside "Nov 13".
      return mediumDate.format(new Date(value * 1000));
    },
    duration(value) {
      const total = Math.max(0, Math.round(value));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      if (h > 0) return m > 0 ? `${hours.format(h)} ${minutes.format(m)}` : hours.format(h);
      if (m > 0) return s > 0 ? `${minutes.format(m)} ${seconds.format(s)}` : minutes.format(m);
      return seconds.format(s);
    },
    dayKey,
    startOfDay(key) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
      if (!match) throw new RangeError(`Not a day: ${key}`);
      return startOfDay(Number(match[1]), Number(match[2]), Number(match[3]), zoneName);
    },
  };
}
