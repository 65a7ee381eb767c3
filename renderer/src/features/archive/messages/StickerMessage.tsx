import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import type { ImageViewerTarget } from '../ImageViewer';
import { storedMedia, type ViewOf } from '../payload';
import { ImageMessage } from './ImageMessage';

/**
 * A sticker's picture when the backup had it. Usually it did not: WeChat keeps stickers on its servers, which Locket
 * never contacts, so the message says that instead of showing a broken image.
 */
export function StickerMessage({
  message,
  onOpen,
}: {
  message: ViewOf<'sticker'>;
  onOpen(target: ImageViewerTarget): void;
}) {
  const t = useI18n();
  if (storedMedia(message, 'sticker', 'image', 'thumbnail')) {
    const asImage = {
      ...message,
      media: message.media.map((m) => (m.role === 'sticker' ? { ...m, role: 'image' } : m)),
    };
    return <ImageMessage message={asImage} onOpen={onOpen} />;
  }
  return (
    <div className="sticker-placeholder">
      <Icon name="sticker" size={28} />
      <span>{t.t('kind.sticker')}</span>
      <span className="muted-small">{t.t('message.stickerNotStored')}</span>
    </div>
  );
}
