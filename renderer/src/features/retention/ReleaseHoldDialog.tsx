import { useState, type FormEvent } from 'react';
import type { Hold } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectRetentionBusy, selectRetentionError } from './retention-slice';

/**
 * Releasing a hold lets its messages expire again, so it is deliberate: the dialog names the matter and how many
 * messages it keeps, and the release needs a typed reason and the releaser's own name (never filled in for them).
 * Focus starts on Cancel; Escape cancels. The audit log records who released it and why.
 */
export function ReleaseHoldDialog({
  hold,
  keptMessages,
  onClose,
}: {
  hold: Hold;
  /** How many messages it keeps now; undefined while not counted. */
  keptMessages: number | undefined;
  onClose(): void;
}) {
  const t = useI18n();
  const busy = useAppStore(selectRetentionBusy);
  const error = useAppStore(selectRetentionError);
  const releaseHold = useAppStore((s) => s.retention.releaseHold);
  const [reason, setReason] = useState('');
  const [releasedBy, setReleasedBy] = useState('');
  const isReady = reason.trim() !== '' && releasedBy.trim() !== '' && !busy;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isReady && (await releaseHold(hold.id, releasedBy.trim(), reason.trim()))) onClose();
  };
  return (
    <Overlay title={t.t('retention.releaseTitle', { name: hold.name })} onClose={onClose} className="dialog">
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="notice is-warning">
          <Icon name="warning" size={18} />
          <div>
            <p className="notice-message">
              {keptMessages === undefined
                ? t.t('retention.releaseText', { name: hold.name })
                : t.plural('retention.releaseCounted', keptMessages, { name: hold.name })}
            </p>
            <p className="notice-detail">{t.t('retention.releaseDetail')}</p>
          </div>
        </div>
        <label className="field">
          <span>{t.t('retention.releaseReason')}</span>
          <textarea
            className="input"
            name="release-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t.t('retention.releasedByLabel')}</span>
          <input
            className="input"
            name="release-by"
            placeholder={t.t('retention.yourName')}
            value={releasedBy}
            onChange={(e) => setReleasedBy(e.target.value)}
            autoComplete="off"
          />
        </label>
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={onClose} data-autofocus>
            {t.t('common.cancel')}
          </button>
          <button type="submit" className="button is-danger" disabled={!isReady}>
            {t.t('retention.releaseSubmit')}
          </button>
        </div>
      </form>
    </Overlay>
  );
}
