import type { promises as fs } from 'node:fs';

/**
 * Reads `length` bytes at `position`, looping over short reads, and returns how many it got: fewer only at the end
 * of the file. File-system errors are thrown as they are; callers say what the file was.
 */
export async function readFully(
  handle: fs.FileHandle,
  position: number,
  length: number,
): Promise<{ buffer: Buffer; filled: number }> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return { buffer, filled };
}
