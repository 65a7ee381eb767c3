import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import type { ImageViewerTarget } from '../ImageViewer';
import { missingReason, num, storedMedia, type ViewOf } from '../payload';
import { useMediaUrl } from '../useMediaUrl';
import { MissingMedia } from './MissingMedia';

const MAX_SIDE = 220;
const MIN_SIDE = 72;

/** The box an image gets before it loads, from the sizes the message carries, so the chat does not jump. */
export function thumbnailBox(width: number | undefined, height: number | undefined): { width: number; height: number } {
  if (!width || !height) return { width: 160, height: 120 };
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  return {
    width: Math.max(MIN_SIDE, Math.round(width * scale)),
    height: Math.max(MIN_SIDE, Math.round(height * scale)),
  };
}

/** A thumbnail in the chat; a click opens the full-size image. */
export function ImageMessage({
  message,
  onOpen,
}: {
  message: ViewOf<'image' | 'sticker'>;
  onOpen(target: ImageViewerTarget): void;
}) {
  const t = useI18n();
  const thumb = storedMedia(message, 'thumbnail', 'image');
  const full = storedMedia(message, 'image', 'thumbnail');
  const { url, error } = useMediaUrl(thumb?.mediaId);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  if (!thumb || !full) {
    return (
      <MissingMedia
        icon="image"
        label={t.t('kind.image')}
        reason={missingReason(message, 'image', 'thumbnail') ?? 'not-in-backup'}
      />
    );
  }
  // A sticker's payload has no size: its box waits for the picture.
  const size = message.kind === 'image' ? message.payload : {};
  const box = thumbnailBox(natural?.width ?? num(size, 'width'), natural?.height ?? num(size, 'height'));
  const isTiny = natural !== null && Math.max(natural.width, natural.height) < MIN_SIDE;
  return (
    <button
      type="button"
      className="image-thumb"
      style={box}
      onClick={() => onOpen({ mediaId: full.mediaId!, message })}
      aria-label={t.t('message.openImage')}
      data-media-id={full.mediaId}
    >
      {url && (
        <img
          src={url}
          alt=""
          className={isTiny ? 'is-pixelated' : undefined}
          onLoad={(event) =>
            setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
          }
        />
      )}
      {error && <span className="image-error">{t.t('media.loadFailed')}</span>}
    </button>
  );
}
