import { deflate, inflate, inflateSync, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';

/**
 * Compressed plaintext of a catalog or shard file (FORMAT.md, "Compressed files"): the uncompressed length as 8
 * little-endian bytes, then one zlib stream (RFC 1950) of exactly that many bytes. Node's own zlib rather than
 * fflate: the same format (Python's stdlib reads both), measured 3 to 6 times faster on real shards.
 */
const LENGTH_BYTES = 8;

/**
 * zlib level 4, the knee measured on the import bench's shards (38 MB of them, one busy core): level 1 shrinks them
 * 6.2 times at 187 MB/s, level 4 6.7 times at 112 MB/s, level 6 (zlib's default) 7.1 times at 48 MB/s, level 9 7.3
 * times at 10 MB/s. An import writes each shard about twice. Inflating is equally fast at every level.
 */
const LEVEL = 4;

/**
 * No catalog or shard may declare more than this uncompressed: sql.js could not hold it anyway. A shard is held to
 * far less (`shardPlaintextLimit`); the catalog, which has no recorded size, only to this.
 */
export const MAX_PLAINTEXT_BYTES = 1024 * 1024 * 1024;

/**
 * The most a shard may hold uncompressed: what the catalog's shard directory records (`byte_size`, the database's
 * exact length when written), but at least the default shard budget (16 MiB), which writers split shards at. A shard
 * goes over the budget only when one second holds more, and then its recorded size says so.
 */
export function shardPlaintextLimit(recordedBytes: number): number {
  return Math.min(MAX_PLAINTEXT_BYTES, Math.max(SHARD_BUDGET_BYTES, recordedBytes));
}
const SHARD_BUDGET_BYTES = 16 * 1024 * 1024;

const deflateAsync = promisify(deflate);

/**
 * Deflates in libuv's thread pool, not on the calling thread: a writer that goes on with the next shard while this
 * one is compressed and written (a wipe, retention/execute-wipe.ts) overlaps the two on a second core. `plain` must
 * not change until the promise settles.
 */
export async function compressPlaintext(plain: Uint8Array): Promise<Buffer> {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeBigUInt64LE(BigInt(plain.length));
  return Buffer.concat([length, await deflateAsync(plain, { level: LEVEL })]);
}

const inflateAsync = promisify(inflate) as unknown as (
  data: Uint8Array,
  options: ZlibOptions & { info: true },
) => Promise<Inflated>;

/** `info: true` also returns the engine, whose bytesWritten is the input consumed (@types/node does not type it). */
interface Inflated {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

/**
 * Inflates what `compressPlaintext` wrote, refusing (with `corrupt(reason)`) a length above `limit` before
 * anything is inflated, and a stream that inflates to more or less than its declared length: a file that would
 * inflate to gigabytes (a decompression bomb) costs at most `limit` bytes of memory.
 */
export function decompressPlaintext(data: Uint8Array, limit: number, corrupt: (reason: string) => Error): Uint8Array {
  const { length, stream } = declared(data, limit, corrupt);
  let inflated: Inflated;
  try {
    inflated = inflateSync(stream, inflateOptions(length)) as unknown as Inflated;
  } catch (error) {
    throw inflateError(error, length, corrupt);
  }
  return checked(inflated, length, stream, corrupt);
}

/**
 * `decompressPlaintext` in libuv's thread pool, not on the calling thread (inflating is two thirds of opening a
 * shard, measured in `npm run bench search-scan`): a search reading shards ahead (store/shard-cache.ts, `scan`)
 * inflates the next ones on the second core while it queries this one. The same checks and limits. Only for reads
 * ahead: waiting for the pool costs a shard needed at once a few ms more than inflating it here. `data` must not
 * change until the promise settles.
 */
export async function decompressPlaintextInPool(
  data: Uint8Array,
  limit: number,
  corrupt: (reason: string) => Error,
): Promise<Uint8Array> {
  const { length, stream } = declared(data, limit, corrupt);
  let inflated: Inflated;
  try {
    inflated = await inflateAsync(stream, inflateOptions(length));
  } catch (error) {
    throw inflateError(error, length, corrupt);
  }
  return checked(inflated, length, stream, corrupt);
}

/** The declared length, refused above `limit` before anything is inflated, and the zlib stream after it. */
function declared(
  data: Uint8Array,
  limit: number,
  corrupt: (reason: string) => Error,
): { length: number; stream: Buffer } {
  if (data.length < LENGTH_BYTES) throw corrupt('its compressed contents are truncated');
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const declaredLength = view.readBigUInt64LE(0);
  const bound = Math.min(limit, MAX_PLAINTEXT_BYTES);
  if (declaredLength > BigInt(bound)) {
    throw corrupt(
      `it says it holds ${declaredLength} bytes uncompressed, more than the ${bound} a file of its kind may hold`,
    );
  }
  return { length: Number(declaredLength), stream: view.subarray(LENGTH_BYTES) };
}

function inflateOptions(length: number): ZlibOptions & { info: true } {
  // maxOutputLength stops inflating at the declared length: a stream that goes on is refused there, not held.
  // One output chunk one byte larger than the declared length: zlib's default 16 KiB chunks cost a call each and a
  // copy of them all into one buffer at the end (a third of inflating a shard, measured on the export bench).
  return { maxOutputLength: Math.max(1, length), chunkSize: Math.max(64, length + 1), info: true };
}

function inflateError(error: unknown, length: number, corrupt: (reason: string) => Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return corrupt(
    code === 'ERR_BUFFER_TOO_LARGE'
      ? `its compressed contents inflate to more than the ${length} bytes it says it holds`
      : 'its compressed contents are damaged',
  );
}

function checked(inflated: Inflated, length: number, stream: Buffer, corrupt: (reason: string) => Error): Buffer {
  const plain = inflated.buffer;
  if (plain.length !== length) {
    throw corrupt(`its compressed contents inflate to ${plain.length} bytes instead of ${length}`);
  }
  if (inflated.engine.bytesWritten !== stream.length) throw corrupt('it has bytes after its compressed contents');
  return plain;
}
