import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { migrate, wasCompactedByMigration } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { all, loadSqlJs, one, run, userVersion } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import {
  shardConversationCounts,
  shardMediaReferences,
  shardsHoldingConversation,
  uncountedShardIds,
} from '../../../electron/core/store/shard-counts';
import { writeCatalogAsVersion8 } from '../../helpers/catalog-as-version-8';
import { expectCountsMatchShards } from '../../helpers/shard-counts';
import { TEST_PASSPHRASE, createTestVault, message } from '../../helpers/vault';

const hex = (n: number) => n.toString(16).padStart(32, '0');

async function catalogAt0008() {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, catalogMigrations.slice(0, 8), 'catalog');
  return db;
}

describe('catalog migration 0009-packed-shard-counts', () => {
  it('packs the rows of 0006 into one row per shard, losslessly, and vacuums their pages away', async () => {
    const db = await catalogAt0008();
    const shard = db.prepare(
      "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES (?, ?, ?, ?, 1, x'', 0)",
    );
    const conversation = db.prepare(
      'INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest, classed) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const media = db.prepare('INSERT INTO shard_media (shard_id, conversation_id, media_id, refs) VALUES (?, ?, ?, ?)');
    const expected = new Map<
      string,
      { conversationId: number; messages: number; oldest: number; newest: number; classed: number }[]
    >();
    for (let s = 0; s < 40; s++) {
      const rows = [];
      for (let c = 1 + (s % 3); c <= 300; c += 1 + (s % 2)) {
        const oldest = 1_600_000_000 + s * 86_400 + c;
        rows.push({
          conversationId: c,
          messages: 1 + (c % 7),
          oldest,
          newest: oldest + c * 13,
          classed: c % 5 === 0 ? 1 : 0,
        });
      }
      expected.set(hex(s), rows);
      shard.run([hex(s), s * 100, s * 100 + 100, rows.reduce((n, r) => n + r.messages, 0)]);
      for (const r of rows) conversation.run([hex(s), r.conversationId, r.messages, r.oldest, r.newest, r.classed]);
      media.run([hex(s), rows[0]!.conversationId, hex(1000 + s), 2]);
      media.run([hex(s), rows[1]!.conversationId, `legacy ${s}`, 1]);
    }
    // An empty shard has no rows either way.
    shard.run([hex(99), 9_900, 10_000, 0]);
    [shard, conversation, media].forEach((st) => st.free());
    const before = db.export().length;

    migrate(db, catalogMigrations.slice(0, 9), 'catalog');
    expect(userVersion(db)).toBe(9);
    expect(all(db, "SELECT name FROM sqlite_master WHERE name IN ('shard_conversations', 'shard_media')")).toEqual([]);
    expect(one(db, 'SELECT count(*) AS n FROM shard_counts')).toEqual({ n: 40 });
    const counts = shardConversationCounts(db);
    for (const [fileId, rows] of expected) {
      expect(counts.get(fileId)).toEqual(rows);
      expect(shardMediaReferences(db, fileId)).toEqual([
        { conversationId: rows[0]!.conversationId, mediaId: hex(1000 + Number.parseInt(fileId, 16)), refs: 2 },
        { conversationId: rows[1]!.conversationId, mediaId: `legacy ${Number.parseInt(fileId, 16)}`, refs: 1 },
      ]);
    }
    expect(counts.get(hex(99))).toBeUndefined();
    expect(uncountedShardIds(db)).toEqual([]);
    // Conversation 2 is in the shards whose first id is 1 or 2 and that step by 1, or that start at 2.
    expect([...shardsHoldingConversation(db, 2)].sort()).toEqual(
      [...expected]
        .filter(([, rows]) => rows.some((r) => r.conversationId === 2))
        .map(([id]) => id)
        .sort(),
    );
    // The freed pages are gone from the export, not carried zeroed.
    expect(db.export().length).toBeLessThan(before / 2);
    db.close();
  });

  it('leaves a shard whose rows cannot be packed uncounted, so the next unlock counts it from the shard', async () => {
    const db = await catalogAt0008();
    db.run(
      "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES ('a', 0, 10, 3, 1, x'', 0), ('b', 10, 20, 3, 1, x'', 0), ('c', 20, 30, 9, 1, x'', 0)",
    );
    db.run(
      "INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest, classed) VALUES ('a', 1, 3, 5, 4, 0), ('b', 1, 3, 11, 12, 0), ('c', 1, 3, 21, 22, 0)",
    );
    // b's media names a conversation b has no messages of.
    db.run("INSERT INTO shard_media (shard_id, conversation_id, media_id, refs) VALUES ('b', 2, 'x', 1)");
    migrate(db, catalogMigrations, 'catalog');
    // a: newest before oldest; b: media of no conversation there; c: 3 counted of the directory's 9.
    expect(uncountedShardIds(db)).toEqual(['a', 'b', 'c']);
    expect(shardConversationCounts(db).get('c')).toBeUndefined();
    expect(shardsHoldingConversation(db, 5)).toEqual(new Set(['a', 'b']));
    db.close();
  });

  it('converts a vault Locket 0.2.0 wrote at its first unlock and commits it there, so later unlocks do not convert', async () => {
    const { dir, session } = await createTestVault({ shardBudgetBytes: 48 * 1024 });
    await session.write((w) =>
      run(
        w.catalog,
        "INSERT INTO conversations (id, username, display_name, is_group) VALUES (1, 'wxid_a', 'A', 0), (2, 'wxid_b', 'B', 0)",
      ),
    );
    await session.write((w) =>
      w.insertMessages(
        Array.from({ length: 1200 }, (_, n) =>
          message(n, {
            conversationId: 1 + (n % 2),
            text: `m ${'长'.repeat(40)}`,
            payload: JSON.stringify({ media: [{ mediaId: hex(n % 3) }] }),
          }),
        ),
      ),
    );
    // The catalog as Locket 0.2.0 wrote it: the counts as rows (migration 0006's tables), schema 8.
    const shards = session.listShards().filter((s) => s.messageCount > 0);
    expect(shards.length).toBeGreaterThan(3);
    await session.write((w) => writeCatalogAsVersion8(w.catalog, shards));
    // Each shard holds both chats, each referring to all three media items.
    expect(one(session.catalog, 'SELECT count(*) AS n FROM shard_media')).toEqual({ n: 6 * shards.length });
    await session.lock();

    const first = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(wasCompactedByMigration(first.catalog as Database)).toBe(true);
    const generation = first.generation;
    expect(shardMediaReferences(first.catalog, shards[0]!.fileId)).toHaveLength(6);
    await expectCountsMatchShards(first);
    await first.lock();
    const second = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(wasCompactedByMigration(second.catalog as Database)).toBe(false);
    expect(second.generation).toBe(generation);
    expect(uncountedShardIds(second.catalog)).toEqual([]);
    await expectCountsMatchShards(second);

    // A row that does not unpack is no count at all: every reader reads that shard instead, and never throws.
    const [garbled, stale] = shards;
    await second.write((w) => {
      run(w.catalog, "UPDATE shard_counts SET conversation_counts = x'01ffffffffffffffffff7f' WHERE shard_id = ?", [
        garbled!.fileId,
      ]);
      // A row counting other messages than the shard directory says the shard holds.
      run(w.catalog, 'UPDATE shard_counts SET messages = messages + 1 WHERE shard_id = ?', [stale!.fileId]);
    });
    const lookup = shardConversationCounts(second.catalog);
    expect(lookup.get(garbled!.fileId)).toBeUndefined();
    expect(lookup.get(stale!.fileId)).toBeUndefined();
    expect(shardMediaReferences(second.catalog, garbled!.fileId)).toEqual([]);
    expect(shardsHoldingConversation(second.catalog, 1).has(garbled!.fileId)).toBe(true);
    // The unlock counts again the one whose total does not match; the garbled one when its shard is next written.
    expect(uncountedShardIds(second.catalog)).toEqual([stale!.fileId]);
    await second.lock();
    const third = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(uncountedShardIds(third.catalog)).toEqual([]);
    expect(shardConversationCounts(third.catalog).get(stale!.fileId)).toEqual([
      expect.objectContaining({ conversationId: 1 }),
      expect.objectContaining({ conversationId: 2 }),
    ]);
    await third.lock();
  }, 60_000);
});
