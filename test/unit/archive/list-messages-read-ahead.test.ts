import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { listMessages } from '../../../electron/core/archive/list-messages';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { shardConversationCounts } from '../../../electron/core/store/shard-counts';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import type { VaultKeys } from '../../../electron/core/vault/vault-keys';
import { TEST_PASSPHRASE, lockedVaultOf, message } from '../../helpers/vault';

/**
 * A chat spread thin over many shards, as in a large vault sharded by time (issue 19): its page needs several shards,
 * which the catalog's counts name before any is read, so they are read ahead (file read and inflate in the thread
 * pool) and no shard past them is touched.
 */
const THIN = 1;
const BUSY = 2;

/** 4,000 messages in small shards: one in eight of the thin chat, about two dozen of it a shard. */
function history(): StoredMessage[] {
  return Array.from({ length: 4000 }, (_, n) =>
    message(n, { conversationId: n % 8 === 0 ? THIN : BUSY, text: `message ${n} ${'长'.repeat(40)}` }),
  );
}

async function vaultOfHistory(): Promise<{ dir: string; messages: StoredMessage[] }> {
  const messages = history();
  const chats = [
    { id: THIN, username: 'wxid_thin', name: 'Thin' },
    { id: BUSY, username: 'wxid_busy', name: 'Busy' },
  ];
  return { dir: await lockedVaultOf(chats, messages), messages };
}

/** A fresh session that records each shard file it decrypts, and whether it was read ahead (inflated in the pool). */
async function recordingSession(dir: string): Promise<{ session: VaultSession; opened: [string, boolean][] }> {
  const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const openFile = keys.openFileWithFilter.bind(keys);
  const opened: [string, boolean][] = [];
  keys.openFileWithFilter = (kind, fileId, relPath, wrappedKey, limit, options) => {
    opened.push([fileId, options?.inflateInPool === true]);
    return openFile(kind, fileId, relPath, wrappedKey, limit, options);
  };
  return { session, opened };
}

/** The shards holding the thin chat newest first, each with how many of its messages it holds and their times. */
function thinShards(session: VaultSession): { fileId: string; messages: number; oldest: number }[] {
  const counts = shardConversationCounts(session.catalog);
  return session
    .listShards()
    .reverse()
    .flatMap((s) => {
      const c = counts.get(s.fileId)?.find((x) => x.conversationId === THIN);
      return c ? [{ fileId: s.fileId, messages: c.messages, oldest: c.oldest }] : [];
    });
}

const texts = (list: MessageView[]) => list.map((m) => m.text);
const thinNewestFirst = (messages: StoredMessage[]) =>
  messages
    .filter((m) => m.conversationId === THIN)
    .reverse()
    .map((m) => m.text);

