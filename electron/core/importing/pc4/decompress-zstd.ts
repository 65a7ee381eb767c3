import { Decompress } from 'fzstd';

/** No message body is this large; a frame that claims or produces more is refused rather than allocated. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export type ZstdOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'zstd-dictionary' | 'zstd-too-large' | 'zstd-unreadable' };

export function hasZstdMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZSTD_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Decompresses one standard zstd frame (WECHAT-FORMATS.md §3.3: WeChat 4.x `message_content` and `source`).
 *
 * The frame header is read first (RFC 8878 §3.1.1.1): a frame that names a dictionary cannot be decoded without
 * WCDB's dictionary, which Locket does not have; a frame whose declared content size or window exceeds the cap is
 * refused before fzstd allocates a buffer of that size. The stream is then decoded chunk by chunk and stopped as
 * soon as it passes the cap, so a frame without a declared size cannot expand without bound either.
 */
export function decompressZstd(bytes: Uint8Array, maxBytes = MAX_DECOMPRESSED_BYTES): ZstdOutcome {
  const header = readFrameHeader(bytes);
  if (!header) return { ok: false, reason: 'zstd-unreadable' };
  if (header.dictionaryId !== 0) return { ok: false, reason: 'zstd-dictionary' };
  if ((header.contentSize ?? 0) > maxBytes || header.windowSize > maxBytes) return { ok: false, reason: 'zstd-too-large' };

  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooLarge = true;
      throw new RangeError('zstd output past the cap');
    }
    // fzstd may reuse its window buffer for the next chunk, so keep a copy.
    chunks.push(Uint8Array.from(chunk));
  });
  try {
    stream.push(bytes, true);
  } catch {
    return { ok: false, reason: tooLarge ? 'zstd-too-large' : 'zstd-unreadable' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

interface FrameHeader {
  dictionaryId: number;
  contentSize: number | null;
  windowSize: number;
}

/** The zstd frame header: magic, descriptor, optional window descriptor, dictionary id and content size. */
function readFrameHeader(bytes: Uint8Array): FrameHeader | null {
  if (!hasZstdMagic(bytes) || bytes.length < 6) return null;
  const descriptor = bytes[4]!;
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryIdFlag = descriptor & 3;
  // Bit 3 is reserved and must be zero.
  if (descriptor & 0x08) return null;
  let at = 5;
  let windowSize = 0;
  if (!singleSegment) {
    const windowDescriptor = bytes[at++]!;
    const base = 2 ** (10 + (windowDescriptor >> 3));
    windowSize = base + (base / 8) * (windowDescriptor & 7);
  }
  const dictionaryIdBytes = [0, 1, 2, 4][dictionaryIdFlag]!;
  const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : [0, 2, 4, 8][contentSizeFlag]!;
  if (at + dictionaryIdBytes + contentSizeBytes > bytes.length) return null;
  const dictionaryId = readLittleEndian(bytes, at, dictionaryIdBytes);
  at += dictionaryIdBytes;
  let contentSize: number | null = null;
  if (contentSizeBytes > 0) contentSize = readLittleEndian(bytes, at, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
  // With a single segment the window is the whole content.
  if (singleSegment) windowSize = contentSize ?? 0;
  return { dictionaryId, contentSize, windowSize };
}

/** Little-endian unsigned integer; 8-byte sizes past 2^53 lose precision, but any such size is over the cap anyway. */
function readLittleEndian(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + bytes[at + i]!;
  return value;
}
