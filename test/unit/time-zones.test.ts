import { describe, expect, it } from 'vitest';
import { checkTimeZone } from '../../electron/core/time-zones';

describe('time zones', () => {
  it('accepts IANA names as Intl spells them and refuses others with a sentence', () => {
    expect(checkTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});
