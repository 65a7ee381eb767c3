/**
 * Reading an export's messages fast (issue 19): a conversation is read only from the shards the catalog counts it
 * in, through its own index; a search's rows are kept from the search, so no shard is decrypted twice. Either way
 * the messages and their order are those of every shard read in full.
 */
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { all } from '../../../electron/core/db/sqlite';
import { MessageViews } from '../../../electron/core/archive/message-views';
import { buildExportRequest } from '../../../electron/core/evidence/export-request';
import { collectSearchHits, readHitsInOrder } from '../../../electron/core/evidence/search-hits';
import { selectMessages } from '../../../electron/core/evidence/select-messages';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import type { VaultReader } from '../../../electron/core/store/vault-reader';
import { shardsCounting } from '../../helpers/shard-counts';
import { createTestVault } from '../../helpers/vault';

const T0 = 1_600_000_000;
const MESSAGES = 3_000;
/** Chat 1 talks throughout, chat 2 only in the first fifth of the time, chat 3 in the rest. */
const chatOf = (i: number) => (i % 3 === 0 ? 1 : i < MESSAGES / 5 ? 2 : 3);

async function spreadVault() {
  const { session } = await createTestVault({ shardBudgetBytes: 64 * 1024 });
  await session.write((w) => {
    for (const c of [1, 2, 3])
      w.catalog.run(
        'INSERT INTO conversations (id, username, display_name, is_group, message_count, first_message_time, last_message_time) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [c, c === 1 ? '1000@chatroom' : `wxid_chat${c}`, `Chat ${c}`, c === 1 ? 1 : 0, 0, T0, T0 + MESSAGES * 600],
      );
    w.catalog.run('INSERT INTO group_members (conversation_id, username, group_nickname) VALUES (1, ?, ?)', [
      'wxid_member',
      '群昵称',
    ]);
  });
  const batch: StoredMessage[] = [];
  for (let i = 0; i < MESSAGES; i++)
    batch.push({
      conversationId: chatOf(i),
      dedupeKey: `select:${i}`,
      sourceId: null,
      sender: i % 2 ? 'wxid_member' : null,
      isSent: i % 2 === 0,
      // Two messages a second now and then: the order within one second is by id.
      time: T0 + Math.floor(i / 2) * 1_200,
      kind: 'text',
      text: `${i % 4 === 0 ? '今天' : '明天'} 第 ${i} 条 ${'内容'.repeat(i % 30)}`,
      payload: null,
      raw: null,
      mediaId: null,
      importId: null,
    });
  await session.write((w) => w.insertMessages(batch));
  await session.write((w) => w.indexBacklog());
  return session;
}

/** The session, counting which shards are asked for. */
function counting(session: VaultReader): { reader: VaultReader; read: string[] } {
  const read: string[] = [];
  const reader = Object.create(session) as VaultReader;
  reader.shard = (entry) => {
    read.push(entry.fileId);
    return session.shard(entry);
  };
  return { reader, read };
}

/** Every shard read in full: what the export must give, in transcript order within a conversation. */
function everyRow(session: VaultReader, where: (m: { conversation_id: number; text: string }) => boolean) {
  return Promise.all(
    session
      .listShards()
      .map(async (e) =>
        all<{ id: number; conversation_id: number; time: number; text: string }>(
          await session.shard(e),
          'SELECT id, conversation_id, time, text FROM messages',
        ),
      ),
  ).then((rows) =>
    rows
      .flat()
      .filter(where)
      .sort((a, b) => a.time - b.time || a.id - b.id),
  );
}

async function collect(messages: AsyncGenerator<MessageView>): Promise<MessageView[]> {
  const out: MessageView[] = [];
  for await (const m of messages) out.push(m);
  return out;
}

describe('choosing the messages of an export', () => {
  it('reads a conversation only from the shards that hold it, oldest first, in full', async () => {
    const session = await spreadVault();
    const shards = session.listShards();
    expect(shards.length).toBeGreaterThan(8);
    const { reader, read } = counting(session);
    const scope = buildExportRequest({ conversationIds: [2], outputPath: '/tmp/x', timeZone: 'UTC' }).scope;
    const got = await collect((await selectMessages(reader, scope)).messages(new AbortController().signal));

    const expected = await everyRow(session, (m) => m.conversation_id === 2);
    expect(got.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(got.every((m) => m.text === expected.find((e) => e.id === m.id)!.text)).toBe(true);
    const holding = shardsCounting(session, 2);
    expect(new Set(read)).toEqual(holding);
    expect(holding.size).toBeLessThan(shards.length / 2);
    await session.lock();
  });

  it('names a group member by their group nickname, read once for the conversation', async () => {
    const session = await spreadVault();
    const scope = buildExportRequest({ conversationIds: [1], outputPath: '/tmp/x', timeZone: 'UTC' }).scope;
    const got = await collect((await selectMessages(session, scope)).messages(new AbortController().signal));
    expect(new Set(got.filter((m) => !m.isSelf).map((m) => m.senderName))).toEqual(new Set(['群昵称']));
    await session.lock();
  });

  it('gives a search’s results in transcript order without reading a shard again, and the same when rows are read back', async () => {
    const session = await spreadVault();
    const scope = buildExportRequest({ query: '今天', outputPath: '/tmp/x', timeZone: 'UTC' }).scope;
    const views = new MessageViews(session.catalog);
    const signal = new AbortController().signal;

    const { reader, read } = counting(session);
    const hits = await collectSearchHits(reader, views, scope);
    const searched = read.length;
    const kept = await collect(readHitsInOrder(reader, views, hits, signal));
    expect(read.length).toBe(searched);

    // With no room to keep rows, they are read back from the shards: the same messages in the same order.
    const { reader: again, read: readAgain } = counting(session);
    const readBack = await collect(
      readHitsInOrder(again, views, await collectSearchHits(again, views, scope, undefined, 0), signal),
    );
    expect(readAgain.length).toBeGreaterThan(searched);
    expect(readBack).toEqual(kept);

    const expected = await everyRow(session, (m) => m.text.includes('今天'));
    expect(kept).toHaveLength(expected.length);
    // Conversations in the order of their first result, each oldest first.
    const order = [...new Set(expected.map((m) => m.conversation_id))];
    const byTranscript = order.flatMap((c) => expected.filter((m) => m.conversation_id === c));
    expect(kept.map((m) => m.id)).toEqual(byTranscript.map((m) => m.id));
    await session.lock();
  });
});
