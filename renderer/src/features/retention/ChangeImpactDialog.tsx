import { useEffect, useState } from 'react';
import type { RetentionChange, RetentionImpact } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectRetentionBusy, selectRetentionError } from './retention-slice';

/**
 * Every retention change goes through here: the core counts what the change would do (chats and messages that
 * change class, how many of them would be expired at once, how many a hold keeps) and nothing happens until the
 * person confirms. When the change makes messages expire, the dialog says so in a warning and the confirm button
 * is the danger kind. Focus starts on Cancel; Escape cancels.
 */
export function ChangeImpactDialog({
  title,
  summary,
  change,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  /** One sentence on what the change is ("Make “Transient” the default class"). */
  summary: string;
  change: RetentionChange;
  confirmLabel: string;
  /** Makes the change; true closes the dialog, false keeps it open with the error. */
  onConfirm(): Promise<boolean>;
  onClose(): void;
}) {
  const t = useI18n();
  const busy = useAppStore(selectRetentionBusy);
  const error = useAppStore(selectRetentionError);
  const previewChange = useAppStore((s) => s.retention.previewChange);
  const [impact, setImpact] = useState<RetentionImpact | null>(null);
  // The change is weighed once, when the dialog opens: its identity is the JSON of what it changes.
  const key = JSON.stringify(change);
  useEffect(() => {
    let isCurrent = true;
    void previewChange(JSON.parse(key) as RetentionChange).then((found) => {
      if (isCurrent) setImpact(found);
    });
    return () => {
      isCurrent = false;
    };
  }, [key, previewChange]);

  const isExpiring = impact !== null && impact.newlyExpired > 0;
  return (
    <Overlay title={title} onClose={onClose} className="dialog change-impact-dialog">
      <p>{summary}</p>
      {impact === null && !error && (
        <p className="field-help" aria-live="polite">
          {t.t('retention.impact.counting')}
        </p>
      )}
      {impact && (
        <div className="change-impact" data-testid="change-impact" aria-live="polite">
          <p>
            {impact.messages === 0
              ? t.t('retention.impact.nothing')
              : t.t('retention.impact.moves', {
                  chats: t.plural('retention.count.chats', impact.conversations),
                  messages: t.plural('retention.count.messages', impact.messages),
                })}
          </p>
          {isExpiring ? (
            <div className="notice is-warning" role="alert">
              <Icon name="warning" size={18} />
              <div>
                <p className="notice-message">{t.plural('retention.impact.expires', impact.newlyExpired)}</p>
                <p className="notice-detail">{t.t('retention.impact.expiresDetail')}</p>
              </div>
            </div>
          ) : (
            impact.messages > 0 && (
              <p className="field-help">
                {impact.expiredNow > 0
                  ? t.plural('retention.impact.alreadyExpired', impact.expiredNow)
                  : t.t('retention.impact.noneExpire')}
              </p>
            )
          )}
          {impact.held > 0 && (
            <p className="field-help">
              <Icon name="lock" size={14} /> {t.plural('retention.impact.held', impact.held)}
            </p>
          )}
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="button" className="button is-quiet" onClick={onClose} data-autofocus>
          {t.t('common.cancel')}
        </button>
        <button
          type="button"
          className={`button ${isExpiring ? 'is-danger' : 'is-primary'}`}
          disabled={busy || impact === null}
          data-testid="confirm-change"
          onClick={() => void onConfirm().then((done) => done && onClose())}
        >
          {confirmLabel}
        </button>
      </div>
    </Overlay>
  );
}
