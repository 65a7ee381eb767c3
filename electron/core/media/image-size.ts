import { jpegSegments } from './jpeg-segments';

/** Pixel size of an image as stored (before any EXIF rotation), from its header alone. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Reads the size from the first bytes of a JPEG (its SOFn segment), PNG (IHDR), GIF (logical screen), WebP (VP8,
 * VP8L or VP8X) or BMP (info header). Returns null for other formats, or when the size lies past `head` (a JPEG
 * whose metadata is larger than what was read).
 */
export function imageSize(head: Uint8Array, mime: string | null): ImageSize | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const has = (length: number) => head.length >= length;
  const checked = (width: number, height: number): ImageSize | null =>
    width > 0 && height > 0 ? { width, height } : null;
  switch (mime) {
    case 'image/jpeg':
      return jpegSize(head);
    case 'image/png':
      return has(24) ? checked(view.getUint32(16), view.getUint32(20)) : null;
    case 'image/gif':
      return has(10) ? checked(view.getUint16(6, true), view.getUint16(8, true)) : null;
    case 'image/bmp':
      return has(26) ? checked(Math.abs(view.getInt32(18, true)), Math.abs(view.getInt32(22, true))) : null;
    case 'image/webp':
      return webpSize(head, view);
    default:
      return null;
  }
}

/** SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(jpeg: Uint8Array): ImageSize | null {
  for (const { marker, at } of jpegSegments(jpeg)) {
    if (!isStartOfFrame(marker)) continue;
    if (at + 9 > jpeg.length) return null;
    const height = (jpeg[at + 5]! << 8) | jpeg[at + 6]!;
    const width = (jpeg[at + 7]! << 8) | jpeg[at + 8]!;
    return width > 0 && height > 0 ? { width, height } : null;
  }
  return null;
}

/** WebP container: RIFF, size, "WEBP", then the first chunk (Google's "WebP Container Specification"). */
function webpSize(head: Uint8Array, view: DataView): ImageSize | null {
  if (head.length < 30) return null;
  const chunk = String.fromCharCode(...head.subarray(12, 16));
  if (chunk === 'VP8X') {
    const u24 = (at: number) => head[at]! | (head[at + 1]! << 8) | (head[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const [b0, b1, b2, b3] = [head[21]!, head[22]!, head[23]!, head[24]!];
    return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
  }
  return null;
}
