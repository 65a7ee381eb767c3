import { describe, expect, it } from 'vitest';
import { exifOrientation } from '../../../electron/core/media/exif-orientation';
import { imageSize } from '../../../electron/core/media/image-size';
import { mediaDetails } from '../../../electron/core/media/media-details';
import { sniffMime } from '../../../electron/core/media/sniff-mime';
import { tinyJpeg } from '../../fixtures/media-samples';
import { SAMPLE_JPEG, SAMPLE_PNG } from '../../fixtures/pc3-media-samples';
import { withExifOrientation } from '../../helpers/media';

describe('image details read from the first bytes', () => {
  it('reads the pixel size of the fixture JPEGs and PNG from their headers', () => {
    expect(imageSize(tinyJpeg('any label'), 'image/jpeg')).toEqual({ width: 8, height: 8 });
    expect(imageSize(SAMPLE_JPEG, 'image/jpeg')).toEqual({ width: 16, height: 16 });
    expect(imageSize(SAMPLE_PNG, 'image/png')).toEqual({ width: 16, height: 16 });
  });

  it('reads GIF, WebP (VP8X, VP8L, VP8) and BMP sizes, including a top-down BMP', () => {
    const gif = Buffer.concat([
      Buffer.from('GIF89a', 'latin1'),
      Buffer.from([0x2c, 0x01, 0xc8, 0x00]),
      Buffer.alloc(10),
    ]);
    expect(imageSize(gif, sniffMime(gif))).toEqual({ width: 300, height: 200 });
    const riff = (chunk: string, body: number[]) =>
      Buffer.concat([
        Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'),
        Buffer.from(chunk, 'latin1'),
        Buffer.alloc(4),
        Buffer.from(body),
        Buffer.alloc(16),
      ]);
    // VP8X: flags + reserved (4 bytes), then width-1 and height-1 as 24-bit little-endian.
    const vp8x = riff('VP8X', [0, 0, 0, 0, 0x3f, 0x01, 0x00, 0xef, 0x00, 0x00]);
    expect(imageSize(vp8x, sniffMime(vp8x))).toEqual({ width: 320, height: 240 });
    // VP8L: signature 0x2f, then 14-bit width-1 and height-1.
    const w = 99,
      h = 49;
    const vp8l = riff('VP8L', [
      0x2f,
      w & 0xff,
      ((w >> 8) & 0x3f) | ((h & 0x03) << 6),
      (h >> 2) & 0xff,
      (h >> 10) & 0x0f,
    ]);
    expect(imageSize(vp8l, 'image/webp')).toEqual({ width: 100, height: 50 });
    // VP8: frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]);
    expect(imageSize(vp8, 'image/webp')).toEqual({ width: 640, height: 480 });
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(64, 18);
    bmp.writeInt32LE(-32, 22);
    expect(imageSize(bmp, sniffMime(bmp))).toEqual({ width: 64, height: 32 });
  });

  it('reads the EXIF orientation in either byte order, and reports none when there is no EXIF', () => {
    expect(exifOrientation(tinyJpeg('upright'))).toBeNull();
    expect(exifOrientation(withExifOrientation(tinyJpeg('rotated'), 6))).toBe(6);
    expect(exifOrientation(withExifOrientation(tinyJpeg('rotated'), 8, false))).toBe(8);
    expect(exifOrientation(withExifOrientation(tinyJpeg('bad'), 9))).toBeNull();
    expect(mediaDetails(withExifOrientation(SAMPLE_JPEG, 6), 'image/jpeg', true)).toEqual({
      width: 16,
      height: 16,
      orientation: 6,
    });
  });

  it('gives no size when the frame header lies past the bytes read, and none for formats it does not parse', () => {
    const bigApp = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe2, 0xff, 0xff]), Buffer.alloc(0xfffd)]);
    const jpeg = Buffer.concat([bigApp, SAMPLE_JPEG.subarray(2)]);
    expect(imageSize(jpeg, 'image/jpeg')).toEqual({ width: 16, height: 16 });
    expect(imageSize(jpeg.subarray(0, 1000), 'image/jpeg')).toBeNull();
    expect(imageSize(Buffer.from('wxgf\0\0\0\0', 'latin1'), 'image/x-wxgf')).toBeNull();
  });
});
