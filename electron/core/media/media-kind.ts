/** Images Chromium shows in an <img>. HEIC and WeChat's wxgf (HEVC) are kept but cannot be shown (README, "Media"). */
const VIEWABLE_IMAGES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/bmp',
]);

export function isViewableImage(mime: string | null): boolean {
  return mime !== null && VIEWABLE_IMAGES.has(mime);
}

/** WeChat voice (audio/silk, audio/amr): played through `media.voice`, which decodes it. */
export function isAudio(mime: string | null): boolean {
  return mime?.startsWith('audio/') ?? false;
}

export function isVideo(mime: string | null): boolean {
  return mime?.startsWith('video/') ?? false;
}
