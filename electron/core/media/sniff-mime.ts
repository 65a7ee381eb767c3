/** The media type of stored bytes, from their first bytes (never from a file name in a backup). */
export function sniffMime(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  const starts = (hex: string, at = 0) => b.subarray(at, at + hex.length / 2).equals(Buffer.from(hex, 'hex'));
  if (starts('ffd8ff')) return 'image/jpeg';
  if (starts('89504e47')) return 'image/png';
  if (starts('47494638')) return 'image/gif';
  if (starts('52494646') && starts('57454250', 8)) return 'image/webp';
  if (starts('52494646') && starts('57415645', 8)) return 'audio/wav';
  // WeChat's HEVC image container (docs/wechat-formats.md §2.9): kept as it is, not viewable without ffmpeg.
  if (starts('77786766')) return 'image/x-wxgf';
  if (starts('424d')) return 'image/bmp';
  if (starts('49492a00') || starts('4d4d002a')) return 'image/tiff';
  if (starts('66747970', 4)) return b.subarray(8, 12).toString('latin1').startsWith('hei') ? 'image/heic' : 'video/mp4';
  if (starts('2321414d52')) return 'audio/amr';
  // `#!SILK_V3`, alone or after WeChat's 0x02 byte (§2.7).
  if (starts('232153494c4b5f5633') || starts('02232153494c4b5f5633')) return 'audio/silk';
  if (starts('25504446')) return 'application/pdf';
  if (starts('504b0304')) return 'application/zip';
  return null;
}
