import { startOfDay, wallClockAt } from '../../common/zoned-time';

export interface CalendarMonth {
  /** "YYYY-MM" in the zone. */
  month: string;
  /** UTC seconds of the month's first moment in the zone; `end` is the next month's. */
  start: number;
  end: number;
}

/** The calendar year and month (1–12) a moment falls in, on the zone's wall clock. */
export function monthOf(seconds: number, timeZone: string): { year: number; month: number } {
  const { year, month } = wallClockAt(seconds * 1000, timeZone);
  return { year, month };
}

/**
 * Every calendar month of a zone from the one holding `first` to the one holding `last`, with their bounds in UTC
 * seconds. Bounds come from the zone's rules (clock changes included), so a message at 00:30 on the 1st in
 * Shanghai counts in that month even though it is still the previous month in UTC.
 */
export function calendarMonths(first: number, last: number, timeZone: string): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  let { year, month } = monthOf(first, timeZone);
  const stop = monthOf(last, timeZone);
  let start = startOfDay(year, month, 1, timeZone);
  while (year < stop.year || (year === stop.year && month <= stop.month)) {
    const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
    const end = startOfDay(next.year, next.month, 1, timeZone);
    months.push({ month: `${year}-${String(month).padStart(2, '0')}`, start, end });
    ({ year, month } = next);
    start = end;
  }
  return months;
}
