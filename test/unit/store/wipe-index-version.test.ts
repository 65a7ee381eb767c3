import { describe, expect, it } from 'vitest';
import { run } from '../../../electron/core/db/sqlite';
import { isIndexOfThisRun } from '../../../electron/core/store/index-shard';
import { createTestVault, message } from '../../helpers/vault';
import { indexedDocids } from '../../helpers/index-docids';

const matches = (db: Parameters<typeof indexedDocids>[0], term: string) =>
  (
    (db as import('sql.js').Database).exec('SELECT docid FROM message_index WHERE message_index MATCH ?', [term])[0]
      ?.values ?? []
  ).map(([id]) => Number(id));

describe('a wipe of messages from a shard indexed under another Unicode version', () => {
  it('leaves no posting of a wiped message, even one its tokens are no longer computed to hold', async () => {
    const { session } = await createTestVault();
    await session.write((w) => w.insertMessages([1, 2, 3].map((n) => message(n, { text: `note ${n} 你好` }))));
    await session.write((w) => w.indexBacklog());
    const time = message(1).time;
    // As if message 2 had been indexed by a JS engine whose Unicode tables cut its text differently: a posting its
    // tokens, as this run computes them, do not contain. Deleting through the tokens would leave it behind.
    await session.write(async (w) => {
      const db = await w.shardAt(time);
      run(db, "INSERT INTO message_index (docid, tokens) VALUES (2, 'ghost')");
      run(db, "UPDATE index_state SET tokens_unicode = 'unicode 0.0'");
    });
    const [entry] = session.listShards().filter((s) => s.messageCount > 0);
    expect(isIndexOfThisRun(await session.shard(entry!))).toBe(false);
    expect(matches(await session.shard(entry!), 'ghost')).toEqual([2]);
    await session.write(async (w) => {
      await w.deleteMessagesDangerously(entry!, [2]);
    });
    const [after] = session.listShards().filter((s) => s.messageCount > 0);
    const db = await session.shard(after!);
    expect(matches(db, 'ghost')).toEqual([]);
    expect(indexedDocids(db)).toEqual([1, 3]);
    expect(isIndexOfThisRun(db)).toBe(true);
    await session.lock();
  });

  it('builds the index again from what stays when a wipe takes most of a shard, with the same postings as deleting', async () => {
    const { session } = await createTestVault();
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    await session.write((w) => w.insertMessages(ids.map((n) => message(n, { text: `第 ${n} 条 晚饭 note ${n}` }))));
    await session.write((w) => w.indexBacklog());
    const [entry] = session.listShards().filter((s) => s.messageCount > 0);
    const stored = indexedDocids(await session.shard(entry!));
    expect(stored).toHaveLength(40);
    // A posting the wiped messages' tokens do not hold: deleting through the trigger would leave it; a rebuild not.
    await session.write(async (w) =>
      run(await w.shardAt(message(1).time), "INSERT INTO message_index (docid, tokens) VALUES (5, 'ghost')"),
    );
    const [loaded] = session.listShards().filter((s) => s.messageCount > 0);
    const wiped = stored.slice(0, 30);
    await session.write(async (w) => {
      expect(await w.deleteMessagesDangerously(loaded!, wiped)).toEqual({ deleted: 30 });
    });
    const [after] = session.listShards().filter((s) => s.messageCount > 0);
    const db = await session.shard(after!);
    expect(indexedDocids(db)).toEqual(stored.slice(30));
    expect(matches(db, 'ghost')).toEqual([]);
    expect(matches(db, '晚饭').sort((a, b) => a - b)).toEqual(stored.slice(30));
    expect(isIndexOfThisRun(db)).toBe(true);
    await session.lock();
  });
});
