import { describe, expect, it } from 'vitest';
import { estimatePassphraseStrength, isPassphraseAcceptable } from './passphrase-strength';

const score = (p: string) => estimatePassphraseStrength(p).score;

describe('passphrase strength', () => {
  it('refuses anything shorter than the core’s minimum', () => {
    expect(score('')).toBe(0);
    expect(score('Xq7#p')).toBe(0);
    expect(estimatePassphraseStrength('Xq7#p').hints).toContain('too-short');
  });

  it('sees through common passwords, runs and repeats', () => {
    expect(score('password')).toBe(0);
    expect(score('Password123')).toBeLessThanOrEqual(1);
    expect(score('qwertyuiop')).toBe(0);
    expect(score('aaaaaaaaaaaa')).toBe(0);
    expect(score('abcdefgh12345678')).toBe(0);
    expect(estimatePassphraseStrength('password1234').hints).toEqual(expect.arrayContaining(['avoid-common']));
    expect(estimatePassphraseStrength('zzzzzzzzkkkkkkkk').hints).toContain('avoid-repeats');
  });

  it('rates length and variety: several unrelated words are strong', () => {
    expect(score('correct horse battery staple')).toBe(4);
    expect(score('Tr0ub4dor&3')).toBeGreaterThanOrEqual(3);
    expect(score('mvkqzjwt')).toBe(1);
    expect(estimatePassphraseStrength('correct horse battery staple').hints).toEqual([]);
  });

  it('counts Chinese characters as the large alphabet they are', () => {
    expect(score('今晚月色真美我们去散步')).toBe(4);
    expect(score('我爱你我爱你我爱你')).toBe(0);
  });

  it('is monotonic: adding an unrelated word never lowers the score', () => {
    const words = ['violet', 'harbor', 'plinth', 'quasar', 'mellow'];
    let previous = 0;
    for (let n = 1; n <= words.length; n++) {
      const s = estimatePassphraseStrength(words.slice(0, n).join(' ')).bits;
      expect(s).toBeGreaterThan(previous);
      previous = s;
    }
  });

  it('accepts a passphrase for a vault only when it is long enough and at least fair', () => {
    const check = (p: string) => isPassphraseAcceptable(estimatePassphraseStrength(p), p);
    expect(check('correct horse battery staple')).toBe(true);
    expect(check('password1')).toBe(false);
    expect(check('Xq7#p')).toBe(false);
  });
});
