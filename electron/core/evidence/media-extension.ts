/** The extension a media file gets in a bag, from its sniffed type; names themselves are cleaned in electron/common/file-name.ts. */
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
