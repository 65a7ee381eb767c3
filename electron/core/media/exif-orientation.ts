import { jpegSegments } from './jpeg-segments';

/**
 * The EXIF orientation (1–8) of a JPEG, read from its APP1 "Exif" segment: phones store pictures as the sensor saw
 * them and record the rotation here. A few dozen lines, so no image library is needed for it.
 * Returns null when the file has no EXIF orientation (viewers then treat it as 1, upright).
 * TIFF 6.0 / EXIF 2.3: "Exif\0\0", a TIFF header (II or MM byte order, 42, offset of IFD0), IFD0 entries of
 * 12 bytes (tag, type, count, value); Orientation is tag 0x0112, a SHORT.
 */
export function exifOrientation(jpeg: Uint8Array): number | null {
  const app1 = findExifSegment(jpeg);
  if (!app1) return null;
  const tiff = app1.subarray(6);
  if (tiff.length < 8) return null;
  const isLittleEndian = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!isLittleEndian && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, isLittleEndian);
  if (u16(2) !== 42) return null;
  const ifd0 = view.getUint32(4, isLittleEndian);
  if (ifd0 + 2 > tiff.length) return null;
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) !== 0x0112) continue;
    // Type 3 = SHORT; a SHORT value sits in the first two bytes of the value field.
    if (u16(entry + 2) !== 3) return null;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** The body of the first APP1 segment that starts with "Exif\0\0", if it lies before the image data. */
function findExifSegment(jpeg: Uint8Array): Uint8Array | null {
  for (const { marker, at, length } of jpegSegments(jpeg)) {
    if (length < 2) return null;
    const body = jpeg.subarray(at + 4, Math.min(jpeg.length, at + 2 + length));
    if (marker === 0xe1 && body.length >= 6 && String.fromCharCode(...body.subarray(0, 6)) === 'Exif\0\0') return body;
  }
  return null;
}
