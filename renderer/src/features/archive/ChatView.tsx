import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import type { ChatState } from './archive-slice';
import { buildChatItems, messageKey, type ChatItem } from './chat-items';
import { ImageViewer, type ImageViewerTarget } from './ImageViewer';
import { LinkConfirm } from './LinkConfirm';
import { MessageRow } from './MessageRow';

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
  const jumpToServerId = useAppStore((s) => s.archive.jumpToServerId);
  const list = useRef<VirtualListHandle>(null);
  const [viewerTarget, setViewerTarget] = useState<ImageViewerTarget | null>(null);
  const [linkUrl, setLinkUrl] = useState<string | null>(null);
  const [isAwayFromEnd, setIsAwayFromEnd] = useState(false);

  const items = useMemo(
    () =>
      buildChatItems(chat.messages, {
        isGroup: conversation.isGroup,
        dayKey: t.format.dayKey,
        start: chat.isLoadingOlder || chat.isLoading ? 'loading' : chat.olderCursor ? 'more' : 'done',
        end: chat.isLoadingNewer ? 'loading' : chat.newerCursor ? 'more' : null,
      }),
    [chat.messages, chat.isLoadingOlder, chat.isLoading, chat.olderCursor, chat.isLoadingNewer, chat.newerCursor, conversation.isGroup, t],
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
  const onQuote = useCallback((serverId: string) => jumpToServerId(serverId), [jumpToServerId]);

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
        case 'message':
          return (
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
      }
    },
    [t, chat.highlightId, focus?.seq, onQuote],
  );

  const hasNewer = chat.newerCursor !== null;
  return (
    <div className="chat-body" onScrollCapture={() => setIsAwayFromEnd(!(list.current?.isAtEnd() ?? true))}>
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
        role="log"
        ariaLabel={t.t('archive.messagesOf', { name: conversation.displayName })}
      />
      {(hasNewer || isAwayFromEnd) && (
        <button type="button" className="button to-latest" onClick={() => (hasNewer ? void jumpToLatest() : list.current?.scrollToEnd())}>
          <Icon name="down" size={16} />
          {t.t('archive.latest')}
        </button>
      )}
      {viewerTarget && <ImageViewer target={viewerTarget} onClose={() => setViewerTarget(null)} />}
      {linkUrl && <LinkConfirm url={linkUrl} onClose={() => setLinkUrl(null)} />}
    </div>
  );
}

function ChatEdge({ side, state }: { side: 'start' | 'end'; state: 'loading' | 'more' | 'done' }) {
  const t = useI18n();
  if (state === 'loading') return <p className="chat-edge" aria-busy="true">{side === 'start' ? t.t('archive.loadingOlder') : t.t('archive.loadingNewer')}</p>;
  if (state === 'done') return <p className="chat-edge">{t.t('archive.beginning')}</p>;
  return <p className="chat-edge">{'\u00a0'}</p>;
}
