import { LocketError } from '../errors';
import { MAX_PLAINTEXT_BYTES, compressPlaintext, decompressPlaintext, decompressPlaintextInPool } from './compression';
import { loadSodium, type Sodium } from './sodium';

/** Layout from FORMAT.md, "Encrypted files". */
const FILE_MAGIC = Buffer.from('LKTF', 'ascii');
/** Version 1: the plaintext is the file's contents. Every media file, and catalogs and shards written before issue 19. */
const FILE_VERSION = 1;
/** Version 2: the plaintext is the contents compressed (FORMAT.md, "Compressed files"). Catalogs and shards only. */
const FILE_VERSION_COMPRESSED = 2;
/**
 * Version 3: the plaintext is a filter section, then the contents compressed as in version 2 (FORMAT.md, "Phrase
 * filters"). Shards only: a search reads the filter from the file's first chunks and leaves the shard unread when the
 * filter rules it out.
 */
const FILE_VERSION_FILTERED = 3;
/** The most a filter section may declare: a shard's phrase filter is at most 16 MiB and a 259-byte header. */
export const MAX_FILTER_SECTION_BYTES = 16 * 1024 * 1024 + 259;
const FILTER_LENGTH_BYTES = 4;

/** What a file's version says its plaintext is. */
export type FileLayout = 'plain' | 'compressed' | 'filtered';
const VERSION_OF_LAYOUT: Record<FileLayout, number> = {
  plain: FILE_VERSION,
  compressed: FILE_VERSION_COMPRESSED,
  filtered: FILE_VERSION_FILTERED,
};
const LAYOUTS = Object.keys(VERSION_OF_LAYOUT) as FileLayout[];
export const CHUNK_SIZE = 65536;
export const PREFIX_LENGTH = 40;
const WRAPPED_KEY_LENGTH = 72;
export const STREAM_HEADER_LENGTH = 24;
export const CHUNK_OVERHEAD = 17;

export const FileKind = { catalog: 1, shard: 2, media: 3 } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];
/** Associated-data kind for keys that are not files (the evidence signing key). */
export const KEY_KIND_SIGNING = 0;

export interface FileIdentity {
  vaultId: Uint8Array;
  kind: FileKind;
  fileId: Uint8Array;
  /** How the file is named to a person in errors, e.g. "shards/3f…e1.lkt". */
  label: string;
}

export function fileHeaderBytes(identity: Omit<FileIdentity, 'label'>, layout: FileLayout = 'plain'): Buffer {
  const out = Buffer.alloc(PREFIX_LENGTH);
  FILE_MAGIC.copy(out, 0);
  out.writeUInt8(VERSION_OF_LAYOUT[layout], 4);
  out.writeUInt8(identity.kind, 5);
  Buffer.from(identity.vaultId).copy(out, 8);
  Buffer.from(identity.fileId).copy(out, 24);
  return out;
}

function keyAssociatedData(vaultId: Uint8Array, kind: number, fileId: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(vaultId), Buffer.from([kind]), Buffer.from(fileId)]);
}

/** Wraps a file key under the vault's wrap key, bound to the file's identity (72 bytes). */
export async function wrapKey(
  wrapKeyBytes: Uint8Array,
  key: Uint8Array,
  vaultId: Uint8Array,
  kind: number,
  fileId: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const nonce = sodium.randombytes_buf(24);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    key,
    keyAssociatedData(vaultId, kind, fileId),
    null,
    nonce,
    wrapKeyBytes,
  );
  return Buffer.concat([nonce, sealed]);
}

export async function unwrapKey(
  wrapKeyBytes: Uint8Array,
  wrapped: Uint8Array,
  vaultId: Uint8Array,
  kind: number,
  fileId: Uint8Array,
  label: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  if (wrapped.length < 24 + 16) throw corruptFile(label, 'its key record is too short');
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      wrapped.subarray(24),
      keyAssociatedData(vaultId, kind, fileId),
      wrapped.subarray(0, 24),
      wrapKeyBytes,
    );
  } catch {
    throw corruptFile(label, 'its key record does not belong to it');
  }
}

