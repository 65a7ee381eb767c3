import { describe, expect, it } from 'vitest';
import {
  normalizeRecoveryCode,
  normalizeRecoveryInput,
  recoveryCodeGroups,
} from '../../../electron/common/recovery-code';

const CODE = '6MKG-03AZ-85QB-V0HX-5KSW-BSMP-8QJR-WJP0';

describe('the recovery code format', () => {
  it('splits the code into its groups', () => {
    expect(recoveryCodeGroups(CODE)).toHaveLength(8);
    expect(recoveryCodeGroups(CODE).at(-1)).toBe('WJP0');
  });

  it('normalizes what is typed: Crockford base32 has no I, L, O', () => {
    expect(normalizeRecoveryInput('ol-Il o')).toBe('0111' + '0');
  });

  it('forgives case, spacing and the usual look-alikes in a whole code, and refuses what cannot be one', () => {
    expect(normalizeRecoveryCode('abcd efgh-jkmn pqrs-tvwx-yz01-2345-6789')).toBe('ABCDEFGHJKMNPQRSTVWXYZ0123456789');
    expect(normalizeRecoveryCode('OIL0-0000-0000-0000-0000-0000-0000-0000')).toBe('01100000000000000000000000000000');
    expect(normalizeRecoveryCode(CODE.toLowerCase())).toBe(CODE.replace(/-/g, ''));
    expect(normalizeRecoveryCode('too short')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-0000-0000-0000-0000-0000-0000-0000')).toBeNull();
  });
});
