import { closeSync, constants as fsConstants, fsyncSync, openSync, promises as fs, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { CleanupSkip } from '../../ipc/contract';
import { fsError } from '../errors';

export const HEADER_FILE = 'locket.header';
export const CATALOG_FILE = 'catalog.lkt';
export const SHARDS_DIR = 'shards';
export const MEDIA_DIR = 'media';
export const LOCK_FILE = 'locket.lock';
export const TMP_SUFFIX = '.tmp';
/** The replaced catalog's second name during a commit (FORMAT.md, "Commits", step 2). */
export const PREVIOUS_CATALOG_FILE = `${CATALOG_FILE}.old`;
/** Vault files are readable by their owner only, and so are the vault's folders (ignored on Windows). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export function shardPath(fileId: string): string {
  return join(SHARDS_DIR, `${fileId}.lkt`);
}

export function mediaPath(fileId: string): string {
  return join(MEDIA_DIR, fileId.slice(0, 2), `${fileId}.lkt`);
}

/** Writes a new file (owner-only) and makes it durable before returning. The name must not exist yet. */
export async function writeDurable(absPath: string, bytes: Uint8Array, relLabel: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absPath, 'wx', FILE_MODE);
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    if (handle) {
      // Only a file this call created is removed: a name that already existed is not ours to delete.
      await handle.close().catch(() => undefined);
      await fs.rm(absPath, { force: true }).catch(() => undefined);
    }
    throw fsError(error, relLabel, 'write');
  }
  await handle.close();
}

/** Atomically replaces `name` in `dir` with `bytes`: write a temp file, fsync, rename, fsync the folder. */
export async function replaceAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dir, name + TMP_SUFFIX);
  await fs.rm(tmp, { force: true });
  await writeDurable(tmp, bytes, name);
  try {
    await fs.rename(tmp, join(dir, name));
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw fsError(error, name, 'replace');
  }
  syncDirectory(dir);
}

/** fsync of a folder makes a rename in it durable. Windows cannot open folders for fsync; NTFS journals renames. */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Why `shredFile` left a name alone; see `CleanupSkip` in the contract. */
export type ShredRefusal = Extract<CleanupSkip['reason'], 'link' | 'hard-link' | 'not-a-file' | 'changed'>;

/** O_NOFOLLOW and O_NONBLOCK do not exist on Windows; there the lstat checks stand alone. */
const SHRED_OPEN_FLAGS = fsConstants.O_RDWR | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Overwrites a file with zeros, makes that durable, then unlinks it. The file's key is already gone with the old
 * catalog; this removes the ciphertext too, as far as the file system lets us (see README, "Limits").
 *
 * Only a regular file with a single name is overwritten: the name is checked with lstat, opened without following
 * a link, and the opened file must be the one checked. A symbolic link or junction, a file with another name (a hard
 * link, perhaps to a file outside the vault), a folder, FIFO, device or socket is left exactly as it is, and the
 * reason returned. A link in a folder position of `absPath` is the caller's to rule out (shredVaultFile).
 */
export async function shredFile(absPath: string): Promise<'shredded' | 'absent' | ShredRefusal> {
  const before = await lstatOrNull(absPath);
  if (!before) return 'absent';
  const refusal = refuseToShred(before);
  if (refusal) return refusal;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absPath, SHRED_OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    // O_NOFOLLOW on a link: ELOOP (Linux, macOS), EMLINK (FreeBSD). The name became a link after the lstat.
    if (code === 'ELOOP' || code === 'EMLINK') return 'link';
    throw error;
  }
  try {
    const opened = await handle.stat({ bigint: true });
    if (opened.dev !== before.dev || opened.ino !== before.ino) return 'changed';
    const openedRefusal = refuseToShred(opened);
    if (openedRefusal) return openedRefusal;
    const size = Number(opened.size);
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) {
      await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  // Unlink the name only while it still names the file just overwritten.
  const after = await lstatOrNull(absPath);
  if (!after) return 'shredded';
  if (after.dev !== before.dev || after.ino !== before.ino) return 'changed';
  await fs.unlink(absPath);
  return 'shredded';
}

/**
 * `shredFile` for a file of the vault at `dir`: refused as `link` when a folder on the way (`shards`, `media`,
 * `media/xx`) is a link, which shredFile alone would follow.
 */
export async function shredVaultFile(dir: string, relPath: string): Promise<'shredded' | 'absent' | ShredRefusal> {
  const folders = relPath.split(/[\\/]/).slice(0, -1);
  for (let depth = 1; depth <= folders.length; depth++) {
    const stats = await lstatOrNull(join(dir, ...folders.slice(0, depth)));
    if (!stats) return 'absent';
    if (stats.isSymbolicLink()) return 'link';
    if (!stats.isDirectory()) return 'absent';
  }
  return shredFile(join(dir, relPath));
}

function refuseToShred(stats: BigIntStats): ShredRefusal | null {
  if (stats.isSymbolicLink()) return 'link';
  if (!stats.isFile()) return 'not-a-file';
  if (stats.nlink !== 1n) return 'hard-link';
  return null;
}

/** lstat (never following a link), or null when nothing has that name. */
export async function lstatOrNull(absPath: string): Promise<BigIntStats | null> {
  try {
    return await fs.lstat(absPath, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

export async function readFileOrCorrupt(absPath: string, relLabel: string): Promise<Buffer> {
  try {
    return await fs.readFile(absPath);
  } catch (error) {
    throw fsError(error, relLabel, 'read');
  }
}
