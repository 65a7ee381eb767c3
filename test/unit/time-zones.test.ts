import { describe, expect, it } from 'vitest';
import { checkTimeZone, zoneOffsetMs } from '../../electron/core/time-zones';

const HOUR = 3_600_000;

describe('time zones', () => {
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

  it('accepts IANA names as Intl spells them and refuses others with a sentence', () => {
    expect(checkTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});
