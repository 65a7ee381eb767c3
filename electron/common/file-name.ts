/** A byte budget well under the 255 bytes most file systems allow, leaving room for a message-id prefix. */
const MAX_NAME_BYTES = 120;
const MAX_EXTENSION = 12;
// Windows device names, also with an extension (NUL.txt) or spaces before it, and COM¹–³ / LPT¹–³.
const WINDOWS_RESERVED =
  /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])\s*(\..*)?$/i;

/**
 * Makes a name that came from a backup (a file's name as its sender gave it) safe as one file name: inside an
 * evidence bag, and for the temporary copy main hands to another app. No path separators or `..`, so it cannot
 * leave its folder; no control or bidirectional-override characters (which can disguise an extension); none of the
 * characters Windows refuses or that BagIt manifests must percent-encode (`%`); not a Windows device name; not
 * hidden; no trailing dots or spaces; at most 120 UTF-8 bytes, extension kept.
 */
export function sanitizeFileName(untrusted: string, fallback = 'file'): string {
  // A name that is a path ("../../x.txt", "C:\\Users\\x.txt") is the file's name with a path before it: keep the name.
  const lastSegment =
    untrusted
      .split(/[/\\]/)
      .filter((s) => s.trim() !== '')
      .pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[/\\:*?"<>|%]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!name) name = fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return limitBytes(name, MAX_NAME_BYTES);
}

/** Cuts a name to a UTF-8 byte budget without splitting a character, keeping a short extension. */
export function limitBytes(name: string, maxBytes: number): string {
  if (utf8ByteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION + 1 ? name.slice(dot) : '';
  let stem = extension ? name.slice(0, dot) : name;
  const budget = maxBytes - utf8ByteLength(extension);
  // Array.from walks code points, so a surrogate pair (an emoji) is never cut in half.
  const chars = Array.from(stem);
  while (chars.length && utf8ByteLength(chars.join('')) > budget) chars.pop();
  stem = chars.join('').trimEnd() || 'file';
  return stem + extension;
}

/**
 * The length of a string in UTF-8, counted here rather than with Buffer or TextEncoder so the renderer and the core
 * share it. A lone surrogate counts 3 bytes, as the replacement character it is encoded as.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
