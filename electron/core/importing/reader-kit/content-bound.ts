/**
 * How much decompressed text one message may keep (issue 17, item 3). A compressed body is tiny on disk and can
 * claim any size once expanded: a 110 KB backup of 4.x rows whose zstd frames expand to 60 MiB each made a vault
 * unreadable. Decompressors stop at this bound, so nothing past it is ever allocated; the message keeps the text up
 * to the bound with the warning `content-too-large`, and its raw row keeps the stored (compressed, small) bytes.
 * No real message comes near it: the largest WeChat bodies are merged-chat XML of a few hundred KB.
 */
export const MAX_CONTENT_BYTES = 4 * 1024 * 1024;

/** The warning a message gets when its decompressed body passed `MAX_CONTENT_BYTES` and was cut there. */
export const CONTENT_TOO_LARGE = 'content-too-large';

/**
 * The longest prefix of `bytes` that does not end inside a UTF-8 sequence, so text cut at a byte bound decodes
 * without a replacement character (and without an `invalid-utf8` warning) at the cut.
 */
export function wholeUtf8Prefix(bytes: Uint8Array): Uint8Array {
  let lead = bytes.length - 1;
  // Back over at most three continuation bytes (10xxxxxx) to the sequence's first byte.
  while (lead >= 0 && bytes.length - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes;
  const first = bytes[lead]!;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + length > bytes.length ? bytes.subarray(0, lead) : bytes;
}
