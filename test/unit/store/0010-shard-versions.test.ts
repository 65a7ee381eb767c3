import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { all, loadSqlJs, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0010-shard-versions', () => {
  it('records the shards written before it as of an unknown, older format (0), keeping their entries', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, catalogMigrations.slice(0, 9), 'catalog');
    db.run(
      "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES ('ab', 0, 100, 7, 4096, x'00', 1)",
    );
    migrate(db, catalogMigrations.slice(0, 10), 'catalog');
    expect(userVersion(db)).toBe(10);
    expect(all(db, 'SELECT file_id, message_count, shard_version FROM shards')).toEqual([
      { file_id: 'ab', message_count: 7, shard_version: 0 },
    ]);
    db.close();
  });
});
