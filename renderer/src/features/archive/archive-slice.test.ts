import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessagesQuery, MessageView } from '../../../../electron/ipc/contract';
import { fakeClient, testStore } from '../../store/fake-client';
import { FIRST_PAGE_SIZE, filterConversations, PAGE_SIZE } from './archive-slice';

/** One conversation of `count` messages, one a minute from `start`, served like listMessages does. */
function archiveOf(count: number, start = 1_700_000_000) {
  const messages: MessageView[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    conversationId: 7,
    conversation: 'wxid_a',
    serverId: String(9_000_000_000_000_000_000n + BigInt(i)),
    importId: null,
    sender: 'wxid_a',
    senderName: 'A',
    isSelf: false,
    time: start + i * 60,
    kind: 'text',
    text: `message ${i + 1}`,
    line: { kind: 'text', text: `message ${i + 1}` },
    payload: {},
    media: [],
  }));
  const list = (q: MessagesQuery) => {
    const isDesc = q.order === 'desc';
    let rows = messages.filter(
      (m) => (q.after === undefined || m.time >= q.after) && (q.before === undefined || m.time < q.before),
    );
    if (q.cursor)
      rows = rows.filter((m) =>
        isDesc
          ? m.time < q.cursor!.time || (m.time === q.cursor!.time && m.id < q.cursor!.id)
          : m.time > q.cursor!.time || (m.time === q.cursor!.time && m.id > q.cursor!.id),
      );
    if (isDesc) rows = [...rows].reverse();
    const limit = q.limit ?? 200;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { messages: page, next: rows.length > limit && last ? { time: last.time, id: last.id } : null };
  };
  const client = fakeClient();
  client.handle('messages.list', list);
  return { client, messages };
}

