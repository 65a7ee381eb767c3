import type {
  ConversationSummary,
  MessagesPage,
  MessagesQuery,
  MessageView,
  Settings,
  VaultStatus,
} from '../../../electron/ipc/contract';
import type { LocketService } from '../../../electron/core/service';

/**
 * An unlocked vault holding one conversation of `count` messages, one a minute, made up on demand: for testing the
 * renderer with histories far larger than a test can import. It answers only what the archive screen asks
 * (status, settings, conversations, messages) with the contract's exact paging semantics.
 */
export function syntheticArchive(count: number, start = Date.UTC(2020, 0, 1) / 1000): Partial<LocketService> {
  const conversationId = 1;
  const timeOf = (index: number) => start + index * 60;
  // Varied lengths, so rows have different heights as real chats do.
  const textOf = (index: number) =>
    index % 7 === 0
      ? `第 ${index + 1} 条：${'很长的一段话，'.repeat(1 + (index % 5))}\n换行之后还有一行。`
      : `消息 ${index + 1}`;
  const message = (index: number): MessageView => ({
    id: index + 1,
    conversationId,
    conversation: 'wxid_longchat',
    serverId: String(6_000_000_000_000_000_000n + BigInt(index)),
    importId: null,
    sender: index % 3 === 0 ? 'wxid_me' : 'wxid_longchat',
    senderName: index % 3 === 0 ? '我' : '老朋友',
    isSelf: index % 3 === 0,
    time: timeOf(index),
    kind: 'text',
    text: textOf(index),
    line: { kind: 'text', text: textOf(index) },
    payload: {},
    media: [],
  });
  /** First index whose time is at least `time`. */
  const indexAtOrAfter = (time: number) => Math.min(count, Math.max(0, Math.ceil((time - start) / 60)));
  const status: VaultStatus = {
    state: 'unlocked',
    path: '/synthetic/Long.locket',
    vaultId: 'synthetic',
    formatVersion: 1,
    createdAt: Date.now(),
    kdf: { opsLimit: 1, memLimitKiB: 8192 },
    counts: { conversations: 1, messages: count, shards: 1, mediaFiles: 0, unindexedMessages: 0 },
    autoLockMinutes: 10,
    signingKeyFingerprint: null,
    isDemo: false,
  } as VaultStatus;
  const conversation: ConversationSummary = {
    id: conversationId,
    username: 'wxid_longchat',
    displayName: '老朋友 (100k)',
    isGroup: false,
    messageCount: count,
    firstMessageTime: timeOf(0),
    lastMessageTime: timeOf(count - 1),
    lastMessagePreview: `消息 ${count}`,
    lastMessageLine: { kind: 'text', text: `消息 ${count}` },
    avatarUrl: null,
    retentionClassId: null,
  };
  return {
    'vault.status': async () => status,
    'settings.get': async () => ({ autoLockMinutes: 10 }) as Settings,
    'conversations.list': async () => [conversation],
    'messages.list': async (query: MessagesQuery): Promise<MessagesPage> => {
      const limit = query.limit ?? 200;
      let low = query.after === undefined ? 0 : indexAtOrAfter(query.after);
      let high = query.before === undefined ? count : indexAtOrAfter(query.before);
      // Ids are index + 1, so a cursor's id is the index just after it.
      if (query.cursor && query.order === 'desc') high = Math.min(high, query.cursor.id - 1);
      if (query.cursor && query.order !== 'desc') low = Math.max(low, query.cursor.id);
      const indexes: number[] = [];
      if (query.order === 'desc') for (let i = high - 1; i >= low && indexes.length <= limit; i--) indexes.push(i);
      else for (let i = low; i < high && indexes.length <= limit; i++) indexes.push(i);
      const page = indexes.slice(0, limit).map(message);
      const last = page.at(-1);
      return { messages: page, next: indexes.length > limit && last ? { time: last.time, id: last.id } : null };
    },
  };
}
