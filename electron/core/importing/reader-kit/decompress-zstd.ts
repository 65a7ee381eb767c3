import { Decompress } from 'fzstd';
import { MAX_CONTENT_BYTES } from './content-bound';

/** No message body is this large; a frame that claims or produces more is refused rather than allocated. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * The largest window a frame may make fzstd allocate. fzstd's streaming decoder allocates the frame's whole window
 * up front, and a single-segment frame's window is its declared content size: without this bound a frame declaring
 * 60 MiB costs 60 MiB before a byte is produced. zstd's own decoder refuses windows past 128 MiB by default; WCDB
 * frames hold one message, far below this.
 */
export const MAX_WINDOW_BYTES = 8 * 1024 * 1024;

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export type ZstdFailure = 'zstd-dictionary' | 'zstd-too-large' | 'zstd-unreadable';
export type ZstdOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: ZstdFailure };
export type ZstdPrefixOutcome =
  { ok: true; bytes: Uint8Array; truncated: boolean } | { ok: false; reason: ZstdFailure };

export function hasZstdMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZSTD_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Decompresses one standard zstd frame (docs/wechat-formats.md §3.3: WeChat 4.x `message_content` and `source`) and
 * refuses, with 'zstd-too-large', one whose output passes `maxBytes`. See `decompressZstdPrefix`.
 */
export function decompressZstd(bytes: Uint8Array, maxBytes = MAX_DECOMPRESSED_BYTES): ZstdOutcome {
  const outcome = decompressZstdPrefix(bytes, maxBytes);
  if (!outcome.ok) return outcome;
  return outcome.truncated ? { ok: false, reason: 'zstd-too-large' } : { ok: true, bytes: outcome.bytes };
}

/**
 * Decompresses one standard zstd frame, keeping at most `maxBytes` of its output (default `MAX_CONTENT_BYTES`):
 * past that the decoder is stopped and the prefix comes back with `truncated: true`. Nothing larger than the bound
 * and one window is ever allocated, whatever the frame declares (issue 17, item 3).
 *
 * The frame headers are read first (RFC 8878 §3.1.1): a frame that names a dictionary cannot be decoded without
 * WCDB's dictionary, which Locket does not have ('zstd-dictionary'); a value that is not a sequence of well-formed
 * frames is 'zstd-unreadable'; a frame whose window passes `MAX_WINDOW_BYTES` is refused before fzstd allocates it
 * ('zstd-too-large'). The declared content size is not trusted: the stream is decoded block by block (at most
 * 128 KiB each) and stopped at the bound.
 */
export function decompressZstdPrefix(bytes: Uint8Array, maxBytes = MAX_CONTENT_BYTES): ZstdPrefixOutcome {
  // A frame naming a dictionary is recognized from its header alone; its blocks need not make sense.
  const first = readFrameHeader(bytes, 0);
  if (first && first.dictionaryId !== 0) return { ok: false, reason: 'zstd-dictionary' };
  const frames = readFrames(bytes);
  if (!frames) return { ok: false, reason: 'zstd-unreadable' };
  if (frames.some((f) => f.dictionaryId !== 0)) return { ok: false, reason: 'zstd-dictionary' };
  if (frames.some((f) => f.windowSize > MAX_WINDOW_BYTES)) return { ok: false, reason: 'zstd-too-large' };

  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  const stream = new Decompress((chunk) => {
    const room = maxBytes - total;
    // fzstd may reuse its window buffer for the next chunk, so keep a copy.
    chunks.push(Uint8Array.from(chunk.subarray(0, Math.min(chunk.length, room))));
    total += Math.min(chunk.length, room);
    if (chunk.length > room) {
      truncated = true;
      throw new RangeError('zstd output past the bound');
    }
  });
  try {
    stream.push(bytes, true);
  } catch {
    // Stopped at the bound (the prefix is kept), or the frame is damaged.
    if (!truncated) return { ok: false, reason: 'zstd-unreadable' };
  }
  return { ok: true, bytes: Buffer.concat(chunks), truncated };
}

interface FrameHeader {
  dictionaryId: number;
  contentSize: number | null;
  windowSize: number;
  /** Where the frame's first block header starts. */
  end: number;
  hasChecksum: boolean;
}

/** Skippable frames (RFC 8878 §3.1.2): magic 0x184D2A50 to 0x184D2A5F, little-endian, then a 4-byte size. */
function isSkippableFrame(bytes: Uint8Array, at: number): boolean {
  return (
    at + 8 <= bytes.length &&
    (bytes[at]! & 0xf0) === 0x50 &&
    bytes[at + 1] === 0x2a &&
    bytes[at + 2] === 0x4d &&
    bytes[at + 3] === 0x18
  );
}

/**
 * Every frame of the value, walked by its headers without decoding anything: fzstd goes on to any frame that
 * follows the first and allocates that frame's window too, so each one is checked. Null when the bytes are not a
 * sequence of well-formed frames (a block type 3, a size running past the end, trailing garbage).
 */
function readFrames(bytes: Uint8Array): FrameHeader[] | null {
  const frames: FrameHeader[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (isSkippableFrame(bytes, at)) {
      at += 8 + readLittleEndian(bytes, at + 4, 4);
      if (at > bytes.length) return null;
      continue;
    }
    const header = readFrameHeader(bytes, at);
    if (!header) return null;
    at = header.end;
    for (let last = false; !last;) {
      if (at + 3 > bytes.length) return null;
      const blockHeader = readLittleEndian(bytes, at, 3);
      last = (blockHeader & 1) === 1;
      const type = (blockHeader >> 1) & 3;
      const size = blockHeader >>> 3;
      if (type === 3) return null;
      // A run-length block stores its one byte; raw and compressed blocks store `size` bytes.
      at += 3 + (type === 1 ? 1 : size);
      if (at > bytes.length) return null;
    }
    if (header.hasChecksum) at += 4;
    if (at > bytes.length) return null;
    frames.push(header);
  }
  return frames.length > 0 ? frames : null;
}

/** A zstd frame header at `at`: magic, descriptor, optional window descriptor, dictionary id and content size. */
function readFrameHeader(bytes: Uint8Array, at: number): FrameHeader | null {
  if (at + 6 > bytes.length || !hasZstdMagic(bytes.subarray(at, at + 4))) return null;
  const descriptor = bytes[at + 4]!;
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryIdFlag = descriptor & 3;
  // Bit 3 is reserved and must be zero.
  if (descriptor & 0x08) return null;
  let next = at + 5;
  let windowSize = 0;
  if (!singleSegment) {
    const windowDescriptor = bytes[next++]!;
    const base = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = base + (base / 8) * (windowDescriptor & 7);
  }
  const dictionaryIdBytes = [0, 1, 2, 4][dictionaryIdFlag]!;
  const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : [0, 2, 4, 8][contentSizeFlag]!;
  if (next + dictionaryIdBytes + contentSizeBytes > bytes.length) return null;
  const dictionaryId = readLittleEndian(bytes, next, dictionaryIdBytes);
  next += dictionaryIdBytes;
  let contentSize: number | null = null;
  if (contentSizeBytes > 0)
    contentSize = readLittleEndian(bytes, next, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
  next += contentSizeBytes;
  // With a single segment the window is the whole content.
  if (singleSegment) windowSize = contentSize ?? 0;
  return { dictionaryId, contentSize, windowSize, end: next, hasChecksum: ((descriptor >> 2) & 1) === 1 };
}

/** Little-endian unsigned integer; 8-byte sizes past 2^53 lose precision, but any such size is over the cap anyway. */
function readLittleEndian(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + bytes[at + i]!;
  return value;
}
