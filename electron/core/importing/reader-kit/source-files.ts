import { constants as fsConstants, promises as fs } from 'node:fs';

/** The names in a folder of the backup; none when it is missing or unreadable. */
export async function readDirNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The names `pattern` matches, in the numeric order of its first group: `MSG2.db` before `MSG10.db`. */
export function inNumericOrder(names: string[], pattern: RegExp): string[] {
  return names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]))
    .map(({ name }) => name);
}

/** The error code `openRegularFile` throws with for a FIFO, device, socket or folder. */
export const NOT_REGULAR = 'ENOTREG';

/**
 * Opens a file of a backup for reading, refusing anything that is not a regular file: a FIFO named like a database
 * or an image would otherwise block the read for ever, a folder would fail with EISDIR. Opened without blocking,
 * then checked, so nothing waits on a pipe.
 */
export async function openRegularFile(path: string): Promise<fs.FileHandle> {
  const handle = await fs.open(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw Object.assign(new Error(`${path} is not a regular file`), { code: NOT_REGULAR });
}

/** A regular file's bytes (see `openRegularFile`). */
export async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The first `length` bytes of a regular file (fewer when it is shorter), to tell its format by its magic. An
 * unreadable file gives none: the reader then falls back on what the database says, and the media layer reports the
 * file when it copies it.
 */
export async function readFileHead(path: string, length: number): Promise<Buffer> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await openRegularFile(path);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle?.close();
  }
}
