import { describe, expect, it } from 'vitest';
import {
  countUnindexed,
  indexNextMessages,
  indexedThrough,
  rebuildShardIndex,
} from '../../../electron/core/store/index-shard';
import { migrate } from '../../../electron/core/db/migrate';
import { initialShard } from '../../../electron/core/store/shard-migrations/0001-initial-shard';
import { searchIndex } from '../../../electron/core/store/shard-migrations/0002-search-index';
import { indexState } from '../../../electron/core/store/shard-migrations/0003-index-state';
import { all, loadSqlJs, userVersion } from '../../../electron/core/db/sqlite';

const INSERT =
  "INSERT INTO messages (id, conversation_id, dedupe_key, is_sent, time, kind, text) VALUES (?, 1, ?, 0, ?, 'text', ?)";
const docids = (db: import('sql.js').Database) =>
  all<{ docid: number }>(db, 'SELECT docid FROM message_index ORDER BY docid').map((r) => r.docid);

describe('shard migration 0003-index-state', () => {
  it('records a shard written before it as fully indexed, and a new shard as holding nothing to index', async () => {
    const SQL = await loadSqlJs();
    const old = new SQL.Database();
    migrate(old, [initialShard, searchIndex], 'shard');
    old.run(INSERT, [5, 'k5', 10, '旧的消息']);
    old.run(INSERT, [9, 'k9', 20, 'old message']);
    migrate(old, [initialShard, searchIndex, indexState], 'shard');
    expect(userVersion(old)).toBe(3);
    expect(indexedThrough(old)).toBe(9);
    expect(countUnindexed(old)).toBe(0);

    const fresh = new SQL.Database();
    migrate(fresh, [initialShard, searchIndex, indexState], 'shard');
    expect(indexedThrough(fresh)).toBe(0);
    old.close();
    fresh.close();
  });

  it('indexes what is above the mark in id order, moving the mark, and a rebuild marks everything indexed', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialShard, searchIndex, indexState], 'shard');
    for (const id of [3, 4, 7, 8, 12]) db.run(INSERT, [id, `k${id}`, id, `message ${id}`]);
    expect(countUnindexed(db)).toBe(5);
    expect(indexNextMessages(db, 2)).toBe(2);
    expect(indexedThrough(db)).toBe(4);
    expect(docids(db)).toEqual([3, 4]);
    expect(countUnindexed(db)).toBe(3);
    expect(indexNextMessages(db, 10)).toBe(3);
    expect(indexedThrough(db)).toBe(12);
    expect(indexNextMessages(db, 10)).toBe(0);

    db.run(INSERT, [20, 'k20', 20, 'message 20']);
    expect(countUnindexed(db)).toBe(1);
    expect(rebuildShardIndex(db)).toBe(6);
    expect(indexedThrough(db)).toBe(20);
    expect(docids(db)).toEqual([3, 4, 7, 8, 12, 20]);
    // Deleting the newest message never moves the mark back: ids are never reused.
    db.run('DELETE FROM messages WHERE id = 20');
    rebuildShardIndex(db);
    expect(indexedThrough(db)).toBe(20);
    db.close();
  });
});
