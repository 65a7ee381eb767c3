import type { Locale } from '../../i18n/locales';
import { parseMonthKey } from './chart-scale';

/**
 * Month names for the chart's "YYYY-MM" keys. The key already is a month in the chosen zone, so it is formatted as
 * a UTC date: formatting it in any other zone could move it to the month before.
 */
export function monthLabels(locale: Locale) {
  const short = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short' });
  const long = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' });
  const year = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric' });
  const at = (key: string) => {
    const { year: y, month } = parseMonthKey(key);
    return Date.UTC(y, month - 1, 15);
  };
  return {
    /** "Mar" / "3月" */
    short: (key: string) => short.format(at(key)),
    /** "March 2024" / "2024年3月" */
    long: (key: string) => long.format(at(key)),
    /** "2024" / "2024年" */
    year: (key: string) => year.format(at(key)),
  };
}
