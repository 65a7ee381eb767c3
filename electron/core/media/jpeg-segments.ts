/** One marker segment of a JPEG: its marker byte, where its 0xFF is, and its length field (which counts itself). */
export interface JpegSegment {
  marker: number;
  at: number;
  length: number;
}

/**
 * The marker segments of a JPEG before its image data (ITU T.81 B.1): fill bytes and the markers that carry no
 * length (TEM, RST0–RST7) are stepped over; it ends at start of scan or end of image, at a byte that is not a
 * marker, or after a segment whose length is impossible (the caller sees that segment first).
 */
export function* jpegSegments(jpeg: Uint8Array): Generator<JpegSegment> {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return;
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return;
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    yield { marker, at, length };
    if (length < 2) return;
    at += 2 + length;
  }
}
