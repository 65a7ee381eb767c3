import { describe, expect, it } from 'vitest';
import { createFormatter } from './format';

// 2024-01-01T00:30:00Z: still 31 December in New York, already 1 January (08:30) in Shanghai.
const NEW_YEAR = Date.UTC(2024, 0, 1, 0, 30) / 1000;

describe('dates in the person’s time zone', () => {
  it('puts a moment on the local day', () => {
    expect(createFormatter('en', 'Asia/Shanghai').dayKey(NEW_YEAR)).toBe('2024-01-01');
    expect(createFormatter('en', 'America/New_York').dayKey(NEW_YEAR)).toBe('2023-12-31');
  });

  it('finds the first second of a local day, across daylight-saving changes', () => {
    expect(createFormatter('en', 'Asia/Shanghai').startOfDay('2024-01-01')).toBe(Date.UTC(2023, 11, 31, 16) / 1000);
    expect(createFormatter('en', 'UTC').startOfDay('2024-03-10')).toBe(Date.UTC(2024, 2, 10) / 1000);
    // New York switches to daylight time at 02:00 on 10 March 2024: midnight is still UTC-5.
    expect(createFormatter('en', 'America/New_York').startOfDay('2024-03-10')).toBe(Date.UTC(2024, 2, 10, 5) / 1000);
    expect(createFormatter('en', 'America/New_York').startOfDay('2024-03-11')).toBe(Date.UTC(2024, 2, 11, 4) / 1000);
    expect(() => createFormatter('en').startOfDay('yesterday')).toThrow(RangeError);
  });

  it('labels days relative to today, then by their full date', () => {
    const f = createFormatter('en', 'UTC');
    const now = Date.UTC(2024, 4, 15, 12);
    expect(f.day(now / 1000 - 3600, now)).toBe('Today');
    expect(f.day(now / 1000 - 86_400, now)).toBe('Yesterday');
    expect(f.day(NEW_YEAR, now)).toBe('Monday, January 1, 2024');
    expect(createFormatter('zh-CN', 'UTC').day(now / 1000 - 86_400, now)).toBe('昨天');
    expect(createFormatter('zh-CN', 'UTC').day(NEW_YEAR, now)).toBe('2024年1月1日星期一');
  });

  it('shortens list times the way chat apps do', () => {
    const f = createFormatter('en', 'UTC');
    const now = Date.UTC(2024, 4, 15, 12);
    expect(f.listTime(Date.UTC(2024, 4, 15, 9, 5) / 1000, now)).toBe('09:05');
    expect(f.listTime(Date.UTC(2024, 4, 14, 9) / 1000, now)).toBe('Yesterday');
    expect(f.listTime(Date.UTC(2024, 4, 12, 9) / 1000, now)).toBe('Sun');
    expect(f.listTime(Date.UTC(2024, 1, 3) / 1000, now)).toBe('Feb 3');
    expect(f.listTime(NEW_YEAR - 86_400 * 400, now)).toBe('Nov 27, 2022');
  });

  it('writes dates one way per language: month names in English, 年月日 in Chinese, never 01/02/2024', () => {
    const now = Date.UTC(2024, 4, 15, 12);
    const old = Date.UTC(2022, 0, 2, 9) / 1000;
    const thisYear = Date.UTC(2024, 1, 3, 9) / 1000;
    const en = createFormatter('en', 'UTC');
    const zh = createFormatter('zh-CN', 'UTC');
    expect([en.date(old), en.listTime(old, now), en.listTime(thisYear, now)]).toEqual([
      'Jan 2, 2022',
      'Jan 2, 2022',
      'Feb 3',
    ]);
    expect([zh.date(old), zh.listTime(old, now), zh.listTime(thisYear, now)]).toEqual([
      '2022年1月2日',
      '2022年1月2日',
      '2月3日',
    ]);
    expect(zh.dateTime(old)).toBe('2022年1月2日 09:00:00');
    for (const f of [en, zh]) {
      for (const text of [f.date(old), f.listTime(old, now), f.dateTime(old), f.day(old, now)]) {
        expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{2,4}/);
      }
    }
  });
});

describe('numbers and sizes', () => {
  it('formats counts, bytes and durations for the locale', () => {
    const f = createFormatter('en');
    expect(f.number(1234567)).toBe('1,234,567');
    expect(f.bytes(41)).toBe('41 B');
    expect(f.bytes(1536)).toBe('1.5 kB');
    expect(f.bytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(f.duration(3)).toBe('3 sec');
    expect(f.duration(80)).toBe('1 min 20 sec');
    expect(f.duration(7500)).toBe('2 hr 5 min');
    expect(createFormatter('zh-CN').duration(80)).toBe('1分钟 20秒');
  });
});
