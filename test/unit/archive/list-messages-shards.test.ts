import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { listMessages } from '../../../electron/core/archive/list-messages';
import { messageContext } from '../../../electron/core/search/message-context';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { forgetShardCounts } from '../../../electron/core/store/shard-counts';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { shardsCounting } from '../../helpers/shard-counts';
import { TEST_PASSPHRASE, lockedVaultOf, message } from '../../helpers/vault';

/**
 * Opening a chat reads only the shards that hold it (issue 19): a chat that went quiet early in a long history is
 * listed without decrypting the newer shards, and exactly as before.
 */
const QUIET = 1;
const BUSY = 2;

/** 3,000 messages in many small shards: the quiet chat only in the first 300, the busy one throughout. */
function history(): StoredMessage[] {
  return Array.from({ length: 3000 }, (_, n) =>
    message(n, { conversationId: n < 300 && n % 2 === 0 ? QUIET : BUSY, text: `message ${n} ${'长'.repeat(40)}` }),
  );
}

async function vaultOfHistory(): Promise<{ dir: string; messages: StoredMessage[] }> {
  const messages = history();
  const chats = [
    { id: QUIET, username: 'wxid_quiet', name: 'Quiet' },
    { id: BUSY, username: 'wxid_busy', name: 'Busy' },
  ];
  return { dir: await lockedVaultOf(chats, messages), messages };
}

/** Every message of a chat, page by page, newest first. */
async function wholeChat(session: VaultSession, conversationId: number): Promise<MessageView[]> {
  const shown: MessageView[] = [];
  let cursor: { time: number; id: number } | undefined;
  do {
    const page = await listMessages(session, {
      conversationId,
      order: 'desc',
      limit: 80,
      ...(cursor ? { cursor } : {}),
    });
    shown.push(...page.messages);
    cursor = page.next ?? undefined;
  } while (cursor);
  return shown;
}

const newestFirst = (messages: StoredMessage[], conversationId: number) =>
  messages
    .filter((m) => m.conversationId === conversationId)
    .map((m) => m.text)
    .reverse();

describe('a chat page reads only the shards that hold the chat', () => {
  it('decrypts none of the newer shards for a quiet chat, and lists it whole', async () => {
    const { dir, messages } = await vaultOfHistory();
    const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const shards = session.listShards();
    const holding = shardsCounting(session, QUIET);
    // The test means something only if most shards lack the quiet chat.
    expect(shards.length).toBeGreaterThan(8);
    expect(holding.size).toBeLessThan(shards.length / 3);

    const page = await listMessages(session, { conversationId: QUIET, order: 'desc', limit: 80 });
    expect(page.messages).toHaveLength(80);
    const loaded = shards.filter((s) => session.isShardLoaded(s));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((s) => holding.has(s.fileId))).toBe(true);

    const keys = (list: MessageView[]) => list.map((m) => m.text);
    expect(keys(await wholeChat(session, QUIET))).toEqual(newestFirst(messages, QUIET));
    expect(keys(await wholeChat(session, BUSY))).toEqual(newestFirst(messages, BUSY));
    await session.lock();
  }, 60_000);

  it('opens a search result in a quiet chat without decrypting the newer shards that do not hold it', async () => {
    const { dir, messages } = await vaultOfHistory();
    const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const shards = session.listShards();
    const holding = shardsCounting(session, QUIET);
    const [newest] = (await listMessages(session, { conversationId: QUIET, order: 'desc', limit: 1 })).messages;
    await session.lock();

    // A fresh session: nothing in memory but what the context reads.
    const fresh = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const context = await messageContext(fresh, { messageId: newest!.id, time: newest!.time, before: 3, after: 20 });
    expect(context.messages.map((m) => m.text)).toEqual(newestFirst(messages, QUIET).slice(0, 4).reverse());
    expect(context.anchorIndex).toBe(3);
    const loaded = shards.filter((s) => fresh.isShardLoaded(s));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((s) => holding.has(s.fileId))).toBe(true);
    await fresh.lock();
  }, 60_000);

  it('still reads a shard whose counts the catalog lacks (written before they were kept)', async () => {
    const { dir, messages } = await vaultOfHistory();
    // A cache too small to keep the oldest shard: it must be read from its file.
    const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, { shardCacheBytes: 64 * 1024 });
    const [oldest] = session.listShards();
    // As a vault written before catalog migration 0006 left it, until the next unlock's backfill counts it.
    await session.write((w) => forgetShardCounts(w.catalog, oldest!.fileId));
    expect(session.isShardLoaded(oldest!)).toBe(false);
    expect((await wholeChat(session, QUIET)).map((m) => m.text)).toEqual(newestFirst(messages, QUIET));
    await session.lock();
  }, 60_000);
});
