const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** Bytes as UTF-8 text; bytes that are not valid UTF-8 are decoded with U+FFFD and the warning `invalid-utf8`. */
export function decodeUtf8(bytes: Uint8Array): { text: string; warnings: string[] } {
  try {
    return { text: utf8Strict.decode(bytes), warnings: [] };
  } catch {
    return { text: utf8Lenient.decode(bytes), warnings: ['invalid-utf8'] };
  }
}
