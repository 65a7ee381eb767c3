import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';
import { uncountedShardIds } from '../../../electron/core/store/shard-counts';

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
