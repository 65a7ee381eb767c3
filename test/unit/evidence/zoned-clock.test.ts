import { describe, expect, it } from 'vitest';
import { ZonedClock } from '../../../electron/core/evidence/zoned-clock';

describe('times in the export zone', () => {
  it('writes wall-clock times with the offset that applied then', () => {
    expect(new ZonedClock('Asia/Shanghai').local(1_704_067_260)).toEqual({
      date: '2024-01-01',
      time: '08:01:00',
      iso: '2024-01-01T08:01:00+08:00',
      dayLabel: 'Monday, 1 January 2024',
    });
    const ny = new ZonedClock('America/New_York');
    expect(ny.local(Date.parse('2024-07-01T12:00:00Z') / 1000).iso).toBe('2024-07-01T08:00:00-04:00');
    expect(ny.local(Date.parse('2024-01-01T12:00:00Z') / 1000).iso).toBe('2024-01-01T07:00:00-05:00');
    expect(new ZonedClock('UTC').local(0).iso).toBe('1970-01-01T00:00:00Z');
    expect(new ZonedClock('Asia/Kolkata').offsetLabel(0)).toBe('UTC+05:30');
  });
});
