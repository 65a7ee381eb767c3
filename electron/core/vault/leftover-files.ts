import { promises as fs, type BigIntStats } from 'node:fs';
import { join, sep } from 'node:path';
import type { CleanupSkip } from '../../ipc/contract';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import {
  CATALOG_FILE,
  MEDIA_DIR,
  PREVIOUS_CATALOG_FILE,
  SHARDS_DIR,
  TMP_SUFFIX,
  lstatOrNull,
  mediaPath,
  shardPath,
  shredVaultFile,
} from './vault-files';

export type { CleanupSkip } from '../../ipc/contract';

/** How many skipped files unlock reports; more are left alone just the same. */
export const MAX_CLEANUP_SKIPS_REPORTED = 100;
const VAULT_FILE_NAME = /^[0-9a-f]{32}\.lkt$/;
const MEDIA_SUBDIR_NAME = /^[0-9a-f]{2}$/;

/** A folder the walk listed, as lstat saw it: it must still be that folder when a file in it is shredded. */
interface WalkedDir {
  relPath: string;
  stats: BigIntStats;
}

/**
 * Removes what an interrupted commit left (FORMAT.md, "Commits"): temp files, `catalog.lkt.old`, and shard and media
 * files the catalog does not reference. Returns what it left in place, and why (at most
 * MAX_CLEANUP_SKIPS_REPORTED entries).
 *
 * Nothing in the vault folder is followed: folders are walked with lstat, a link where `shards`, `media` or a
 * `media/xx` folder should be is reported and not entered, and a leftover is overwritten only if it is a regular
 * file with a single name (vault-files.ts, shredVaultFile). When a file the catalog references is missing, the folder is
 * not what the catalog says (a copy still being restored, a different folder's catalog): nothing is removed at all.
 */
export async function removeLeftoverFiles(
  dir: string,
  catalog: ReadOnlyDatabase,
  onRemoved?: (relPath: string) => void,
): Promise<CleanupSkip[]> {
  const referenced = new Set<string>([
    ...all<{ file_id: string }>(catalog, 'SELECT file_id FROM shards').map((r) => shardPath(r.file_id)),
    ...all<{ file_id: string }>(catalog, 'SELECT file_id FROM media').map((r) => mediaPath(r.file_id)),
  ]);
  const skipped: CleanupSkip[] = [];
  const skip = (relPath: string, reason: CleanupSkip['reason']) =>
    skipped.push({ path: relPath.split(sep).join('/'), reason });

  // Leftovers, each with the folders it sits in; every name listed is "present" for the missing-file check.
  const candidates: { relPath: string; parents: WalkedDir[] }[] = [];
  const present = new Set<string>();
  for (const name of await fs.readdir(dir)) {
    if (name.endsWith(TMP_SUFFIX) || name === PREVIOUS_CATALOG_FILE) candidates.push({ relPath: name, parents: [] });
  }
  const listFolder = async (relPath: string): Promise<{ folder: WalkedDir; names: string[] } | null> => {
    const stats = await lstatOrNull(join(dir, relPath)).catch(() => null);
    if (stats?.isSymbolicLink()) skip(relPath, 'link');
    if (!stats?.isDirectory()) return null;
    const names = await fs.readdir(join(dir, relPath)).catch(() => null);
    return names && { folder: { relPath, stats }, names };
  };
  const shards = await listFolder(SHARDS_DIR);
  for (const name of shards?.names ?? []) {
    const relPath = join(SHARDS_DIR, name);
    present.add(relPath);
    if (isLeftoverName(name) && !referenced.has(relPath)) candidates.push({ relPath, parents: [shards!.folder] });
  }
  const media = await listFolder(MEDIA_DIR);
  for (const sub of (media?.names ?? []).filter((name) => MEDIA_SUBDIR_NAME.test(name))) {
    const listed = await listFolder(join(MEDIA_DIR, sub));
    for (const name of listed?.names ?? []) {
      const relPath = join(MEDIA_DIR, sub, name);
      present.add(relPath);
      if (isLeftoverName(name) && !referenced.has(relPath))
        candidates.push({ relPath, parents: [media!.folder, listed!.folder] });
    }
  }

  // A referenced file the walk did not list may still be readable through a linked folder: only a failed lstat is missing.
  const missing: string[] = [];
  for (const relPath of referenced) {
    if (present.has(relPath)) continue;
    const stats = await lstatOrNull(join(dir, relPath)).catch(() => null);
    if (!stats) missing.push(relPath);
  }
  if (missing.length > 0) {
    const walkSkips = skipped.splice(0);
    for (const relPath of missing.sort()) skip(relPath, 'referenced-missing');
    skipped.push(...walkSkips);
    return skipped.slice(0, MAX_CLEANUP_SKIPS_REPORTED);
  }

  const live = await lstatOrNull(join(dir, CATALOG_FILE));
  const previous = await lstatOrNull(join(dir, PREVIOUS_CATALOG_FILE));
  const isLiveCatalog = Boolean(live && previous && sameFile(live, previous));
  if (isLiveCatalog) {
    // A commit stopped between naming the catalog twice and replacing it: this is the live catalog. Unlink only.
    await fs.unlink(join(dir, PREVIOUS_CATALOG_FILE));
  }
  const toShred = candidates.filter((c) => !(isLiveCatalog && c.relPath === PREVIOUS_CATALOG_FILE));
  for (const { relPath, parents } of toShred.sort((a, b) => a.relPath.localeCompare(b.relPath))) {
    if (!(await foldersUnchanged(dir, parents))) {
      skip(relPath, 'changed');
      continue;
    }
    const outcome = await shredVaultFile(dir, relPath).catch(() => 'failed' as const);
    if (outcome === 'shredded') onRemoved?.(relPath);
    else if (outcome !== 'absent') skip(relPath, outcome);
  }
  return skipped.slice(0, MAX_CLEANUP_SKIPS_REPORTED);
}

/** Names only a commit writes: `<file id>.lkt` and temp files. Anything else is not the cleanup's to remove. */
function isLeftoverName(name: string): boolean {
  return VAULT_FILE_NAME.test(name) || name.endsWith(TMP_SUFFIX);
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** The folders a leftover sits in are still the ones walked: not swapped for a link since. */
async function foldersUnchanged(dir: string, parents: WalkedDir[]): Promise<boolean> {
  for (const parent of parents) {
    const now = await lstatOrNull(join(dir, parent.relPath)).catch(() => null);
    if (!now?.isDirectory() || !sameFile(now, parent.stats)) return false;
  }
  return true;
}