export function corruptFile(label: string, reason: string): LocketError {
  return new LocketError(
    'vault-corrupt',
    `The vault file ${label} is damaged or was replaced: ${reason}. Restore the vault folder from a backup.`,
    { file: label },
  );
}

/**
 * Pushes plaintext through secretstream in fixed chunks. Used for whole buffers (catalog, shards) and,
 * chunk by chunk, for media that must not be held in memory whole.
 */
export class ChunkSealer {
  private pending = Buffer.alloc(0);
  private readonly state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_push']>['state'];
  readonly streamHeader: Uint8Array;

  constructor(
    private readonly sodium: Sodium,
    key: Uint8Array,
    private readonly ad: Uint8Array,
  ) {
    const init = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    this.state = init.state;
    this.streamHeader = init.header;
  }

  /** Returns the encrypted chunks that are complete so far. */
  push(plain: Uint8Array): Uint8Array[] {
    // Copy only what cannot be sealed straight from the caller's buffer.
    let input = this.pending.length ? Buffer.concat([this.pending, plain]) : plain;
    const out: Uint8Array[] = [];
    // Keep at least one byte back so the FINAL chunk is never empty unless the whole stream is.
    while (input.length > CHUNK_SIZE) {
      out.push(this.seal(input.subarray(0, CHUNK_SIZE), false));
      input = input.subarray(CHUNK_SIZE);
    }
    this.pending = Buffer.from(input);
    return out;
  }

  finish(): Uint8Array {
    const last = this.seal(this.pending, true);
    this.pending = Buffer.alloc(0);
    return last;
  }

  private seal(chunk: Uint8Array, isFinal: boolean): Uint8Array {
    const tag = isFinal
      ? this.sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : this.sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    return this.sodium.crypto_secretstream_xchacha20poly1305_push(this.state, chunk, this.ad, tag);
  }
}

/**
 * Encrypts a whole plaintext into the file format. For the catalog, pass the wrapped key to embed. `compress`
 * (catalogs and shards) writes a version-2 file whose plaintext is the contents compressed; `filter` (shards only, a
 * phrase filter or null for none) a version-3 file whose plaintext is the filter's section, then the contents
 * compressed.
 */
export async function sealBuffer(
  identity: Omit<FileIdentity, 'label'>,
  key: Uint8Array,
  contents: Uint8Array,
  embeddedWrappedKey?: Uint8Array,
  { compress = false, filter }: { compress?: boolean; filter?: Uint8Array | null } = {},
): Promise<Buffer> {
  const sodium = await loadSodium();
  if (compress && identity.kind === FileKind.media) throw new Error('media files are never compressed');
  if (filter !== undefined && (!compress || identity.kind !== FileKind.shard))
    throw new Error('only a compressed shard carries a filter');
  if (filter && filter.length > MAX_FILTER_SECTION_BYTES) throw new Error('a phrase filter is at most 16 MiB');
  const layout: FileLayout = filter !== undefined ? 'filtered' : compress ? 'compressed' : 'plain';
  const header = fileHeaderBytes(identity, layout);
  const compressed = compress ? await compressPlaintext(contents) : contents;
  const plaintext =
    filter !== undefined
      ? Buffer.concat([filterSectionHead(filter), filter ?? new Uint8Array(0), compressed])
      : compressed;
  const sealer = new ChunkSealer(sodium, key, header);
  const parts: Uint8Array[] = [header];
  if (identity.kind === FileKind.catalog) {
    if (!embeddedWrappedKey) throw new Error('a catalog file embeds its wrapped key');
    parts.push(embeddedWrappedKey);
  }
  parts.push(sealer.streamHeader);
  parts.push(...sealer.push(plaintext));
  parts.push(sealer.finish());
  return Buffer.concat(parts);
}

function filterSectionHead(filter: Uint8Array | null): Buffer {
  const head = Buffer.alloc(FILTER_LENGTH_BYTES);
  head.writeUInt32LE(filter?.length ?? 0);
  return head;
}