describe('a page of a chat spread over many shards', () => {
  it('reads ahead exactly the shards the counts say the page needs, newest first, and none past them', async () => {
    const { dir, messages } = await vaultOfHistory();
    const { session, opened } = await recordingSession(dir);
    const holding = thinShards(session);
    // The shards the newest 80 and one more (is there a next page?) take, by the counts.
    const needed: string[] = [];
    for (let n = 0; n < 81;) {
      const shard = holding[needed.length]!;
      needed.push(shard.fileId);
      n += shard.messages;
    }
    // The test means something only if the page takes several shards and the chat has more.
    expect(needed.length).toBeGreaterThanOrEqual(3);
    expect(holding.length).toBeGreaterThan(needed.length + 2);

    const page = await listMessages(session, { conversationId: THIN, order: 'desc', limit: 80 });
    expect(texts(page.messages)).toEqual(thinNewestFirst(messages).slice(0, 80));
    expect(page.next).not.toBeNull();
    expect(opened).toEqual(needed.map((id) => [id, true]));
    await session.lock();
  }, 60_000);

  it('scrolls back and jumps to a date as reading every shard would, skipping shards whose counts put the chat outside', async () => {
    const { dir, messages } = await vaultOfHistory();
    const { session, opened } = await recordingSession(dir);
    const all = thinNewestFirst(messages);
    const shown: MessageView[] = [];
    let cursor: { time: number; id: number } | undefined;
    do {
      const page = await listMessages(session, {
        conversationId: THIN,
        order: 'desc',
        limit: 80,
        ...(cursor ? { cursor } : {}),
      });
      shown.push(...page.messages);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(texts(shown)).toEqual(all);
    // Each shard holding the chat was decrypted once, and no other.
    expect(opened.map(([id]) => id).sort()).toEqual(
      thinShards(session)
        .map((s) => s.fileId)
        .sort(),
    );
    await session.lock();

    // Newest first before the thin chat's oldest message in a shard in the middle: that shard's range reaches past
    // the moment, but the counts say all it holds of the chat is at or after it, so it is not decrypted.
    const lone = await recordingSession(dir);
    const entries = new Map(lone.session.listShards().map((s) => [s.fileId, s]));
    const middle = thinShards(lone.session)
      .slice(2)
      .find((s) => entries.get(s.fileId)!.startTime < s.oldest)!;
    expect(middle).toBeDefined();
    const times = new Map(messages.map((m) => [m.text, m.time]));
    const before = middle.oldest;
    const older = await listMessages(lone.session, { conversationId: THIN, order: 'desc', before, limit: 20 });
    expect(texts(older.messages)).toEqual(all.filter((t) => times.get(t)! < before).slice(0, 20));
    expect(lone.opened.map(([id]) => id)).not.toContain(middle.fileId);
    await lone.session.lock();

    // A jump to that moment, as the archive screen makes it: both queries at once.
    const jump = await recordingSession(dir);
    const [olderHalf, newerHalf] = await Promise.all([
      listMessages(jump.session, { conversationId: THIN, order: 'desc', before, limit: 20 }),
      listMessages(jump.session, { conversationId: THIN, order: 'asc', after: before, limit: 80 }),
    ]);
    expect(texts(olderHalf.messages)).toEqual(texts(older.messages));
    expect(texts(newerHalf.messages)).toEqual(
      all
        .filter((t) => times.get(t)! >= before)
        .reverse()
        .slice(0, 80),
    );
    await jump.session.lock();
  }, 60_000);
  it('tells a next page from the counts only when there is one, and lists the whole vault as before', async () => {
    const { dir, messages } = await vaultOfHistory();
    const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    const all = thinNewestFirst(messages);
    // The whole chat in one page: nothing after it. One fewer: the last message is the next page, alone.
    const whole = await listMessages(session, { conversationId: THIN, order: 'desc', limit: all.length });
    expect(texts(whole.messages)).toEqual(all);
    expect(whole.next).toBeNull();
    const allButOne = await listMessages(session, { conversationId: THIN, order: 'desc', limit: all.length - 1 });
    expect(allButOne.next).not.toBeNull();
    const rest = await listMessages(session, {
      conversationId: THIN,
      order: 'desc',
      limit: all.length,
      cursor: allButOne.next!,
    });
    expect(texts(rest.messages)).toEqual(all.slice(-1));
    expect(rest.next).toBeNull();

    // Every chat at once, oldest first, within a range, page by page.
    const from = messages[700]!.time;
    const to = messages[3300]!.time;
    const shown: MessageView[] = [];
    let cursor: { time: number; id: number } | undefined;
    do {
      const page = await listMessages(session, { after: from, before: to, limit: 333, ...(cursor ? { cursor } : {}) });
      shown.push(...page.messages);
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(texts(shown)).toEqual(messages.slice(700, 3300).map((m) => m.text));
    await session.lock();
  }, 60_000);
});

describe('a page spread over more shards than the shard cache holds', () => {
  it('gives every quote on it the time of the message it quotes, without querying a shard the cache closed', async () => {
    // One chat, every tenth message quoting the one five before it (by source id, as a source without the time).
    const messages = Array.from({ length: 3000 }, (_, n) =>
      n % 10 === 5
        ? message(n, {
            kind: 'quote',
            text: `回复 ${n}`,
            payload: JSON.stringify({ quoted: { sourceId: message(n - 5).sourceId, text: 'earlier' } }),
          })
        : message(n, { text: `message ${n} ${'长'.repeat(40)}` }),
    );
    const dir = await lockedVaultOf([{ id: 1, username: 'wxid_q', name: 'Q' }], messages);
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, { shardCacheBytes: 96 * 1024 });
    expect(reopened.listShards().length).toBeGreaterThan(8);
    const page = await listMessages(reopened, { conversationId: 1, limit: 3000 });
    const quotes = page.messages.filter((m): m is Extract<MessageView, { kind: 'quote' }> => m.kind === 'quote');
    expect(quotes).toHaveLength(300);
    for (const q of quotes) expect(q.quotedTime).toBe(q.time - 5 * 60);
    await reopened.lock();
  });
});
