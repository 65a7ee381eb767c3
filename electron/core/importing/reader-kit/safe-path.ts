import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Resolves a path taken from a backup (a database column, a manifest, an export file) against the import root
 * and refuses anything that would leave it: `..` segments, absolute paths, drive letters, NUL bytes, and symbolic
 * links (of the file or of any folder on the way) that lead out of the root, which a crafted backup could use to
 * pull any file of the computer into the vault and into exported bags. Backslashes are treated as separators, since
 * Windows-made backups use them. Returns null when the path escapes, so the caller can record the media as missing
 * with a reason.
 */
export function resolveInside(root: string, untrusted: string): string | null {
  if (untrusted.includes('\0')) return null;
  const normalized = untrusted.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized) || isAbsolute(normalized)) return null;
  const absRoot = resolve(root);
  const target = resolve(absRoot, ...normalized.split('/'));
  if (!isBelow(absRoot, target)) return null;
  return staysInsideOnDisk(absRoot, target) ? target : null;
}

function isBelow(root: string, target: string): boolean {
  const rel = relative(root, target);
  return !(rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'));
}

/**
 * The file's real location (links followed), or that of its nearest existing folder when it does not exist, is
 * inside the root's real location. A root that is itself a link (a backup folder the person linked) is fine: only
 * links below it are judged.
 */
function staysInsideOnDisk(root: string, target: string): boolean {
  const realRoot = realPath(root);
  if (realRoot === null) return true;
  for (let at = target; isBelow(root, at); at = dirname(at)) {
    const real = realPath(at);
    if (real !== null) return real === realRoot || isBelow(realRoot, real);
  }
  return true;
}

function realPath(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
