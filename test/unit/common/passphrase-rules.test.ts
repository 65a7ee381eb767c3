import { describe, expect, it } from 'vitest';
import {
  isLongEnoughPassphrase,
  MIN_PASSPHRASE_LENGTH,
  passphraseLength,
} from '../../../electron/common/passphrase-rules';

describe('the passphrase rules the core enforces and the forms announce', () => {
  it('asks for at least 8 characters', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(8);
    expect(isLongEnoughPassphrase('1234567')).toBe(false);
    expect(isLongEnoughPassphrase('12345678')).toBe(true);
  });

  it('counts characters as code points, so an emoji is one and 汉字 count one each', () => {
    expect(passphraseLength('😀😀😀😀')).toBe(4);
    expect(isLongEnoughPassphrase('😀😀😀😀')).toBe(false);
    expect(isLongEnoughPassphrase('我爱你我爱你我爱')).toBe(true);
    expect(isLongEnoughPassphrase('我爱你我爱你我')).toBe(false);
  });
});
