/**
 * Avatars are initials on a colour: the backup's avatar URLs point at WeChat's servers, and Locket never goes
 * online. The colour comes from the username, so a person keeps their colour in every list and chat.
 */

export const AVATAR_COLORS = [
  '#4f7fd6',
  '#d9644a',
  '#3f9c8f',
  '#c98a1e',
  '#8a63c9',
  '#c9507f',
  '#3b8fb4',
  '#6d8f32',
  '#b5703f',
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

/**
 * One or two letters for a name: the first Chinese (or Japanese, Korean) character, else the first letters of the
 * first two words. Bracketed remarks ("Alice (work)") and emoji are left out.
 */
export function initialsOf(name: string | null | undefined): string {
  const cleaned = (name ?? '').replace(/[(（[【].*?[)）\]】]/gu, ' ').trim();
  const words = cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
  const first = words[0];
  if (!first) return '?';
  const firstChar = Array.from(first)[0]!;
  if (CJK.test(firstChar)) return firstChar;
  const second = words[1];
  const secondChar = second ? Array.from(second)[0]! : '';
  return (firstChar + (CJK.test(secondChar) ? '' : secondChar)).toUpperCase();
}
