import { closeSync, fsyncSync, openSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fsError } from '../errors';

export const HEADER_FILE = 'locket.header';
export const CATALOG_FILE = 'catalog.lkt';
export const SHARDS_DIR = 'shards';
export const MEDIA_DIR = 'media';
export const LOCK_FILE = 'locket.lock';
export const TMP_SUFFIX = '.tmp';

export function shardPath(fileId: string): string {
  return join(SHARDS_DIR, `${fileId}.lkt`);
}

export function mediaPath(fileId: string): string {
  return join(MEDIA_DIR, fileId.slice(0, 2), `${fileId}.lkt`);
}

/** Writes a new file and makes it durable before returning. The name must not exist yet. */
export async function writeDurable(absPath: string, bytes: Uint8Array, relLabel: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absPath, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(absPath, { force: true }).catch(() => undefined);
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

/**
 * Overwrites a file with zeros, makes that durable, then unlinks it. The file's key is already gone with the old
 * catalog; this removes the ciphertext too, as far as the file system lets us (see README, "Limits").
 */
export async function shredFile(absPath: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absPath, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) {
      await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.unlink(absPath);
}

export async function readFileOrCorrupt(absPath: string, relLabel: string): Promise<Buffer> {
  try {
    return await fs.readFile(absPath);
  } catch (error) {
    throw fsError(error, relLabel, 'read');
  }
}
