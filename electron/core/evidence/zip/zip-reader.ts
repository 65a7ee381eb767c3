import type { FileHandle } from 'node:fs/promises';
import { refusal } from './zip-listing';

const WINDOW = 1024 * 1024;

/**
 * Reads an archive by position. Small reads (headers, descriptors, small entries) come from a 1 MiB window that
 * moves forward as the archive is walked in order, so an archive of many small files costs few reads.
 */
export class ZipReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  private size: number | null = null;

  constructor(readonly handle: FileHandle) {}

  async read(offset: number, length: number): Promise<Buffer> {
    if (offset >= this.windowStart && offset + length <= this.windowStart + this.window.length) {
      return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    }
    if (length > WINDOW / 4) return readAt(this.handle, offset, length);
    this.size ??= (await this.handle.stat()).size;
    // A fresh buffer each time: what earlier reads returned stays valid.
    this.window = await readAt(this.handle, offset, Math.max(length, Math.min(WINDOW, this.size - offset)));
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }
}

export async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  if (done < length) throw refusal('archive-ends-early', String(length - done));
  return buffer;
}

export function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw refusal('zip64-value-too-large');
  return Number(value);
}
