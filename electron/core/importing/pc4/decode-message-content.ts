import { CONTENT_TOO_LARGE, MAX_CONTENT_BYTES, wholeUtf8Prefix } from '../reader-kit/content-bound';
import { decodeUtf8 } from '../reader-kit/decode-utf8';
import { decompressZstdPrefix, hasZstdMagic } from '../reader-kit/decompress-zstd';

/**
 * WCDB's compression tag `WCDB_CT_<column>` = (CompressedType << 1) | (1 when the original value was a BLOB), with
 * CompressedType 1 = zstd with a dictionary, 2 = plain zstd (docs/wechat-formats.md §3.3, WCDB `CompressionConst.hpp`).
 */
const ZSTD_DICTIONARY_TAGS = new Set([2, 3]);
const ZSTD_TAGS = new Set([4, 5]);

export interface DecodedContent {
  /** The body as text; empty when it could not be recovered (the raw bytes stay in `raw`). */
  text: string;
  /** Whether the stored value was compressed, so `raw` keeps it as base64 rather than text. */
  wasCompressed: boolean;
  warnings: string[];
}

/**
 * The text of a 4.x `message_content` (or `source`, or `compress_content`) value, read as bytes whatever its
 * storage class (§7 item 3). The robust rule of §3.3: decompress when the tag says zstd OR the bytes start with the
 * zstd magic; otherwise the bytes are UTF-8 text. Dictionary zstd (tags 2/3, or a frame naming a dictionary)
 * cannot be decoded: the body is left empty with the warning 'zstd-dictionary'.
 *
 * Decompressed text is bounded (issue 17, item 3): past `maxBytes` the body keeps its first `maxBytes` bytes, cut at
 * a character, with the warning 'content-too-large'; a frame whose window alone passes the decoder's bound keeps
 * no text and gets the same warning. Either way the stored, compressed bytes stay in `raw`.
 */
export function decodeMessageContent(
  bytes: Uint8Array | null,
  tag: number | null,
  maxBytes = MAX_CONTENT_BYTES,
): DecodedContent {
  if (bytes === null) return { text: '', wasCompressed: false, warnings: ['null-content'] };
  if (tag !== null && ZSTD_DICTIONARY_TAGS.has(tag))
    return { text: '', wasCompressed: true, warnings: ['zstd-dictionary'] };
  if ((tag !== null && ZSTD_TAGS.has(tag)) || hasZstdMagic(bytes)) {
    const outcome = decompressZstdPrefix(bytes, maxBytes);
    if (!outcome.ok)
      return {
        text: '',
        wasCompressed: true,
        warnings: [outcome.reason === 'zstd-too-large' ? CONTENT_TOO_LARGE : outcome.reason],
      };
    if (!outcome.truncated) return { ...decodeUtf8(outcome.bytes), wasCompressed: true };
    const decoded = decodeUtf8(wholeUtf8Prefix(outcome.bytes));
    return { text: decoded.text, wasCompressed: true, warnings: [CONTENT_TOO_LARGE, ...decoded.warnings] };
  }
  return { ...decodeUtf8(bytes), wasCompressed: false };
}
