/**
 * Avatars are initials on a colour: the backup's avatar URLs point at WeChat's servers, and Locket never goes
 * online. The colour comes from the username, so a person keeps their colour in every list and chat.
 */

/**
 * Each a shade of the hue it had before, dark enough for white initials at WCAG AA (4.5:1); the order, and so the
 * colour each person gets, is unchanged.
 */
export const AVATAR_COLORS = [
  '#3a70d1',
  '#cb482b',
  '#337f74',
  '#986817',
  '#875fc8',
  '#c54476',
  '#337d9d',
  '#5f7c2b',
  '#a26438',
  '#5f6ccf',
] as const;

/** FNV-1a over UTF-16 code units: fast, stable across runs and machines. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function avatarColor(seed: string): string {
  return AVATAR_COLORS[stableHash(seed) % AVATAR_COLORS.length]!;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;
const CJK_RUN = /^[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+/u;

/**
 * Chinese forms of address that start many names in a contact list ("小王", "老李", "阿明"): an avatar that showed
 * them would make a column of 小 and 老. They are skipped while a character remains.
 */
const ADDRESS_PREFIXES = new Set(['小', '老', '阿']);

/**
 * The letters an avatar shows for a name. Chinese (Japanese, Korean) names: the address prefix skipped, then the
 * name's two characters, or the given name of a three-character personal name ("张小明" → "小明", as colleagues
 * call him), or a group's first two ("项目讨论组" → "项目"), so a list of 张伟, 张敏, 张磊 does not read 张, 张, 张.
 * Other scripts: the first letters of the first two words. Bracketed remarks ("Alice (work)") and emoji are left out.
 */
export function initialsOf(name: string | null | undefined, options: { isGroup?: boolean } = {}): string {
  const cleaned = (name ?? '').replace(/[(（[【].*?[)）\]】]/gu, ' ').trim();
  const words = cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
  const first = words[0];
  if (!first) return '?';
  const firstChar = Array.from(first)[0]!;
  if (CJK.test(firstChar)) {
    let chars = Array.from(CJK_RUN.exec(first)![0]);
    while (chars.length > 1 && ADDRESS_PREFIXES.has(chars[0]!)) chars = chars.slice(1);
    if (chars.length === 3 && !options.isGroup) return chars.slice(1).join('');
    return chars.slice(0, 2).join('');
  }
  const second = words[1];
  const secondChar = second ? Array.from(second)[0]! : '';
  return (firstChar + (CJK.test(secondChar) ? '' : secondChar)).toUpperCase();
}

/**
 * One character for a cell of a group's grid avatar: a Latin initial, or the last character of a Chinese name's
 * initials, its given name ("王芳" → "芳", "老李" → "李"), which tells members apart better than their surnames.
 */
export function cellInitialOf(name: string | null | undefined): string {
  const initials = Array.from(initialsOf(name));
  return CJK.test(initials[0]!) ? initials.at(-1)! : initials[0]!;
}
