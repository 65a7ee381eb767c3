import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { all, loadSqlJs, one, userVersion, type ReadOnlyDatabase } from '../../../electron/core/db/sqlite';

/** Shards with messages and no counts, as Locket read them until migration 0009 packed the counts. */
const uncountedShardIds = (db: ReadOnlyDatabase) =>
  all<{ file_id: string }>(
    db,
    'SELECT file_id FROM shards WHERE message_count > 0 AND NOT EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id)',
  ).map((r) => r.file_id);

describe('catalog migration 0006-shard-conversations', () => {
  it('adds empty per-shard counts to a vault written before it, so its shards with messages count as not counted yet', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, catalogMigrations.slice(0, 5), 'catalog');
    db.run(
      "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES ('a', 0, 10, 5, 100, x'00', 0), ('b', 10, 20, 0, 100, x'00', 0)",
    );
    migrate(db, catalogMigrations.slice(0, 6), 'catalog');
    expect(userVersion(db)).toBe(6);
    expect(one(db, 'SELECT count(*) AS n FROM shard_conversations')).toEqual({ n: 0 });
    expect(one(db, 'SELECT count(*) AS n FROM shard_media')).toEqual({ n: 0 });
    expect(uncountedShardIds(db)).toEqual(['a']);
    db.run(
      "INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest) VALUES ('a', 1, 5, 1, 9)",
    );
    expect(one(db, 'SELECT classed FROM shard_conversations')).toEqual({ classed: 0 });
    expect(uncountedShardIds(db)).toEqual([]);
    expect(() =>
      db.run(
        "INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest) VALUES ('a', 1, 1, 1, 1)",
      ),
    ).toThrow();
    db.close();
  });
});
