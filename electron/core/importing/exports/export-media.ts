import { extname } from 'node:path';
import type { MediaReference, MediaRole } from '../model';
import { resolveInside } from '../reader-kit/safe-path';
import { isFile } from '../reader-kit/source-files';

export const UNSAFE_MEDIA_PATH = 'unsafe-media-path';

/** "http://…", "https://…": media the export only links to. */
export const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim());

/**
 * A media message's file, from the path an export file names, resolved inside the export's folder only
 * (safe-path.ts). Always a reference, so the report can count what is missing and why: a path that tries to leave
 * the folder (`..`, absolute, a drive letter) is refused as 'path-outside-export' with a warning; one that stays
 * inside but names no file is 'not-in-export'; an empty path is 'no-path-in-export'; a URL is 'remote-only'.
 */
export async function exportMedia(
  folder: string,
  src: string,
  role: MediaRole,
  fileName: string | null = null,
): Promise<{ reference: MediaReference; warning: string | null }> {
  const path = src.trim();
  const encoding = encodingOf(role, path);
  const missing = (missingReason: string, warning: string | null = null) => ({
    reference: { role, location: null, encoding, missingReason, fileName },
    warning,
  });
  if (path === '') return missing('no-path-in-export');
  if (isUrl(path)) return missing('remote-only');
  const resolved = resolveInside(folder, path);
  if (!resolved) return missing('path-outside-export', UNSAFE_MEDIA_PATH);
  if (!(await isFile(resolved))) return missing('not-in-export');
  return { reference: { role, location: { path: resolved }, encoding, missingReason: null, fileName }, warning: null };
}

/** PC images keep WeChat's XOR `.dat` form when an exporter copies them as they are (§2.9); voice may be SILK or AMR. */
function encodingOf(role: MediaRole, path: string): MediaReference['encoding'] {
  const ext = extname(path.replace(/\\/g, '/')).toLowerCase();
  if ((role === 'image' || role === 'thumbnail') && ext === '.dat') return 'wechat-xor-dat';
  if (role === 'voice' && ext === '.silk') return 'silk';
  if (role === 'voice' && ext === '.amr') return 'amr';
  return 'plain';
}