describe('archive slice', () => {
  it('opens a chat on its newest page, oldest first, focused on the last message', async () => {
    const { client } = archiveOf(200);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    const chat = store.getState().archive.chat!;
    expect(chat.messages).toHaveLength(FIRST_PAGE_SIZE);
    expect(chat.messages.at(-1)?.id).toBe(200);
    expect(chat.messages[0]?.id).toBe(200 - FIRST_PAGE_SIZE + 1);
    expect(chat.focus).toMatchObject({ messageId: 200, align: 'end' });
    expect(client.calls[0]?.args).toEqual({ conversationId: 7, order: 'desc', limit: FIRST_PAGE_SIZE });
  });

  it('loads older pages in front, without duplicates, until the beginning', async () => {
    const { client } = archiveOf(200);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    await store.getState().archive.loadOlder();
    await store.getState().archive.loadOlder();
    await store.getState().archive.loadOlder();
    const chat = store.getState().archive.chat!;
    expect(chat.messages.map((m) => m.id)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(chat.olderCursor).toBeNull();
  });

  it('asks for one older page at a time', async () => {
    const { client } = archiveOf(500);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    await Promise.all([store.getState().archive.loadOlder(), store.getState().archive.loadOlder()]);
    expect(client.calls.filter((c) => c.name === 'messages.list')).toHaveLength(2);
  });

  it('jumps to a day: a little context before it, the day itself after, newer pages on demand', async () => {
    const { client, messages } = archiveOf(1000);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    const target = messages[500]!;
    await store.getState().archive.jumpToDay(target.time, '2023-11-15');
    const chat = store.getState().archive.chat!;
    expect(chat.focus).toMatchObject({ messageId: target.id, align: 'center' });
    expect(chat.messages.filter((m) => m.time < target.time)).toHaveLength(20);
    expect(chat.messages.findIndex((m) => m.id === target.id)).toBe(20);
    expect(chat.newerCursor).not.toBeNull();
    expect(client.calls.slice(-2).map((c) => c.args)).toEqual([
      { conversationId: 7, order: 'desc', before: target.time, limit: 20 },
      { conversationId: 7, order: 'asc', after: target.time, limit: PAGE_SIZE },
    ]);
    await store.getState().archive.loadNewer();
    const ids = store.getState().archive.chat!.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('says so when the chosen day is after the last message', async () => {
    const { client, messages } = archiveOf(10);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    await store.getState().archive.jumpToDay(messages.at(-1)!.time + 86_400 * 30, '2030-01-01');
    expect(store.getState().archive.notice).toEqual({ kind: 'date-after-last', dayKey: '2030-01-01' });
    expect(store.getState().archive.chat!.focus?.messageId).toBe(10);
  });

  it('jumps to a quoted message when it is loaded, and explains when it is not', async () => {
    const { client, messages } = archiveOf(200);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    expect(store.getState().archive.jumpToServerId(messages[170]!.serverId!)).toBe(true);
    expect(store.getState().archive.chat!.highlightId).toBe(171);
    expect(store.getState().archive.jumpToServerId(messages[3]!.serverId!)).toBe(false);
    expect(store.getState().archive.notice).toEqual({ kind: 'quote-not-loaded' });
  });

  it('opens the chat where a quote says its message was sent when that message is not loaded, and marks it', async () => {
    const { client, messages } = archiveOf(200);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    const quoted = messages[3]!;
    await store.getState().archive.jumpToQuoted(quoted.serverId!, quoted.time);
    const chat = store.getState().archive.chat!;
    expect(chat.messages.map((m) => m.id)).toContain(quoted.id);
    expect(chat.highlightId).toBe(quoted.id);
    expect(chat.focus).toMatchObject({ messageId: quoted.id, align: 'center' });
    expect(store.getState().archive.notice).toBeNull();
    // Loaded now: the next "go to" needs no request.
    const calls = client.calls.length;
    await store.getState().archive.jumpToQuoted(quoted.serverId!, quoted.time);
    expect(client.calls).toHaveLength(calls);
  });

  it('stays put and says so when the quoted message is not in the vault at the time the quote gives', async () => {
    const { client, messages } = archiveOf(200);
    const store = testStore(client);
    await store.getState().archive.openConversation(7);
    const before = store.getState().archive.chat!;
    const time = messages[0]!.time - 86_400 * 200;
    await store.getState().archive.jumpToQuoted('7355608000000000041', time);
    expect(store.getState().archive.notice).toEqual({ kind: 'quote-not-in-vault', time });
    expect(store.getState().archive.chat!.messages).toBe(before.messages);
    expect(store.getState().archive.chat!.highlightId).toBeNull();
    // Without a time it can only say the message is not loaded.
    await store.getState().archive.jumpToQuoted('7355608000000000041');
    expect(store.getState().archive.notice).toEqual({ kind: 'quote-not-loaded' });
  });

  it('drops answers for a chat that is no longer open', async () => {
    const { client } = archiveOf(50);
    const slow = fakeClient();
    let release: () => void = () => undefined;
    slow.handle('messages.list', async (q) => {
      if (q.conversationId === 1) await new Promise<void>((resolve) => (release = resolve));
      return client.request('messages.list', { ...q, conversationId: 7 });
    });
    const store = testStore(slow);
    const first = store.getState().archive.openConversation(1);
    await store.getState().archive.openConversation(2);
    release();
    await first;
    expect(store.getState().archive.chat!.conversationId).toBe(2);
  });

  it('keeps recently decrypted media and forgets it all on lock', async () => {
    const client = fakeClient();
    let reads = 0;
    client.handle('media.get', ({ mediaId }) => {
      reads++;
      return { mediaId, mime: 'image/png', bytes: new Uint8Array([1, 2, 3]) };
    });
    const store = testStore(client);
    const blob = await store.getState().archive.loadMedia('a'.repeat(32));
    expect(blob.type).toBe('image/png');
    expect(blob.size).toBe(3);
    await store.getState().archive.loadMedia('a'.repeat(32));
    expect(reads).toBe(1);
    store.getState().archive.resetOnLock();
    await store.getState().archive.loadMedia('a'.repeat(32));
    expect(reads).toBe(2);
  });
});

describe('conversation filter', () => {
  const conversation = (id: number, displayName: string, username: string): ConversationSummary => ({
    id,
    username,
    displayName,
    isGroup: false,
    messageCount: 1,
    firstMessageTime: null,
    lastMessageTime: null,
    lastMessagePreview: null,
    lastMessageLine: null,
    avatarUrl: null,
    retentionClassId: null,
  });
  const list = [
    conversation(1, 'Alice (work)', 'wxid_alice'),
    conversation(2, '家庭群 👨‍👩‍👧', '123@chatroom'),
    conversation(3, 'ＣＡＲＯＬ', 'wxid_carol'),
  ];

  it('matches names and WeChat ids, ignoring case and full-width letters', () => {
    expect(filterConversations(list, 'alice').map((c) => c.id)).toEqual([1]);
    expect(filterConversations(list, '家庭').map((c) => c.id)).toEqual([2]);
    expect(filterConversations(list, 'carol').map((c) => c.id)).toEqual([3]);
    expect(filterConversations(list, 'chatroom').map((c) => c.id)).toEqual([2]);
    expect(filterConversations(list, '  ')).toBe(list);
  });
});

describe('selecting messages in a chat', () => {
  it('keeps chosen ids while older pages load, takes Shift ranges over loaded messages, and ends when another chat opens', async () => {
    const { client } = archiveOf(200);
    const store = testStore(client);
    const archive = () => store.getState().archive;
    await archive().openConversation(7);
    archive().startSelecting(200);
    archive().toggleSelected(198);
    await archive().loadOlder();
    expect(archive().selection).toMatchObject({ conversationId: 7, ids: [200, 198] });
    archive().selectRangeTo(195);
    expect(archive().selection!.ids).toEqual([200, 198, 195, 196, 197]);
    archive().toggleSelected(200);
    expect(archive().selection!.ids).toEqual([198, 195, 196, 197]);
    await archive().openConversation(8);
    expect(archive().selection).toBeNull();
  });
});
