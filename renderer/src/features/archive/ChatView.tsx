import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ConversationSummary, MessageView } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSelection, type ChatState } from './archive-slice';
import { buildChatItems, messageKey, type ChatItem } from './chat-items';
import { ImageViewer, type ImageViewerTarget } from './ImageViewer';
import { LinkConfirm } from './LinkConfirm';
import { AssignClassDialog } from '../retention/AssignClassDialog';
import { useMessageMenuActions } from './useMessageMenuActions';
import { MessageContextMenu, type MessageMenuTarget } from './MessageContextMenu';
import { storedMedia } from './payload';
import { MessageRow } from './MessageRow';
import { SelectableRow } from './SelectableRow';

const keyOf = (item: ChatItem) => item.key;

/** Row heights to start from; each row is measured once it renders. */
function estimateHeight(item: ChatItem): number {
  if (item.type !== 'message') return 44;
  const { message, showSender } = item;
  const sender = showSender ? 20 : 0;
  switch (message.kind) {
    case 'text':
    case 'quote': {
      const lines = message.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 28)), 0);
      return sender + 38 + lines * 22 + (message.kind === 'quote' ? 48 : 0);
    }
    case 'system':
    case 'revoke':
      return 40;
    case 'image':
    case 'sticker':
      return sender + 172;
    case 'voice':
    case 'call':
      return sender + 60;
    case 'record':
      return sender + 150;
    default:
      return sender + 112;
  }
}

/**
 * The messages of one conversation, newest at the bottom like WeChat. Scrolling near the top loads older pages
 * (and near the bottom newer ones, after a jump into the past) without moving what is on screen.
 */
