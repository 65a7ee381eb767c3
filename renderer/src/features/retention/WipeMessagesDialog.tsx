import { useEffect, useState } from 'react';
import type { MessagesPage, MessageView } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { errorShapeOf } from '../../services/locket';
import { useAppStore } from '../../store/useAppStore';
import { previewText } from '../archive/preview-text';
import { holdsKeeping, selectHolds } from './retention-slice';
import type { ErrorShape } from '../../../../electron/ipc/contract';

/**
 * "Show these messages": one chat's messages in the range a wipe preview counted, read only (no menu, no
 * selection), a hundred at a time. A message a hold keeps is marked: the wipe leaves it.
 */
export function WipeMessagesDialog({
  row,
  onClose,
}: {
  row: { conversationId: number; displayName: string; messages: number; oldest: number; newest: number };
  onClose(): void;
}) {
  const t = useI18n();
  const holds = useAppStore(selectHolds);
  const listRange = useAppStore((s) => s.retention.listRange);
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [next, setNext] = useState<MessagesPage['next']>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<ErrorShape | null>(null);
  const { conversationId, oldest, newest } = row;
  const show = (page: MessagesPage, isMore: boolean) => {
    setMessages((shown) => [...(isMore ? shown : []), ...page.messages]);
    setNext(page.next);
  };
  useEffect(() => {
    let isCurrent = true;
    listRange(conversationId, oldest, newest)
      .then((page) => isCurrent && show(page, false))
      .catch((caught: unknown) => isCurrent && setError(errorShapeOf(caught)))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [listRange, conversationId, oldest, newest]);
  const loadMore = async (cursor: MessagesPage['next']) => {
    setIsLoading(true);
    try {
      show(await listRange(conversationId, oldest, newest, cursor), true);
    } catch (caught) {
      setError(errorShapeOf(caught));
    } finally {
      setIsLoading(false);
    }
  };
  return (
    <Overlay
      title={t.t('retention.showTitle', { name: row.displayName })}
      onClose={onClose}
      className="dialog wipe-messages-dialog"
    >
      <p className="field-help">
        {t.t('retention.showLede', {
          messages: t.plural('retention.count.messages', row.messages),
          from: t.format.dateTime(row.oldest),
          to: t.format.dateTime(row.newest),
        })}
      </p>
      <ol className="wipe-messages" aria-label={t.t('retention.showTitle', { name: row.displayName })}>
        {messages.map((m) => {
          const isKept = holdsKeeping(holds, m.conversationId, m.time).length > 0;
          return (
            <li key={m.id} className={`wipe-message ${isKept ? 'is-kept' : ''}`} data-message-id={m.id}>
              <span className="wipe-message-time">{t.format.dateTime(m.time)}</span>
              <span className="wipe-message-sender">
                {m.isSelf ? t.t('retention.showMe') : (m.senderName ?? m.sender ?? '')}
              </span>
              <span className="wipe-message-text">{previewText(t, m.line)}</span>
              {isKept && (
                <span className="badge is-hold">
                  <Icon name="lock" size={12} /> {t.t('retention.showKept')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        {next && (
          <button type="button" className="button is-small" disabled={isLoading} onClick={() => void loadMore(next)}>
            {t.t('retention.showMore')}
          </button>
        )}
        <button type="button" className="button is-primary" onClick={onClose} data-autofocus>
          {t.t('common.close')}
        </button>
      </div>
    </Overlay>
  );
}
