import { useState } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { AssignClassDialog } from '../retention/AssignClassDialog';
import type { MessageSelection } from './message-selection';

/** Under a chat in selection mode: how many messages are chosen, and what can be done with them. */
export function SelectionBar({
  conversation,
  selection,
}: {
  conversation: ConversationSummary;
  selection: MessageSelection;
}) {
  const t = useI18n();
  const stopSelecting = useAppStore((s) => s.archive.stopSelecting);
  const openExport = useAppStore((s) => s.exporting.open);
  const openHold = useAppStore((s) => s.retention.openHold);
  const loaded = useAppStore((s) => s.archive.chat?.messages);
  const [isAssigning, setIsAssigning] = useState(false);
  const count = selection.ids.length;
  /** A hold on the days the chosen messages span (a hold covers a chat's dates, not single messages). */
  const holdChosenDays = () => {
    const chosen = new Set(selection.ids);
    const times = (loaded ?? []).filter((m) => chosen.has(m.id)).map((m) => m.time);
    openHold({
      conversationIds: [conversation.id],
      fromDay: times.length ? t.format.dayKey(Math.min(...times)) : '',
      toDay: times.length ? t.format.dayKey(Math.max(...times)) : '',
    });
  };
  return (
    <div
      className="selection-bar"
      role="toolbar"
      aria-label={t.plural('select.count', count)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          stopSelecting();
        }
      }}
    >
      <span className="selection-count" aria-live="polite" data-testid="selection-count">
        {t.plural('select.count', count)}
      </span>
      <span className="selection-keys">{t.t('select.keys')}</span>
      <button type="button" className="button is-small" disabled={count === 0} onClick={() => setIsAssigning(true)}>
        {t.t('select.setClass')}
      </button>
      <button
        type="button"
        className="button is-small"
        disabled={count === 0}
        onClick={() =>
          openExport({ kind: 'messages', conversationId: conversation.id, messageIds: [...selection.ids] })
        }
      >
        {t.t('select.export')}
      </button>
      <button
        type="button"
        className="button is-small"
        disabled={count === 0}
        onClick={holdChosenDays}
        title={t.t('retention.hold.openSelectionHint')}
      >
        {t.t('retention.hold.openSelection')}
      </button>
      <button type="button" className="button is-small is-primary" onClick={stopSelecting}>
        <Icon name="check" size={14} />
        {t.t('select.done')}
      </button>
      {isAssigning && (
        <AssignClassDialog
          messageIds={selection.ids}
          onClose={() => setIsAssigning(false)}
          onDone={() => setIsAssigning(false)}
        />
      )}
    </div>
  );
}
