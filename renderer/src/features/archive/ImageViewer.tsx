import { useState } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useMediaUrl } from './useMediaUrl';

export interface ImageViewerTarget {
  mediaId: string;
  message: MessageView;
}

/** The full-size image over the chat; Esc, the close button or a click outside closes it. */
export function ImageViewer({ target, onClose }: { target: ImageViewerTarget; onClose(): void }) {
  const t = useI18n();
  const { url, error } = useMediaUrl(target.mediaId);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const { message } = target;
  const isSmall = natural !== null && Math.max(natural.width, natural.height) < 256;
  return (
    <Overlay title={t.t('viewer.title')} isTitleHidden onClose={onClose} className="image-viewer">
      <button
        type="button"
        className="icon-button viewer-close"
        onClick={onClose}
        aria-label={t.t('common.close')}
        data-autofocus
      >
        <Icon name="close" size={20} />
      </button>
      <div className="viewer-stage">
        {url && (
          <img
            src={url}
            alt={t.t('viewer.alt', { sender: message.senderName ?? '' })}
            className={isSmall ? 'is-small' : undefined}
            onLoad={(event) =>
              setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
            }
          />
        )}
        {!url && !error && <p className="viewer-status">{t.t('common.loading')}</p>}
        {error && <p className="viewer-status">{t.t('media.loadFailed')}</p>}
      </div>
      <p className="viewer-caption">
        {[
          message.senderName,
          t.format.dateTime(message.time),
          natural ? `${natural.width} × ${natural.height} px` : null,
          isSmall ? t.t('viewer.enlarged') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </Overlay>
  );
}
