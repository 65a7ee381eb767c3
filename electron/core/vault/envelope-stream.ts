import { promises as fs } from 'node:fs';
import { fsError } from '../errors';
import { readFully } from '../read-fully';
import {
  CHUNK_OVERHEAD,
  CHUNK_SIZE,
  ChunkSealer,
  FileKind,
  PREFIX_LENGTH,
  STREAM_HEADER_LENGTH,
  checkFileHeader,
  corruptFile,
  fileHeaderBytes,
  filterSection,
  filterSectionLength,
  plaintextLength,
  type FileIdentity,
} from './envelope';
import { loadSodium, type Sodium } from './sodium';
import { FILE_MODE } from './vault-files';

/**
 * The encrypted-file format of FORMAT.md ("Encrypted files") written and read one chunk at a time, so a media item
 * of any size passes through with memory bounded by a few chunks. The bytes on disk are exactly those of
 * `sealBuffer`, and `openBuffer` opens them (and `openSealedFile` opens what `sealBuffer` wrote).
 * Only for kinds without an embedded wrapped key (shards and media; the catalog is always small).
 */

/** Sealed chunks are gathered up to about this many bytes per write call: fewer system calls, bounded memory. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Encrypted chunks read per read call. */
const READ_BATCH_CHUNKS = 16;
const SEALED_CHUNK = CHUNK_SIZE + CHUNK_OVERHEAD;

export class SealedFileWriter {
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  /** The batch being written while the next one is sealed: encryption and disk writes overlap. */
  private inFlight: Promise<void> = Promise.resolve();
  private written = 0;
  private isClosed = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly absPath: string,
    private readonly label: string,
    private readonly sealer: ChunkSealer,
  ) {}

  /**
   * Creates the file (the name must not exist yet) and writes its header and stream header. The key is only read
   * here: the caller may wipe it as soon as this returns.
   */
  static async create(absPath: string, identity: FileIdentity, key: Uint8Array): Promise<SealedFileWriter> {
    if (identity.kind === FileKind.catalog) throw new Error('a catalog file embeds its wrapped key: use sealBuffer');
    const sodium = await loadSodium();
    const header = fileHeaderBytes(identity);
    const sealer = new ChunkSealer(sodium, key, header);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(absPath, 'wx', FILE_MODE);
    } catch (error) {
      throw fsError(error, identity.label, 'write');
    }
    const writer = new SealedFileWriter(handle, absPath, identity.label, sealer);
    writer.queue(header);
    writer.queue(sealer.streamHeader);
    return writer;
  }

  /** Plaintext bytes accepted so far. */
  get plaintextBytes(): number {
    return this.written;
  }

  async write(plain: Uint8Array): Promise<void> {
    this.written += plain.length;
    for (const sealed of this.sealer.push(plain)) this.queue(sealed);
    if (this.batchBytes >= WRITE_BATCH_BYTES) await this.flush();
  }

  /** Seals the FINAL chunk and makes the file durable. */
  async finish(): Promise<void> {
    this.queue(this.sealer.finish());
    try {
      await this.flush();
      await this.inFlight;
      await this.handle.sync();
    } catch (error) {
      await this.abort();
      throw error;
    }
    this.isClosed = true;
    await this.handle.close();
  }

  /** Closes and removes a file that will not be finished. */
  async abort(): Promise<void> {
    if (!this.isClosed) {
      this.isClosed = true;
      await this.inFlight.catch(() => undefined);
      await this.handle.close().catch(() => undefined);
    }
    await fs.rm(this.absPath, { force: true }).catch(() => undefined);
  }

  private queue(bytes: Uint8Array): void {
    this.batch.push(bytes);
    this.batchBytes += bytes.length;
  }

  /** Waits for the previous batch, then starts writing this one without waiting for it. */
  private async flush(): Promise<void> {
    if (!this.batchBytes) return;
    const bytes = this.batch.length === 1 ? this.batch[0]! : Buffer.concat(this.batch);
    this.batch = [];
    this.batchBytes = 0;
    await this.inFlight;
    this.inFlight = this.writeAll(bytes);
    this.inFlight.catch(() => undefined); // surfaced by the next flush, finish or abort
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    try {
      await this.handle.write(bytes);
    } catch (error) {
      throw fsError(error, this.label, 'write');
    }
  }
}

/**
 * Decrypts a file a chunk at a time, with every check `openBuffer` makes: identity, each chunk's authentication,
 * a FINAL chunk at the very end and nothing after it. A chunk is yielded only after it authenticated; a reader that
 * must not act on a prefix of a damaged file (an export) should write to a temporary name and rename at the end.
 */
