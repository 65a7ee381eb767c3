import { useI18n } from '../../../i18n/useI18n';
import { reasonText } from '../../../i18n/reason-text';
import { missingReason, num, storedMedia, str, type ViewOf } from '../payload';
import { OpenExternallyButton } from './OpenExternallyButton';

/** A file: its name, type and size, and whether the vault holds it. */
export function FileCard({ message }: { message: ViewOf<'file'> }) {
  const t = useI18n();
  const name = str(message.payload, 'fileName') ?? message.media.find((m) => m.fileName)?.fileName ?? message.text;
  const ext = (str(message.payload, 'ext') ?? /\.([^.]{1,6})$/.exec(name)?.[1] ?? '').toUpperCase();
  const size = num(message.payload, 'size');
  const missing = missingReason(message, 'file');
  const stored = storedMedia(message, 'file');
  return (
    <div className="card is-file">
      <div className="card-body">
        <span className="card-title is-wrap">{name || t.t('kind.file')}</span>
        {size !== undefined && <span className="card-text">{t.format.bytes(size)}</span>}
        <span className={`card-status ${missing ? 'is-missing' : ''}`}>
          {missing
            ? t.t('media.missing', { reason: reasonText(t, missing) })
            : message.media.length > 0
              ? t.t('media.storedFile')
              : t.t('media.fileNotReferenced')}
        </span>
        {stored?.mediaId && <OpenExternallyButton mediaId={stored.mediaId} fileName={name || stored.fileName} />}
      </div>
      <div className="file-icon" aria-hidden="true">
        {ext.slice(0, 4) || '?'}
      </div>
    </div>
  );
}
