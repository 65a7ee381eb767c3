import { startOfDay } from '../../common/zoned-time';

/** A calendar period a person types in a query: a year, a month or a day. */
export interface CalendarPeriod {
  year: number;
  /** 1–12, or null for a whole year. */
  month: number | null;
  /** 1–31, or null for a whole month or year. */
  day: number | null;
}

/** [start, end) of a period in UTC seconds. */
export function periodRange(period: CalendarPeriod, timeZone: string): { start: number; end: number } {
  const { year, month, day } = period;
  if (month === null) return { start: startOfDay(year, 1, 1, timeZone), end: startOfDay(year + 1, 1, 1, timeZone) };
  if (day === null) {
    const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
    return { start: startOfDay(year, month, 1, timeZone), end: startOfDay(next.y, next.m, 1, timeZone) };
  }
  // Date.UTC rolls day 32 over into the next month, which is what "the day after" needs.
  const after = new Date(Date.UTC(year, month - 1, day + 1));
  return {
    start: startOfDay(year, month, day, timeZone),
    end: startOfDay(after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate(), timeZone),
  };
}

/** The earliest year a date a person types may name. */
export const MIN_YEAR = 1000;

/** `2024`, `2024-03`, `2024-03-07` (also with `/` or `.`); null when the text is not such a date. */
export function parseCalendarPeriod(text: string): CalendarPeriod | null {
  const match = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  // Date.UTC reads years 0-99 as 1900-1999: `0024` would silently mean 1924. No chat is that old anyway.
  if (year < MIN_YEAR) return null;
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month !== null && day !== null) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) return null;
  }
  return { year, month, day };
}
