import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { VirtualList } from '../../components/VirtualList';
import { useI18n } from '../../i18n/useI18n';
import { selectFilterFocusRequest } from '../../store/navigation-slice';
import { useAppStore } from '../../store/useAppStore';
import {
  filterConversations,
  selectConversations,
  selectConversationsError,
  selectFilter,
  selectSelectedId,
} from './archive-slice';
import { CONVERSATION_ROW_HEIGHT, ConversationRow } from './ConversationRow';

const keyOf = (c: ConversationSummary) => String(c.id);
const estimate = () => CONVERSATION_ROW_HEIGHT;

/** The conversations, newest activity first, with a filter box (Ctrl/Cmd+F) over names and WeChat ids. */
export function ConversationList() {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const error = useAppStore(selectConversationsError);
  const filter = useAppStore(selectFilter);
  const selectedId = useAppStore(selectSelectedId);
  const setFilter = useAppStore((s) => s.archive.setFilter);
  const open = useAppStore((s) => s.archive.openConversation);
  const focusRequest = useAppStore(selectFilterFocusRequest);
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => filterConversations(conversations ?? [], filter), [conversations, filter]);

  useEffect(() => {
    if (focusRequest > 0) {
      input.current?.focus();
      input.current?.select();
    }
  }, [focusRequest]);

  const onOpen = useCallback((id: number) => void open(id), [open]);
  const renderRow = useCallback(
    (c: ConversationSummary) => <ConversationRow conversation={c} isSelected={c.id === selectedId} onOpen={onOpen} />,
    [selectedId, onOpen],
  );
  const shortcut = navigator.platform.toLowerCase().includes('mac') ? '⌘K' : 'Ctrl+K';

  return (
    <aside className="conversation-pane" aria-label={t.t('archive.conversations')}>
      <div className="filter">
        <Icon name="search" size={16} />
        <input
          ref={input}
          id="conversation-filter"
          type="search"
          className="filter-input"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter) {
              event.preventDefault();
              setFilter('');
            }
          }}
          placeholder={t.t('archive.filter')}
          aria-label={t.t('archive.filter')}
          aria-keyshortcuts="Control+K Meta+K"
          spellCheck={false}
        />
        <kbd className="filter-kbd">{shortcut}</kbd>
      </div>
      {error && <ErrorNotice error={error} />}
      {conversations && shown.length === 0 && filter && (
        <p className="pane-empty">{t.t('archive.noMatch', { filter })}</p>
      )}
      <VirtualList
        items={shown}
        getKey={keyOf}
        estimateHeight={estimate}
        renderItem={renderRow}
        className="conversation-list"
        role="list"
        ariaLabel={t.t('archive.conversations')}
        overscan={400}
      />
      {conversations && (
        <p className="pane-footer">
          {filter
            ? t.t('archive.shownOf', { shown: shown.length, total: conversations.length })
            : t.plural('archive.conversationCount', conversations.length)}
        </p>
      )}
    </aside>
  );
}
