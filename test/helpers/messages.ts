import type { StoredMessage } from '../../electron/core/store/message-writer';

/** A stored message numbered n, with a source id above 2^53 so 64-bit handling is always exercised. */
export function message(n: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    conversationId: 1,
    dedupeKey: `test:${n}`,
    sourceId: (9007199254740993n + BigInt(n)).toString(),
    sender: n % 2 ? 'wxid_friend' : null,
    isSent: n % 2 === 0,
    time: 1_700_000_000 + n * 60,
    kind: 'text',
    text: `message ${n} 你好`,
    payload: null,
    raw: null,
    mediaId: null,
    importId: null,
    ...overrides,
  };
}