export function ChatView({ conversation, chat }: { conversation: ConversationSummary; chat: ChatState }) {
  const t = useI18n();
  const loadOlder = useAppStore((s) => s.archive.loadOlder);
  const loadNewer = useAppStore((s) => s.archive.loadNewer);
  const jumpToLatest = useAppStore((s) => s.archive.jumpToLatest);
  const jumpToQuoted = useAppStore((s) => s.archive.jumpToQuoted);
  const list = useRef<VirtualListHandle>(null);
  const [viewerTarget, setViewerTarget] = useState<ImageViewerTarget | null>(null);
  const [linkUrl, setLinkUrl] = useState<string | null>(null);
  const [isAwayFromEnd, setIsAwayFromEnd] = useState(false);
  const [menu, setMenu] = useState<MessageMenuTarget | null>(null);
  const [classFor, setClassFor] = useState<MessageView | null>(null);
  const selection = useAppStore(selectSelection);
  const { startSelecting, toggleSelected, selectRangeTo, stopSelecting } = useAppStore((s) => s.archive);
  const isSelecting = selection !== null && selection.conversationId === conversation.id;
  // Ids, not rows: rows leave the DOM as the list scrolls, and come back checked.
  const chosen = useMemo(() => new Set(isSelecting ? selection.ids : []), [isSelecting, selection]);
  const [cursorId, setCursorId] = useState<number | null>(null);
  // The cursor as the keys last moved it: focus follows a frame later, and a fast Space must act on where the
  // cursor is, not on the row that still has focus.
  const movedTo = useRef<number | null>(null);
  const moveCursor = useCallback((messageId: number) => {
    movedTo.current = messageId;
    setCursorId(messageId);
  }, []);
  const body = useRef<HTMLDivElement>(null);
  const focusCursorSoon = useSelectionFocus(body, list);

  const items = useMemo(
    () =>
      buildChatItems(chat.messages, {
        isGroup: conversation.isGroup,
        dayKey: t.format.dayKey,
        start: chat.isLoadingOlder || chat.isLoading ? 'loading' : chat.olderCursor ? 'more' : 'done',
        end: chat.isLoadingNewer ? 'loading' : chat.newerCursor ? 'more' : null,
      }),
    [
      chat.messages,
      chat.isLoadingOlder,
      chat.isLoading,
      chat.olderCursor,
      chat.isLoadingNewer,
      chat.newerCursor,
      conversation.isGroup,
      t,
    ],
  );

  // Each jump (open, date, quote, latest) brings its message into view once the rows exist.
  const focus = chat.focus;
  useEffect(() => {
    if (focus) list.current?.scrollToKey(messageKey(focus.messageId), focus.align);
  }, [focus]);

  const onReachStart = useCallback(() => void loadOlder(), [loadOlder]);
  const onReachEnd = useCallback(() => {
    void loadNewer();
  }, [loadNewer]);
  const onQuote = useCallback((serverId: string, time?: number) => void jumpToQuoted(serverId, time), [jumpToQuoted]);

  const onChoose = useCallback(
    (messageId: number, isRange: boolean) => {
      moveCursor(messageId);
      if (isRange) selectRangeTo(messageId);
      else toggleSelected(messageId);
    },
    [moveCursor, selectRangeTo, toggleSelected],
  );

  // The keys of selection mode, on the row that has focus: Space chooses, Shift+Space a range, ↑/↓ move (with Shift,
  // choosing as they go), Esc ends it.
  const onRowKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, focusedId: number) => {
      const ids = chat.messages.map((m) => m.id);
      const messageId = movedTo.current !== null && ids.includes(movedTo.current) ? movedTo.current : focusedId;
      if (event.key === ' ') {
        event.preventDefault();
        onChoose(messageId, event.shiftKey);
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = ids[ids.indexOf(messageId) + (event.key === 'ArrowDown' ? 1 : -1)];
        if (next === undefined) return;
        moveCursor(next);
        if (event.shiftKey) selectRangeTo(next);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        stopSelecting();
      }
    },
    [chat.messages, moveCursor, onChoose, selectRangeTo, stopSelecting],
  );

  const onContextMenu = useCallback(
    (event: MouseEvent) => {
      if (isSelecting) return;
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-message-id]');
      if (!row) return;
      const message = chat.messages.find((m) => m.id === Number(row.dataset.messageId));
      if (!message) return;
      event.preventDefault();
      setMenu({ message, x: event.clientX, y: event.clientY });
    },
    [isSelecting, chat.messages],
  );

  const common = useMessageMenuActions();
  const openExport = useAppStore((s) => s.exporting.open);
  const openHold = useAppStore((s) => s.retention.openHold);
  const menuActions = useMemo(
    () => ({
      ...common,
      select(message: MessageView) {
        startSelecting(message.id);
        moveCursor(message.id);
      },
      setClass: setClassFor,
      // A hold covers a chat's days: the message's day, in the zone the person reads times in, to start from.
      placeHold: (m: MessageView) => {
        const day = t.format.dayKey(m.time);
        openHold({ conversationIds: [conversation.id], fromDay: day, toDay: day });
      },
      exportMessage(message: MessageView) {
        openExport({ kind: 'messages', conversationId: conversation.id, messageIds: [message.id] });
      },
    }),
    [common, startSelecting, moveCursor, openExport, openHold, t.format, conversation.id],
  );
  const closeMenu = useCallback(() => setMenu(null), []);

  // The row focus rests on: the last one moved to while it is loaded, else the newest message, so the keys work as
  // soon as selection mode starts (from the header too). Focus follows it whenever it changes.
  const cursor = !isSelecting
    ? null
    : cursorId !== null && chat.messages.some((m) => m.id === cursorId)
      ? cursorId
      : (chat.messages.at(-1)?.id ?? null);
  useEffect(() => {
    if (cursor !== null) focusCursorSoon(cursor);
  }, [cursor, focusCursorSoon]);

  const renderItem = useCallback(
    (item: ChatItem) => {
      switch (item.type) {
        case 'edge':
          return <ChatEdge side={item.side} state={item.state} />;
        case 'day':
          return (
            <div className="day-separator" role="separator">
              <span>{t.format.day(item.time)}</span>
            </div>
          );
        case 'message': {
          const row = (
            <MessageRow
              message={item.message}
              showSender={item.showSender}
              isHighlighted={chat.highlightId === item.message.id}
              highlightSeq={chat.highlightId === item.message.id ? (focus?.seq ?? 0) : 0}
              onOpenImage={setViewerTarget}
              onOpenLink={setLinkUrl}
              onQuote={onQuote}
            />
          );
          if (!isSelecting) return row;
          return (
            <SelectableRow
              message={item.message}
              isSelected={chosen.has(item.message.id)}
              isCursor={cursor === item.message.id}
              onChoose={onChoose}
              onKeyDown={onRowKeyDown}
            >
              {row}
            </SelectableRow>
          );
        }
      }
    },
    [t, chat.highlightId, focus?.seq, onQuote, isSelecting, chosen, cursor, onChoose, onRowKeyDown],
  );

  const hasNewer = chat.newerCursor !== null;
  return (
    <div
      ref={body}
      className={`chat-body ${isSelecting ? 'is-selecting' : ''}`}
      onScrollCapture={() => setIsAwayFromEnd(!(list.current?.isAtEnd() ?? true))}
      onContextMenu={onContextMenu}
    >
      <VirtualList
        handleRef={list}
        items={items}
        getKey={keyOf}
        estimateHeight={estimateHeight}
        renderItem={renderItem}
        startAt="end"
        onReachStart={onReachStart}
        onReachEnd={hasNewer ? onReachEnd : undefined}
        className="message-list"
        role={isSelecting ? 'group' : 'log'}
        ariaLabel={t.t('archive.messagesOf', { name: conversation.displayName })}
      />
      {(hasNewer || isAwayFromEnd) && (
        <button
          type="button"
          className="button to-latest"
          onClick={() => (hasNewer ? void jumpToLatest() : list.current?.scrollToEnd())}
        >
          <Icon name="down" size={16} />
          {t.t('archive.latest')}
        </button>
      )}
      {viewerTarget && (
        <ImageViewer
          target={viewerTarget}
          gallery={galleryOf(chat.messages, viewerTarget)}
          onClose={() => setViewerTarget(null)}
        />
      )}
      {linkUrl && <LinkConfirm url={linkUrl} onClose={() => setLinkUrl(null)} />}
      {menu && <MessageContextMenu target={menu} actions={menuActions} onClose={closeMenu} />}
      {classFor && (
        <AssignClassDialog
          messageIds={[classFor.id]}
          onClose={() => setClassFor(null)}
          onDone={() => setClassFor(null)}
        />
      )}
    </div>
  );
}

