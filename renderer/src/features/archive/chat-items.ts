import type { MessageView } from '../../../../electron/ipc/contract';

/** One row of the chat view: a day separator, a message, or the edge of what is loaded. */
export type ChatItem =
  | { type: 'edge'; key: string; side: 'start' | 'end'; state: 'loading' | 'more' | 'done' }
  | { type: 'day'; key: string; time: number }
  | { type: 'message'; key: string; message: MessageView; showSender: boolean };

const CENTERED_KINDS = new Set(['system', 'revoke']);

export function messageKey(id: number): string {
  return `m${id}`;
}

/**
 * Rows for a run of messages (oldest first): a separator before each new local day, and the sender's name only on
 * the first of several messages in a row from the same person in a group, as WeChat does.
 */
export function buildChatItems(
  messages: readonly MessageView[],
  options: {
    isGroup: boolean;
    dayKey(seconds: number): string;
    start: 'loading' | 'more' | 'done';
    end: 'loading' | 'more' | 'done' | null;
  },
): ChatItem[] {
  // Keyed by the oldest message, so the row is new whenever older messages arrive in front of it: the list then
  // keeps the messages that were on screen in place rather than this row.
  const items: ChatItem[] = [
    { type: 'edge', key: `edge-start-${messages[0]?.id ?? 'none'}`, side: 'start', state: options.start },
  ];
  let previousDay: string | null = null;
  let previousSender: string | null = null;
  for (const message of messages) {
    const day = options.dayKey(message.time);
    if (day !== previousDay) {
      // Keyed by the day's first loaded message, not the day: when older messages of the same day arrive, the
      // separator moves above them and must not be taken for a row that stayed where it was.
      items.push({ type: 'day', key: `day-${message.id}`, time: message.time });
      previousDay = day;
      previousSender = null;
    }
    const isCentered = CENTERED_KINDS.has(message.kind);
    const sender = isCentered ? null : (message.sender ?? message.senderName);
    items.push({
      type: 'message',
      key: messageKey(message.id),
      message,
      showSender: options.isGroup && !message.isSelf && !isCentered && sender !== previousSender,
    });
    previousSender = sender;
  }
  if (options.end) items.push({ type: 'edge', key: 'edge-end', side: 'end', state: options.end });
  return items;
}
