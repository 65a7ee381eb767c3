import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../electron/ipc/contract';
import { createFormatter } from '../../i18n/format';
import { buildChatItems } from './chat-items';

const dayKey = createFormatter('en', 'Asia/Shanghai').dayKey;
const base = Date.UTC(2024, 0, 1, 2) / 1000;

function message(
  id: number,
  time: number,
  sender: string | null,
  extra: Partial<Pick<MessageView, 'kind' | 'isSelf' | 'text'>> = {},
): MessageView {
  return {
    id,
    conversationId: 1,
    conversation: 'g@chatroom',
    serverId: null,
    importId: null,
    sender,
    senderName: sender,
    isSelf: false,
    time,
    kind: 'text',
    text: 'hi',
    line: { kind: 'text', text: 'hi' },
    payload: {},
    media: [],
    ...extra,
  } as MessageView;
}

describe('chat rows', () => {
  it('puts a day separator before each new local day', () => {
    const items = buildChatItems([message(1, base, 'a'), message(2, base + 60, 'a'), message(3, base + 86_400, 'a')], {
      isGroup: false,
      dayKey,
      start: 'done',
      end: null,
    });
    expect(items.map((i) => i.type)).toEqual(['edge', 'day', 'message', 'message', 'day', 'message']);
    expect(items.filter((i) => i.type === 'day').map((i) => i.key)).toEqual(['day-1', 'day-3']);
  });

  it('gives the separator and the edge new keys when older messages arrive in front of them', () => {
    const options = { isGroup: false, dayKey, start: 'more' as const, end: null };
    const before = buildChatItems([message(5, base + 5, 'a'), message(6, base + 6, 'a')], options).map((i) => i.key);
    const after = buildChatItems(
      [message(3, base + 3, 'a'), message(4, base + 4, 'a'), message(5, base + 5, 'a'), message(6, base + 6, 'a')],
      options,
    ).map((i) => i.key);
    // What was on screen (the messages) keeps its keys; the rows that moved do not.
    expect(before).toEqual(['edge-start-5', 'day-5', 'm5', 'm6']);
    expect(after).toEqual(['edge-start-3', 'day-3', 'm3', 'm4', 'm5', 'm6']);
  });

  it('splits days in the person’s time zone, not in UTC', () => {
    // 15:59 and 16:01 UTC are either side of midnight in Shanghai.
    const evening = Date.UTC(2024, 0, 1, 15, 59) / 1000;
    const items = buildChatItems([message(1, evening, 'a'), message(2, evening + 120, 'a')], {
      isGroup: false,
      dayKey,
      start: 'done',
      end: null,
    });
    expect(items.filter((i) => i.type === 'day')).toHaveLength(2);
  });

  it('names the sender in groups once per run of messages, never for yourself or system lines', () => {
    const items = buildChatItems(
      [
        message(1, base, 'a'),
        message(2, base + 1, 'a'),
        message(3, base + 2, 'b'),
        message(4, base + 3, null, { kind: 'system' }),
        message(5, base + 4, 'b'),
        message(6, base + 5, 'me', { isSelf: true }),
      ],
      { isGroup: true, dayKey, start: 'more', end: 'more' },
    );
    const shown = items.flatMap((i) => (i.type === 'message' ? [[i.message.id, i.showSender]] : []));
    expect(shown).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
      [5, true],
      [6, false],
    ]);
    expect(items.at(-1)).toMatchObject({ type: 'edge', side: 'end', state: 'more' });
  });

  it('never names senders in a one-to-one chat', () => {
    const items = buildChatItems([message(1, base, 'a'), message(2, base + 1, 'b')], {
      isGroup: false,
      dayKey,
      start: 'done',
      end: null,
    });
    expect(items.some((i) => i.type === 'message' && i.showSender)).toBe(false);
  });
});
