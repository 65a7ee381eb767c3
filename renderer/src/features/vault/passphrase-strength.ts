/**
 * A small, honest passphrase strength estimate: bits from length and the character classes used, with common
 * words, repeats and keyboard or alphabet runs counted as the few guesses they really are. It only guides the
 * person; Argon2id and the core's minimum length are the real defence.
 */

import { isLongEnoughPassphrase, MIN_PASSPHRASE_LENGTH } from '../../../../electron/common/passphrase-rules';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;
export type StrengthHint =
  'too-short' | 'add-words' | 'avoid-common' | 'avoid-repeats' | 'avoid-sequences' | 'mix-characters';

export interface PassphraseStrength {
  score: StrengthScore;
  /** Estimated guessing entropy in bits. */
  bits: number;
  hints: StrengthHint[];
}

/** Passphrases weaker than this are refused by the create and reset forms. */
export const MIN_ACCEPTED_SCORE: StrengthScore = 2;

/**
 * Words and passwords attackers try first, English and pinyin, plus this app's own names. Lower case; matched as
 * substrings of the lower-cased passphrase, longest first.
 */
const COMMON_WORDS = [
  'password',
  'passw0rd',
  'passphrase',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'zxcvbn',
  'letmein',
  'welcome',
  'admin',
  'login',
  'iloveyou',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'shadow',
  'superman',
  'batman',
  'trustno1',
  'secret',
  'hello',
  'freedom',
  'whatever',
  'starwars',
  'computer',
  'internet',
  'abc123',
  'wechat',
  'weixin',
  'locket',
  'vault',
  'china',
  'beijing',
  'shanghai',
  'woaini',
  'nihao',
  'mima',
  'zhongguo',
  'aini',
  'wode',
  'love',
  'test',
  'user',
  'root',
  'pass',
  'qazwsx',
  'summer',
  'winter',
  'spring',
  'autumn',
  'michael',
  'jennifer',
  'charlie',
  'thomas',
  'jordan',
  'hunter',
  'ranger',
  'buster',
  'soccer',
  'hockey',
  'killer',
  'george',
  'andrew',
  'access',
  'flower',
  'cookie',
  'pepper',
  'ginger',
  'banana',
  'orange',
  'apple',
  '密码',
  '我爱你',
  '微信',
].sort((a, b) => b.length - a.length);

/** Rough guesses per common word: an attacker's list of common words and their variants. */
const BITS_PER_COMMON_WORD = 10;
/** A repeated character or the next step of a run adds very little. */
const BITS_PER_PREDICTABLE_CHAR = 1;

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

type CharClass = 'lower' | 'upper' | 'digit' | 'space' | 'symbol' | 'cjk' | 'other';

const POOL: Record<CharClass, number> = {
  lower: 26,
  upper: 26,
  digit: 10,
  space: 1,
  symbol: 33,
  cjk: 3000,
  other: 100,
};

function classOf(char: string): CharClass {
  if (/[a-z]/.test(char)) return 'lower';
  if (/[A-Z]/.test(char)) return 'upper';
  if (/[0-9]/.test(char)) return 'digit';
  if (/\s/.test(char)) return 'space';
  if (/[\u3400-\u9fff\uf900-\ufaff]/u.test(char)) return 'cjk';
  if (/[!-/:-@[-`{-~]/.test(char)) return 'symbol';
  return 'other';
}

/** True when `next` continues a run that `previous` started: "ab", "21", "qw", "aa". */
function isPredictableStep(previous: string, next: string): boolean {
  const a = previous.toLowerCase();
  const b = next.toLowerCase();
  if (a === b) return true;
  return KEYBOARD_ROWS.some((row) => {
    const i = row.indexOf(a);
    return i >= 0 && (row[i + 1] === b || row[i - 1] === b);
  });
}

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const chars = Array.from(passphrase);
  const hints = new Set<StrengthHint>();
  if (chars.length === 0) return { score: 0, bits: 0, hints: ['too-short'] };

  const classes = new Set(chars.map(classOf));
  const pool = [...classes].reduce((sum, c) => sum + POOL[c], 0);
  const bitsPerChar = Math.log2(Math.max(pool, 2));

  // Common words are taken out first and priced as one guess each from a word list.
  const lower = passphrase.toLowerCase();
  const isCommon = new Array<boolean>(chars.length).fill(false);
  let commonWords = 0;
  let bits = 0;
  const lowerChars = Array.from(lower);
  for (const word of COMMON_WORDS) {
    const wordChars = Array.from(word);
    let seen = 0;
    for (let i = 0; i + wordChars.length <= lowerChars.length; i++) {
      if (isCommon.slice(i, i + wordChars.length).some(Boolean)) continue;
      if (wordChars.every((c, j) => lowerChars[i + j] === c)) {
        for (let j = 0; j < wordChars.length; j++) isCommon[i + j] = true;
        // Saying the same word again is one more guess at most ("我爱你我爱你").
        bits += seen === 0 ? BITS_PER_COMMON_WORD : BITS_PER_PREDICTABLE_CHAR;
        seen++;
        commonWords++;
      }
    }
  }

  let predictable = 0;
  let repeats = 0;
  for (let i = 0; i < chars.length; i++) {
    if (isCommon[i]) continue;
    const previous = i > 0 && !isCommon[i - 1] ? chars[i - 1] : undefined;
    if (previous !== undefined && isPredictableStep(previous, chars[i]!)) {
      bits += BITS_PER_PREDICTABLE_CHAR;
      predictable++;
      if (previous.toLowerCase() === chars[i]!.toLowerCase()) repeats++;
    } else {
      bits += bitsPerChar;
    }
  }
  if (!isLongEnoughPassphrase(passphrase)) hints.add('too-short');
  const words = passphrase.trim().split(/\s+/).filter(Boolean).length;
  const score = scoreOf(bits, chars.length);
  // Advice only where it would help: a strong passphrase with a double letter needs no lecture.
  if (score < 3 && commonWords > 0) hints.add('avoid-common');
  if (score < 3 && repeats >= 2) hints.add('avoid-repeats');
  if (score < 3 && predictable - repeats >= 2) hints.add('avoid-sequences');
  if (score < 3 && words < 4 && isLongEnoughPassphrase(passphrase)) hints.add('add-words');
  if (score < 3 && classes.size === 1 && !classes.has('cjk')) hints.add('mix-characters');
  return { score, bits: Math.round(bits), hints: [...hints] };
}

function scoreOf(bits: number, length: number): StrengthScore {
  if (length < MIN_PASSPHRASE_LENGTH || bits < 28) return 0;
  if (bits < 40) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}

export function isPassphraseAcceptable(strength: PassphraseStrength, passphrase: string): boolean {
  return isLongEnoughPassphrase(passphrase) && strength.score >= MIN_ACCEPTED_SCORE;
}
