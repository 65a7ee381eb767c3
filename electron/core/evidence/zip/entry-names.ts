import type { BagProblemReason } from '../../../common/bag-problem-codes';

/** The reasons a name is refused for. */
type UnsafeName = Extract<BagProblemReason, `name-${string}`>;

export const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What an unzip tool would show, for messages: the bytes as UTF-8, or as Latin-1 when they are not UTF-8. */
export function displayName(raw: Buffer): string {
  try {
    return UTF8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/** A name as it can be printed: control characters (a NUL, an escape sequence) shown as `\u0000`. */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a name cannot be extracted as a plain path inside the bag (a reason's code), or null when it can. */
export function unsafeName(name: string): UnsafeName | null {
  if (name.includes('\0')) return 'name-nul';
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0001-\u001f\u007f-\u009f]/.test(name)) return 'name-control-characters';
  if (name.includes('\\')) return 'name-backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'name-absolute';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'name-climbs-out';
  if (segments.some((s) => s === '' || s === '.')) return 'name-empty-folder';
  return null;
}
