import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { reasonText } from '../../../i18n/reason-text';
import type { ImageViewerTarget } from '../ImageViewer';
import { clockDuration, missingReason, num, storedMedia, type ViewOf } from '../payload';
import { useMediaUrl } from '../useMediaUrl';
import { OpenExternallyButton } from './OpenExternallyButton';

/** A video's cover (when stored), length and size, and whether the vault holds the video itself. */
export function VideoCard({ message, onOpen }: { message: ViewOf<'video'>; onOpen(target: ImageViewerTarget): void }) {
  const t = useI18n();
  const cover = storedMedia(message, 'thumbnail');
  const { url } = useMediaUrl(cover?.mediaId);
  const duration = num(message.payload, 'durationSec');
  const size = num(message.payload, 'length');
  const missing = missingReason(message, 'video');
  const video = storedMedia(message, 'video');
  const details = [
    duration !== undefined ? clockDuration(duration) : null,
    size !== undefined ? t.format.bytes(size) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="card is-video">
      {cover && url ? (
        <button
          type="button"
          className="video-cover"
          onClick={() => onOpen({ mediaId: cover.mediaId!, message })}
          aria-label={t.t('message.openCover')}
        >
          <img src={url} alt="" />
          <span className="video-badge">
            <Icon name="video" size={14} />
            {duration !== undefined ? clockDuration(duration) : ''}
          </span>
        </button>
      ) : (
        <div className="card-icon">
          <Icon name="video" size={24} />
        </div>
      )}
      <div className="card-body">
        <span className="card-title">{t.t('kind.video')}</span>
        {details && <span className="card-text">{details}</span>}
        <span className={`card-status ${missing ? 'is-missing' : ''}`}>
          {missing ? t.t('media.missing', { reason: reasonText(t, missing) }) : t.t('media.storedVideo')}
        </span>
        {video?.mediaId && <OpenExternallyButton mediaId={video.mediaId} fileName={video.fileName} />}
      </div>
    </div>
  );
}
