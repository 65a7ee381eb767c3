/** A byte budget well under the 255 bytes most file systems allow, leaving room for a message-id prefix. */
const MAX_NAME_BYTES = 120;
const MAX_EXTENSION = 12;
// Windows device names, also with an extension (NUL.txt) or spaces before it, and COM¹–³ / LPT¹–³.
const WINDOWS_RESERVED =
  /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])\s*(\..*)?$/i;

/**
 * Makes a name that came from a backup (a file's name as its sender gave it) safe as one file name inside a bag:
 * no path separators or `..`, so it cannot leave `data/media/`; no control or bidirectional-override characters
 * (which can disguise an extension); none of the characters Windows refuses or that BagIt manifests must
 * percent-encode (`%`); not a Windows device name; not hidden; at most 120 UTF-8 bytes, extension kept.
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
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION + 1 ? name.slice(dot) : '';
  let stem = extension ? name.slice(0, dot) : name;
  const budget = maxBytes - Buffer.byteLength(extension);
  // Array.from walks code points, so a surrogate pair (an emoji) is never cut in half.
  const chars = Array.from(stem);
  while (chars.length && Buffer.byteLength(chars.join('')) > budget) chars.pop();
  stem = chars.join('').trimEnd() || 'file';
  return stem + extension;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/tiff': '.tif',
  'image/heic': '.heic',
  'video/mp4': '.mp4',
  'audio/amr': '.amr',
  'audio/silk': '.silk',
  'audio/wav': '.wav',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
};

export function extensionFor(mime: string | null): string {
  return (mime && EXTENSIONS[mime]) ?? '.bin';
}
