import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { countUnindexed, indexedThrough } from '../../../electron/core/store/index-shard';
import { runSearch } from '../../../electron/core/search/run-search';
import { all } from '../../../electron/core/db/sqlite';
import { createTestVault, message } from '../../helpers/vault';
import { indexedDocids } from '../../helpers/index-docids';

describe('the search index of each shard', () => {
  it('holds exactly its own messages up to its mark after appends and a split at the median, and all of them once indexed', async () => {
    const { session } = await createTestVault({ shardBudgetBytes: 64 * 1024 });
    const newer = Array.from({ length: 1500 }, (_, i) => message(i, { text: `新消息 newer ${'x'.repeat(80)} n${i}` }));
    await session.write((w) => w.insertMessages(newer));
    await session.write((w) => w.indexBacklog());
    // Older messages land inside the first, closed shard: it splits in the middle, deleting half its rows. They are
    // not indexed yet, so each half holds indexed and unindexed messages.
    const older = Array.from({ length: 1500 }, (_, i) =>
      message(10_000 + i, { time: 1_700_000_000 + (i % 900) * 60 + 30, text: `旧消息 older ${'y'.repeat(80)} o${i}` }),
    );
    await session.write((w) => w.insertMessages(older));

    const expectIndexedThroughMark = async () => {
      const shards = session.listShards().filter((s) => s.messageCount > 0);
      expect(shards.length).toBeGreaterThan(2);
      let unindexed = 0;
      for (const entry of shards) {
        const db = await session.shard(entry);
        const through = indexedThrough(db);
        const ids = all<{ id: number }>(db, 'SELECT id FROM messages WHERE id <= ? ORDER BY id', [through]).map(
          (r) => r.id,
        );
        const indexed = indexedDocids(db);
        expect(indexed).toEqual(ids);
        unindexed += countUnindexed(db);
      }
      expect(session.unindexedMessageCount).toBe(unindexed);
      return unindexed;
    };
    expect(await expectIndexedThroughMark()).toBe(1500);
    await session.write((w) => w.indexBacklog());
    expect(await expectIndexedThroughMark()).toBe(0);
    const count = async (query: string) =>
      (await runSearch(session, parseQuery(query, { timeZone: 'UTC' }), { limit: 1, count: true })).total;
    expect(await count('消息')).toBe(3000);
    expect(await count('旧消息')).toBe(1500);
    expect(await count('NEWER')).toBe(1500);
    expect(await count('o1499')).toBe(1);
    await session.lock();
  });
});
