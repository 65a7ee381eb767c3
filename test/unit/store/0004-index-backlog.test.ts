import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialCatalog } from '../../../electron/core/db/migrations/0001-initial-catalog';
import { retentionAndAudit } from '../../../electron/core/db/migrations/0002-retention-and-audit';
import { mediaDetails } from '../../../electron/core/db/migrations/0003-media-details';
import { indexBacklog } from '../../../electron/core/db/migrations/0004-index-backlog';
import { loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0004-index-backlog', () => {
  it('counts no message waiting for the index in shards written before it', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialCatalog, retentionAndAudit, mediaDetails], 'catalog');
    db.run(
      "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES ('a', 0, 10, 5, 100, x'00', 0)",
    );
    migrate(db, [initialCatalog, retentionAndAudit, mediaDetails, indexBacklog], 'catalog');
    expect(userVersion(db)).toBe(4);
    expect(one(db, 'SELECT file_id, message_count, unindexed_count FROM shards')).toEqual({
      file_id: 'a',
      message_count: 5,
      unindexed_count: 0,
    });
    db.close();
  });
});
