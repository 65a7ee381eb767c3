import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LocketError } from '../errors';

/**
 * Resolves a path taken from a backup (a database column, a manifest, an export file) against the import root
 * and refuses anything that would leave it: `..` segments, absolute paths, drive letters, NUL bytes.
 * Backslashes are treated as separators, since Windows-made backups use them.
 * Returns null when the path escapes, so the caller can record the media as missing with a reason.
 */
export function resolveInside(root: string, untrusted: string): string | null {
  if (untrusted.includes('\0')) return null;
  const normalized = untrusted.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || isAbsolute(normalized)) return null;
  const absRoot = resolve(root);
  const target = resolve(absRoot, ...normalized.split('/'));
  const rel = relative(absRoot, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return target;
}

/** Like resolveInside, but a path that escapes is an error in the source. */
export function requireInside(root: string, untrusted: string, what: string): string {
  const resolved = resolveInside(root, untrusted);
  if (!resolved) {
    throw new LocketError('source-damaged', `The backup names a ${what} outside its own folder (${JSON.stringify(untrusted)}); Locket refuses to read it.`, { path: untrusted });
  }
  return resolved;
}
