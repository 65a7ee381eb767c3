import { promises as fs } from 'node:fs';
import type { MediaReference } from '../model';
import { detectXorKey } from '../reader-kit/xor-dat';
import { NOT_REGULAR, openRegularFile } from '../reader-kit/source-files';
import { readFully } from '../../read-fully';
import { HEAD_BYTES } from '../../media/media-details';

const READ_BYTES = 1024 * 1024;

/** The source file could not be read part way through: the item is reported missing, the import goes on. */
export class SourceReadError extends Error {}

/** A media item from a backup, decoded to the bytes it really is (an XORed `.dat` becomes its image). */
export interface MediaSource {
  /** The first decoded bytes: all of them when `isWhole`. */
  head: Uint8Array;
  isWhole: boolean;
  /** Every decoded byte from the start (head included), a block at a time. */
  chunks(): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens a reference's bytes for streaming into the vault. Returns a missing reason instead when there is nothing
 * to store: the file cannot be opened ('not-in-backup') or a PC `.dat` fits no image magic under any key
 * ('unreadable-image-data', docs/wechat-formats.md §2.9).
 */
export async function openMediaSource(
  location: NonNullable<MediaReference['location']>,
  encoding: MediaReference['encoding'],
): Promise<MediaSource | string> {
  if ('bytes' in location) {
    const key = encoding === 'wechat-xor-dat' ? detectXorKey(location.bytes)?.key : 0;
    if (key === undefined) return 'unreadable-image-data';
    const bytes = key ? xorInPlace(Uint8Array.from(location.bytes), key) : location.bytes;
    return { head: bytes, isWhole: true, chunks: () => once(bytes), close: async () => undefined };
  }
  let handle: fs.FileHandle;
  try {
    // A FIFO or a device named like a media file cannot hang the import: it is refused.
    handle = await openRegularFile(location.path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === NOT_REGULAR ? 'not-a-regular-file' : 'not-in-backup';
  }
  try {
    const size = (await handle.stat()).size;
    const head = await readBlock(handle, 0, Math.min(size, HEAD_BYTES));
    const key = encoding === 'wechat-xor-dat' ? detectXorKey(head)?.key : 0;
    if (key === undefined) {
      await handle.close();
      return 'unreadable-image-data';
    }
    if (key) xorInPlace(head, key);
    return {
      head,
      isWhole: head.length === size,
      async *chunks() {
        yield head;
        // One block is read ahead while the previous one is hashed and encrypted: disk and CPU overlap.
        const readAhead = (at: number) => {
          const pending = at < size ? readBlock(handle, at, Math.min(READ_BYTES, size - at)) : null;
          pending?.catch(() => undefined); // awaited below; never an unhandled rejection if the consumer stops
          return pending;
        };
        let at = head.length;
        for (let next = readAhead(at); next;) {
          const block = await next;
          if (block.length === 0) throw new SourceReadError(`${location.path} ended early`);
          at += block.length;
          next = readAhead(at);
          yield key ? xorInPlace(block, key) : block;
        }
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof SourceReadError) return 'source-read-failed';
    throw error;
  }
}

async function readBlock(handle: fs.FileHandle, position: number, length: number): Promise<Uint8Array> {
  try {
    const { buffer, filled } = await readFully(handle, position, length);
    return buffer.subarray(0, filled);
  } catch (error) {
    throw new SourceReadError(String(error), { cause: error });
  }
}

function xorInPlace(bytes: Uint8Array, key: number): Uint8Array {
  for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ key;
  return bytes;
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