/**
 * Checks a file's plaintext header against the identity the catalog expects. Returns what its plaintext is: compressed
 * (version 2) only for a catalog or shard, filtered (version 3) only for a shard.
 */
export function checkFileHeader(bytes: Uint8Array, expected: FileIdentity): FileLayout {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX_LENGTH || !buf.subarray(0, 4).equals(FILE_MAGIC))
    throw corruptFile(expected.label, 'it is not a Locket file');
  const layout = fileLayoutOf(buf);
  if (layout === null) {
    throw new LocketError(
      'unsupported-version',
      `The vault file ${expected.label} uses a newer format (${buf.readUInt8(4)}). Update Locket to open it.`,
      { file: expected.label },
    );
  }
  if (buf.readUInt8(5) !== expected.kind) throw corruptFile(expected.label, 'it holds another kind of data');
  if (!buf.subarray(8, 24).equals(Buffer.from(expected.vaultId)))
    throw corruptFile(expected.label, 'it belongs to another vault');
  if (!buf.subarray(24, 40).equals(Buffer.from(expected.fileId)))
    throw corruptFile(expected.label, 'it is another file of this vault');
  if (layout !== 'plain' && expected.kind === FileKind.media)
    throw corruptFile(expected.label, 'it says it is compressed');
  if (layout === 'filtered' && expected.kind !== FileKind.shard)
    throw corruptFile(expected.label, 'it says it holds a phrase filter');
  return layout;
}

/**
 * What a file whose first bytes are `prefix` says its plaintext is (checked when opened): 'filtered' is the current
 * shard format, 'compressed' a shard or catalog without a phrase filter, 'plain' one written before compression.
 */
export function fileLayoutOf(prefix: Uint8Array): FileLayout | null {
  if (prefix.length <= 4) return null;
  return LAYOUTS.find((layout) => VERSION_OF_LAYOUT[layout] === prefix[4]) ?? null;
}

/**
 * A version-3 plaintext cut into its filter (null when the section is empty) and its compressed contents. A section
 * longer than the plaintext or than any filter may be is refused as damage: only a writer holding the key could have
 * written it.
 */
export function filterSection(plain: Uint8Array, label: string): { filter: Uint8Array | null; compressed: Uint8Array } {
  if (plain.length < FILTER_LENGTH_BYTES) throw corruptFile(label, 'its phrase filter is truncated');
  const length = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).readUInt32LE(0);
  if (length > MAX_FILTER_SECTION_BYTES || FILTER_LENGTH_BYTES + length > plain.length)
    throw corruptFile(label, `its phrase filter says it holds ${length} bytes, more than it can`);
  return {
    filter: length === 0 ? null : plain.subarray(FILTER_LENGTH_BYTES, FILTER_LENGTH_BYTES + length),
    compressed: plain.subarray(FILTER_LENGTH_BYTES + length),
  };
}

/** The length of a filter section whose first bytes are `head`, or null while fewer than 4 are known. */
export function filterSectionLength(head: Uint8Array): number | null {
  if (head.length < FILTER_LENGTH_BYTES) return null;
  return FILTER_LENGTH_BYTES + Buffer.from(head.buffer, head.byteOffset, head.byteLength).readUInt32LE(0);
}

/** Returns the wrapped key a catalog file carries after its header. */
export function embeddedWrappedKey(bytes: Uint8Array, label: string): Uint8Array {
  if (bytes.length < PREFIX_LENGTH + WRAPPED_KEY_LENGTH) throw corruptFile(label, 'it is truncated');
  return bytes.subarray(PREFIX_LENGTH, PREFIX_LENGTH + WRAPPED_KEY_LENGTH);
}

/**
 * Decrypts a whole file, checking identity, every chunk, the FINAL tag and that nothing follows it, and inflates a
 * compressed one, refusing one that says it holds more than `limit` bytes (a shard: compression.ts,
 * `shardPlaintextLimit`).
 */
