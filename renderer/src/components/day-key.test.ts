import { describe, expect, it } from 'vitest';
import { parseDayKey } from './day-key';

describe('typed dates', () => {
  it('reads the ways people write a day in either language, as one key', () => {
    for (const text of ['2024-03-01', '2024/3/1', '2024.03.01', '2024年3月1日', ' 2024 - 3 - 1 ']) {
      expect(parseDayKey(text), text).toBe('2024-03-01');
    }
  });

  it('refuses what is not a calendar day, and the month-first and day-first forms that read two ways', () => {
    for (const text of ['2024-02-30', '2023-02-29', '2024-13-01', '03/01/2024', '01.03.2024', 'yesterday', '']) {
      expect(parseDayKey(text), text).toBeNull();
    }
    expect(parseDayKey('2024-02-29')).toBe('2024-02-29');
  });
});