/**
 * The images the viewer steps through: the loaded messages' pictures (not stickers), oldest first. A picture opened
 * from elsewhere (a video's cover) is shown on its own.
 */
function galleryOf(messages: readonly MessageView[], opened: ImageViewerTarget): ImageViewerTarget[] {
  const gallery: ImageViewerTarget[] = [];
  for (const message of messages) {
    if (message.kind !== 'image') continue;
    const full = storedMedia(message, 'image', 'thumbnail');
    if (full?.mediaId) gallery.push({ mediaId: full.mediaId, message });
  }
  return gallery.some((item) => item.message.id === opened.message.id) ? gallery : [opened];
}

/**
 * Moves keyboard focus to a message's row once it is rendered. The list renders only rows near the view, so a row
 * out of sight is scrolled to first and focused on the next frame.
 */
function useSelectionFocus(
  body: React.RefObject<HTMLDivElement | null>,
  list: React.RefObject<VirtualListHandle | null>,
) {
  return useCallback(
    (messageId: number) => {
      const find = () => body.current?.querySelector<HTMLElement>(`[data-select-id="${messageId}"]`) ?? null;
      const focus = (row: HTMLElement) => {
        row.focus({ preventScroll: true });
        row.scrollIntoView({ block: 'nearest' });
      };
      requestAnimationFrame(() => {
        const row = find();
        if (row) return focus(row);
        list.current?.scrollToKey(messageKey(messageId), 'center');
        requestAnimationFrame(() => {
          const later = find();
          if (later) focus(later);
        });
      });
    },
    [body, list],
  );
}

function ChatEdge({ side, state }: { side: 'start' | 'end'; state: 'loading' | 'more' | 'done' }) {
  const t = useI18n();
  if (state === 'loading')
    return (
      <p className="chat-edge" aria-busy="true">
        {side === 'start' ? t.t('archive.loadingOlder') : t.t('archive.loadingNewer')}
      </p>
    );
  if (state === 'done') return <p className="chat-edge">{t.t('archive.beginning')}</p>;
  return <p className={`chat-edge is-${side}`}>{'\u00a0'}</p>;
}
