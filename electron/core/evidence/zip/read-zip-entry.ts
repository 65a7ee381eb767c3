import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { METHOD_STORED } from './zip-format';
import { type ZipEntry, type ZipIssue, zipIssue, ZipRefusal } from './zip-listing';
import { readAt, type ZipReader } from './zip-reader';

/** zlib's CRC-32 (Node 20.15 and later), or the same computed here for older Node 20 releases. */
const crc32: (data: Uint8Array, value: number) => number =
  typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (() => {
        const table = new Int32Array(256).map((_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c;
        });
        return (data: Uint8Array, value: number) => {
          let c = ~value;
          for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
          return ~c >>> 0;
        };
      })();

/**
 * An entry is read in pieces of this size. The inflater hands on what it makes in 64 KiB chunks, each hashed and
 * dropped before the next, so however far a piece expands, little is held at once.
 */
const READ_PIECE = 1024 * 1024;
const INFLATE_CHUNK = 64 * 1024;
/** Entries with at most this much data are read from the window and inflated in one call (output bounded too). */
const SMALL_ENTRY = 64 * 1024;

/**
 * Streams one entry's data, as the directory places and describes it, to `onData`, inflating it in small pieces:
 * inflation stops as soon as it yields more than the directory declared. Returns why the data is wrong (CRC,
 * size, a damaged deflate stream) as the entry's issue, or null when it is what the directory says.
 */
export async function readZipEntry(
  reader: ZipReader,
  entry: ZipEntry,
  onData: (chunk: Uint8Array) => void,
): Promise<ZipIssue | null> {
  if (entry.dataOffset === null) return zipIssue(entry.name, 'malformed', 'local-header-unreadable');
  const dataOffset = entry.dataOffset;
  let crc = 0;
  let produced = 0;
  const declared = String(entry.size);
  const expandsBeyond = () => zipIssue(entry.name, 'malformed', 'expands-beyond-size', declared);
  const inflateFailed = (error: unknown) =>
    zipIssue(entry.name, 'malformed', 'inflate-failed', (error as Error).message);
  const endsEarly = (read: number) =>
    zipIssue(entry.name, 'malformed', 'deflate-ends-early', String(entry.compressedSize - read));
  const take = (chunk: Buffer): ZipIssue | null => {
    produced += chunk.length;
    if (produced > entry.size) return expandsBeyond();
    crc = crc32(chunk, crc);
    onData(chunk);
    return null;
  };
  if (entry.compressedSize <= SMALL_ENTRY) {
    const data = await reader.read(dataOffset, entry.compressedSize);
    if (entry.method === METHOD_STORED) {
      take(data);
    } else {
      let inflated: { buffer: Buffer; engine: zlib.InflateRaw };
      try {
        // At most one byte more than declared is made: enough to tell that it expands beyond its size.
        inflated = zlib.inflateRawSync(data, { info: true, maxOutputLength: entry.size + 1 }) as unknown as {
          buffer: Buffer;
          engine: zlib.InflateRaw;
        };
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return expandsBeyond();
        return inflateFailed(error);
      }
      const failure = take(inflated.buffer);
      if (failure) return failure;
      if (inflated.engine.bytesWritten !== entry.compressedSize) return endsEarly(inflated.engine.bytesWritten);
    }
  } else {
    async function* compressed(): AsyncGenerator<Buffer> {
      for (let done = 0; done < entry.compressedSize;) {
        const piece = await readAt(reader.handle, dataOffset + done, Math.min(READ_PIECE, entry.compressedSize - done));
        done += piece.length;
        yield piece;
      }
    }
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const failure = take(chunk);
        callback(failure ? new ZipRefusal(failure) : null);
      },
    });
    try {
      if (entry.method === METHOD_STORED) {
        await pipeline(Readable.from(compressed()), sink);
      } else {
        const inflater = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
        await pipeline(Readable.from(compressed()), inflater, sink);
        if (inflater.bytesWritten !== entry.compressedSize) return endsEarly(inflater.bytesWritten);
      }
    } catch (error) {
      // A refusal (it expands too far, the archive ends early) is the entry's issue, said of the entry.
      if (error instanceof ZipRefusal) return { ...error.issue, name: entry.name };
      return inflateFailed(error);
    }
  }
  if (produced !== entry.size)
    return zipIssue(entry.name, 'malformed', 'size-differs-from-directory', String(produced), declared);
  if (crc !== entry.crc) return zipIssue(entry.name, 'malformed', 'crc-differs');
  return null;
}