export async function openBuffer(
  bytes: Uint8Array,
  expected: FileIdentity,
  key: Uint8Array,
  limit = MAX_PLAINTEXT_BYTES,
  options: { inflateInPool?: boolean } = {},
): Promise<Uint8Array> {
  return (await openBufferWithFilter(bytes, expected, key, limit, options)).contents;
}

/** `openBuffer`, with the phrase filter a version-3 shard holds (null for none, and for older versions). */
export async function openBufferWithFilter(
  bytes: Uint8Array,
  expected: FileIdentity,
  key: Uint8Array,
  limit = MAX_PLAINTEXT_BYTES,
  /** Inflate in libuv's thread pool (compression.ts, `decompressPlaintextInPool`): for a shard read ahead. */
  { inflateInPool = false }: { inflateInPool?: boolean } = {},
): Promise<{ contents: Uint8Array; filter: Uint8Array | null }> {
  const { plain, layout } = await decryptBuffer(bytes, expected, key);
  if (layout === 'plain') return { contents: plain, filter: null };
  const { filter, compressed } =
    layout === 'filtered' ? filterSection(plain, expected.label) : { filter: null, compressed: plain };
  const corrupt = (reason: string) => corruptFile(expected.label, reason);
  const contents = await (inflateInPool
    ? decompressPlaintextInPool(compressed, limit, corrupt)
    : decompressPlaintext(compressed, limit, corrupt));
  return { contents, filter };
}

/**
 * `openBuffer` without the inflating: the file's plaintext as stored, and whether it is compressed. Apart only so
 * that a benchmark can time the two steps apart.
 */
export async function decryptBuffer(
  bytes: Uint8Array,
  expected: FileIdentity,
  key: Uint8Array,
): Promise<{ plain: Uint8Array; layout: FileLayout }> {
  const sodium = await loadSodium();
  const layout = checkFileHeader(bytes, expected);
  const header = bytes.subarray(0, PREFIX_LENGTH);
  let at = PREFIX_LENGTH + (expected.kind === FileKind.catalog ? WRAPPED_KEY_LENGTH : 0);
  if (bytes.length < at + STREAM_HEADER_LENGTH + CHUNK_OVERHEAD) throw corruptFile(expected.label, 'it is truncated');
  let state;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(bytes.subarray(at, at + STREAM_HEADER_LENGTH), key);
  } catch {
    throw corruptFile(expected.label, 'its stream header is invalid');
  }
  at += STREAM_HEADER_LENGTH;
  const plainLength = plaintextLength(bytes.length - at);
  if (plainLength < 0) throw corruptFile(expected.label, 'it is truncated');
  const out = new Uint8Array(plainLength);
  let written = 0;
  while (at < bytes.length) {
    const end = Math.min(bytes.length, at + CHUNK_SIZE + CHUNK_OVERHEAD);
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, bytes.subarray(at, end), header);
    if (!result) throw corruptFile(expected.label, `its contents fail authentication at byte ${at}`);
    out.set(result.message, written);
    written += result.message.length;
    at = end;
    const isFinal = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (isFinal !== (at === bytes.length)) {
      throw corruptFile(expected.label, isFinal ? 'it has extra bytes after its end' : 'it is truncated');
    }
  }
  return { plain: out, layout };
}

/** Plaintext size for a given ciphertext size after the stream header, or -1 if no valid file has that size. */
export function plaintextLength(cipherLength: number): number {
  const full = CHUNK_SIZE + CHUNK_OVERHEAD;
  const fullChunks = Math.floor(cipherLength / full);
  const rest = cipherLength - fullChunks * full;
  if (rest >= CHUNK_OVERHEAD) return fullChunks * CHUNK_SIZE + rest - CHUNK_OVERHEAD;
  // A file whose last chunk is exactly CHUNK_SIZE ends on a full chunk: it must then be the FINAL one.
  if (rest === 0 && fullChunks > 0) return fullChunks * CHUNK_SIZE;
  return -1;
}
