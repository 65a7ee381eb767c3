import { describe, expect, it } from 'vitest';
import { formatRecoveryInput, matchesLastGroup } from './recovery-code';

const CODE = '6MKG-03AZ-85QB-V0HX-5KSW-BSMP-8QJR-WJP0';

describe('recovery code helpers', () => {
  it('accepts the last group typed loosely: case, spaces, O for 0', () => {
    expect(matchesLastGroup(CODE, 'WJP0')).toBe(true);
    expect(matchesLastGroup(CODE, ' wjp0 ')).toBe(true);
    expect(matchesLastGroup(CODE, 'wjpo')).toBe(true);
    expect(matchesLastGroup(CODE, '8QJR')).toBe(false);
    expect(matchesLastGroup(CODE, '')).toBe(false);
  });

  it('regroups a code however it was typed or pasted', () => {
    expect(formatRecoveryInput('6mkg03az 85qb')).toBe('6MKG-03AZ-85QB');
    expect(formatRecoveryInput(CODE.toLowerCase())).toBe(CODE);
    expect(formatRecoveryInput('')).toBe('');
  });
});
