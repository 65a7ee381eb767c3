import { CONTENT_TOO_LARGE, wholeUtf8Prefix } from '../reader-kit/content-bound';
import { decodeUtf8 } from '../reader-kit/decode-utf8';
import { decompressZstdPrefix, hasZstdMagic } from '../reader-kit/decompress-zstd';

/**
 * WCDB's compression tag for the `Message` column, `WCDB_CT_Message` = (CompressedType << 1) | (1 when the original
 * value was a BLOB), CompressedType 1 = zstd with a dictionary, 2 = plain zstd (docs/wechat-formats.md §3.3, WCDB
 * `CompressionConst.hpp`). Recent iOS data has tag 2 and frames naming dictionary 5 (WechatExporter issue #202).
 */
const DICTIONARY_TAGS = new Set([2, 3]);
const PLAIN_ZSTD_TAGS = new Set([4, 5]);

/** Reason and warning for a body WeChat compressed with a dictionary Locket does not have. */
export const UNKNOWN_DICTIONARY = 'compressed-with-unknown-dictionary';
export const UNKNOWN_DICTIONARY_TEXT = '[Compressed by WeChat with a dictionary Locket does not have]';

export type IosBody =
  | { readable: true; text: string; warnings: string[] }
  /** The bytes stay in `raw`; nothing of them is decoded as text. */
  | { readable: false; reason: string; dictionaryId: number | null; warnings: string[] };

/**
 * The text of a chat row's `Message`. A zstd frame (by the tag or by its magic) is decompressed when it is plain;
 * one that needs a dictionary (tag 2/3, or a frame header naming one) is never decoded: it is reported unreadable.
 */
export function decodeIosBody(message: string | Uint8Array | null, tag: number | null): IosBody {
  if (message === null) return { readable: true, text: '', warnings: ['null-content'] };
  if (typeof message === 'string') return { readable: true, text: message, warnings: [] };
  const dictionaryId = zstdDictionaryId(message);
  if ((tag !== null && DICTIONARY_TAGS.has(tag)) || (dictionaryId !== null && dictionaryId !== 0)) {
    return {
      readable: false,
      reason: UNKNOWN_DICTIONARY,
      dictionaryId: dictionaryId || null,
      warnings: [UNKNOWN_DICTIONARY],
    };
  }
  if ((tag !== null && PLAIN_ZSTD_TAGS.has(tag)) || hasZstdMagic(message)) {
    // Bounded as the PC readers are (reader-kit/content-bound.ts): a tiny frame may claim any size once expanded.
    const outcome = decompressZstdPrefix(message);
    if (!outcome.ok) return { readable: false, reason: outcome.reason, dictionaryId: null, warnings: [outcome.reason] };
    const body = decodeUtf8(outcome.truncated ? wholeUtf8Prefix(outcome.bytes) : outcome.bytes);
    return {
      readable: true,
      text: body.text,
      warnings: outcome.truncated ? [...body.warnings, CONTENT_TOO_LARGE] : body.warnings,
    };
  }
  // A BLOB where TEXT belongs: decode, and say so when the bytes are not valid UTF-8.
  return { readable: true, ...decodeUtf8(message) };
}

/**
 * The Dictionary_ID of a zstd frame header (RFC 8878 §3.1.1.1): magic 0xFD2FB528, then the Frame_Header_Descriptor,
 * whose low two bits give the id's size (0, 1, 2 or 4 bytes), after the Window_Descriptor unless Single_Segment.
 * 0 when the frame names none; null when the bytes are not a zstd frame header.
 */
export function zstdDictionaryId(bytes: Uint8Array): number | null {
  if (!hasZstdMagic(bytes) || bytes.length < 5) return null;
  const descriptor = bytes[4]!;
  const size = [0, 1, 2, 4][descriptor & 3]!;
  const at = (descriptor & 0x20) !== 0 ? 5 : 6;
  if (at + size > bytes.length) return null;
  let id = 0;
  for (let i = size - 1; i >= 0; i--) id = id * 256 + bytes[at + i]!;
  return id;
}