export async function* openSealedFile(
  absPath: string,
  expected: FileIdentity,
  key: Uint8Array,
): AsyncGenerator<Uint8Array> {
  if (expected.kind === FileKind.catalog) throw new Error('a catalog file embeds its wrapped key: use openBuffer');
  const sodium = await loadSodium();
  const handle = await openForReading(absPath, expected.label);
  try {
    const size = (await handle.stat()).size;
    const start = PREFIX_LENGTH + STREAM_HEADER_LENGTH;
    if (size < start + CHUNK_OVERHEAD) {
      const prefix = await readAt(handle, 0, Math.min(size, PREFIX_LENGTH), expected.label);
      checkFileHeader(prefix, expected);
      throw corruptFile(expected.label, 'it is truncated');
    }
    const head = await readAt(handle, 0, start, expected.label);
    // Only media are read a chunk at a time, and a media file is never compressed (checkFileHeader refuses one).
    if (checkFileHeader(head, expected) !== 'plain') throw new Error('a compressed file is read whole: use openBuffer');
    if (plaintextLength(size - start) < 0) throw corruptFile(expected.label, 'it is truncated');
    const pull = chunkPuller(sodium, head, key, size, expected.label);
    // The next block is read while this one is decrypted.
    const readAhead = (at: number) => {
      const pending =
        at < size ? readAt(handle, at, Math.min(size - at, SEALED_CHUNK * READ_BATCH_CHUNKS), expected.label) : null;
      pending?.catch(() => undefined); // awaited below; never an unhandled rejection if the reader stops early
      return pending;
    };
    let at = start;
    for (let next = readAhead(at); next;) {
      const block = await next;
      next = readAhead(at + block.length);
      for (let offset = 0; offset < block.length; offset += SEALED_CHUNK)
        yield pull(block.subarray(offset, Math.min(block.length, offset + SEALED_CHUNK)), at + offset);
      at += block.length;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The phrase filter of a version-3 shard file, read and decrypted from the file's first chunks only (FORMAT.md,
 * "Phrase filters"); null when the file holds none (an empty section, or a version before 3). Each chunk read is
 * authenticated, the file header included, so the filter is the one this file was written with; the rest of the file
 * is not read, and its damage is found when the shard itself is read.
 */
export async function readFilterSection(
  absPath: string,
  expected: FileIdentity,
  key: Uint8Array,
): Promise<Uint8Array | null> {
  const sodium = await loadSodium();
  const handle = await openForReading(absPath, expected.label);
  try {
    const size = (await handle.stat()).size;
    const start = PREFIX_LENGTH + STREAM_HEADER_LENGTH;
    const head = await readAt(handle, 0, Math.min(size, start), expected.label);
    if (checkFileHeader(head, expected) !== 'filtered') return null;
    if (size < start + CHUNK_OVERHEAD || plaintextLength(size - start) < 0)
      throw corruptFile(expected.label, 'it is truncated');
    const pull = chunkPuller(sodium, head, key, size, expected.label);
    const parts: Uint8Array[] = [];
    let plainBytes = 0;
    let wanted: number | null = null;
    let at = start;
    while (wanted === null || plainBytes < wanted) {
      if (at >= size) throw corruptFile(expected.label, 'its phrase filter is truncated');
      // Only the chunks the section needs: a filter of a few hundred kilobytes, not the shard behind it.
      const chunks = wanted === null ? 1 : Math.ceil((wanted - plainBytes) / CHUNK_SIZE);
      const block = await readAt(handle, at, Math.min(size - at, SEALED_CHUNK * chunks), expected.label);
      for (let offset = 0; offset < block.length; offset += SEALED_CHUNK) {
        const plain = pull(block.subarray(offset, Math.min(block.length, offset + SEALED_CHUNK)), at + offset);
        parts.push(plain);
        plainBytes += plain.length;
      }
      at += block.length;
      if (wanted === null) {
        wanted = filterSectionLength(Buffer.concat(parts));
        if (wanted === null) throw corruptFile(expected.label, 'its phrase filter is truncated');
      }
    }
    return filterSection(Buffer.concat(parts), expected.label).filter;
  } finally {
    await handle.close();
  }
}

async function openForReading(absPath: string, label: string): Promise<fs.FileHandle> {
  try {
    return await fs.open(absPath, 'r');
  } catch (error) {
    throw fsError(error, label, 'read');
  }
}

/**
 * Decrypts a file's chunks in order, given its first bytes (the file header and the stream header) and its size: each
 * call takes the next sealed chunk and where it starts, authenticates it, checks that a FINAL chunk ends the file and
 * only the last chunk is FINAL, and returns its plaintext.
 */
function chunkPuller(
  sodium: Sodium,
  head: Uint8Array,
  key: Uint8Array,
  size: number,
  label: string,
): (sealed: Uint8Array, at: number) => Uint8Array {
  const header = head.subarray(0, PREFIX_LENGTH);
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(
      head.subarray(PREFIX_LENGTH, PREFIX_LENGTH + STREAM_HEADER_LENGTH),
      key,
    );
  } catch {
    throw corruptFile(label, 'its stream header is invalid');
  }
  return (sealed, at) => {
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, header);
    if (!result) throw corruptFile(label, `its contents fail authentication at byte ${at}`);
    const isFinal = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (isFinal !== (at + sealed.length === size))
      throw corruptFile(label, isFinal ? 'it has extra bytes after its end' : 'it is truncated');
    return result.message;
  };
}

async function readAt(handle: fs.FileHandle, position: number, length: number, label: string): Promise<Buffer> {
  let read: Awaited<ReturnType<typeof readFully>>;
  try {
    read = await readFully(handle, position, length);
  } catch (error) {
    throw fsError(error, label, 'read');
  }
  if (read.filled < length) throw corruptFile(label, 'it is truncated');
  return read.buffer;
}
