import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  hostTimeZone,
  startOfDay,
  timeZoneName,
  wallClockAt,
  wallClockToUtcMs,
  wallDate,
  wallTime,
  zoneOffsetMs,
} from '../../../electron/common/zoned-time';

const HOUR = 3_600_000;
// 2024-01-01T00:30:00Z: still 31 December in New York, already 1 January (08:30) in Shanghai.
const NEW_YEAR = Date.UTC(2024, 0, 1, 0, 30);

describe('time-zone math', () => {
  it('gives a zone’s offset at an instant, across clock changes and at their edges', () => {
    expect(zoneOffsetMs('Asia/Shanghai', Date.UTC(2024, 0, 1))).toBe(8 * HOUR);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2024, 0, 1))).toBe(5.5 * HOUR);
    expect(zoneOffsetMs('America/New_York', Date.UTC(2024, 0, 15))).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', Date.UTC(2024, 6, 15))).toBe(-4 * HOUR);
    // New York's clocks went forward at 07:00 UTC on 10 March 2024: one second either side, within one cached block.
    const change = Date.UTC(2024, 2, 10, 7);
    expect(zoneOffsetMs('America/New_York', change - 1000)).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', change)).toBe(-4 * HOUR);
    expect(zoneOffsetMs('America/New_York', change - 1000)).toBe(-5 * HOUR);
  });

  it('reads the wall clock in a zone at an instant, to the second', () => {
    expect(wallClockAt(NEW_YEAR, 'Asia/Shanghai')).toEqual({
      year: 2024,
      month: 1,
      day: 1,
      hour: 8,
      minute: 30,
      second: 0,
    });
    expect(wallDate(wallClockAt(NEW_YEAR, 'America/New_York'))).toBe('2023-12-31');
    expect(wallTime(wallClockAt(NEW_YEAR + 5999, 'Asia/Kolkata'))).toBe('06:00:05');
    expect(wallTime(wallClockAt(Date.UTC(2024, 2, 10, 7), 'America/New_York'))).toBe('03:00:00');
  });

  it('turns a wall clock into UTC, the earlier instant when it occurs twice and shifted on when it never occurs', () => {
    const wall = (month: number, day: number, hour: number, minute = 0) => ({
      year: 2024,
      month,
      day,
      hour,
      minute,
      second: 0,
    });
    expect(wallClockToUtcMs(wall(7, 1, 12), 'America/New_York')).toBe(Date.UTC(2024, 6, 1, 16));
    expect(wallClockToUtcMs(wall(1, 1, 8, 30), 'Asia/Shanghai')).toBe(NEW_YEAR);
    // 02:30 on 10 March never happened in New York (02:00 → 03:00): read at UTC-5, it is 03:30 EDT.
    expect(wallClockToUtcMs(wall(3, 10, 2, 30), 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(wallClockToUtcMs(wall(3, 10, 3, 30), 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 30));
    // 01:30 on 3 November happened twice (02:00 EDT → 01:00 EST): the first one.
    expect(wallClockToUtcMs(wall(11, 3, 1, 30), 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 5, 30));
  });

  it('finds the first moment of a local day, also where a clock change skips midnight', () => {
    expect(startOfDay(2024, 1, 1, 'Asia/Shanghai')).toBe(Date.UTC(2023, 11, 31, 16) / 1000);
    expect(startOfDay(2024, 3, 10, 'UTC')).toBe(Date.UTC(2024, 2, 10) / 1000);
    // New York switches to daylight time at 02:00 on 10 March 2024: midnight is still UTC-5.
    expect(startOfDay(2024, 3, 10, 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 5) / 1000);
    expect(startOfDay(2024, 3, 11, 'America/New_York')).toBe(Date.UTC(2024, 2, 11, 4) / 1000);
    // Santiago's clocks went from 00:00 to 01:00 on 8 September 2024: that day began at 01:00 (UTC-3).
    expect(startOfDay(2024, 9, 8, 'America/Santiago')).toBe(Date.UTC(2024, 8, 8, 4) / 1000);
  });

  it('names zones as Intl spells them, and knows the host’s', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(() => timeZoneName('Mars/Olympus')).toThrow(RangeError);
    expect(canonicalTimeZone(hostTimeZone())).toBe(hostTimeZone());
  });
});
