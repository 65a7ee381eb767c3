import { describe, expect, it } from 'vitest';
import { rebuildShardIndex } from '../../../electron/core/store/index-shard';
import { migrate } from '../../../electron/core/db/migrate';
import { initialShard } from '../../../electron/core/store/shard-migrations/0001-initial-shard';
import { searchIndex } from '../../../electron/core/store/shard-migrations/0002-search-index';
import { all, loadSqlJs, userVersion } from '../../../electron/core/db/sqlite';

const INSERT =
  'INSERT INTO messages (id, conversation_id, dedupe_key, is_sent, time, kind, text, payload) VALUES (?, 1, ?, 0, ?, ?, ?, ?)';

function hits(db: import('sql.js').Database, match: string): number[] {
  return all<{ docid: number }>(db, 'SELECT docid FROM message_index WHERE message_index MATCH ? ORDER BY docid', [
    match,
  ]).map((r) => r.docid);
}

describe('shard migration 0002-search-index', () => {
  it('indexes the messages a shard already holds, including file names and link descriptions', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialShard], 'shard');
    db.run(INSERT, [1, 'k1', 10, 'text', '我们今天晚上吃火锅', null]);
    db.run(INSERT, [2, 'k2', 20, 'file', '[File]', JSON.stringify({ fileName: 'Q3 报告.pdf' })]);
    db.run(INSERT, [
      3,
      'k3',
      30,
      'link',
      '一篇文章',
      JSON.stringify({ title: '一篇文章', description: 'Weekly digest' }),
    ]);
    db.run(INSERT, [4, 'k4', 40, 'text', '...', null]);

    migrate(db, [initialShard, searchIndex], 'shard');
    expect(userVersion(db)).toBe(2);
    expect(hits(db, '"今天 天晚 晚上"')).toEqual([1]);
    expect(hits(db, '"报告"')).toEqual([2]);
    expect(hits(db, '"weekly digest"')).toEqual([3]);
    // A message with nothing searchable has no row at all.
    expect(all(db, 'SELECT docid FROM message_index')).toHaveLength(3);
    db.close();
  });

  it('forgets a message deleted from the shard, as a split or a wipe deletes them', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialShard, searchIndex], 'shard');
    db.run(INSERT, [1, 'k1', 10, 'text', 'secret plan', null]);
    db.run("INSERT INTO message_index (docid, tokens) VALUES (1, 'secret plan')");
    db.run('DELETE FROM messages WHERE id = 1');
    expect(hits(db, 'secret')).toEqual([]);
    expect(all(db, 'SELECT docid FROM message_index')).toEqual([]);
    db.close();
  });

  it('can be rebuilt from the messages, inside a transaction or not', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialShard, searchIndex], 'shard');
    db.run(INSERT, [1, 'k1', 10, 'text', 'keep me', null]);
    // An index row for a message that is not there (as a stale index would have).
    db.run("INSERT INTO message_index (docid, tokens) VALUES (99, 'ghost')");
    expect(rebuildShardIndex(db)).toBe(1);
    expect(hits(db, 'ghost')).toEqual([]);
    expect(hits(db, 'keep')).toEqual([1]);
    db.exec('BEGIN');
    rebuildShardIndex(db);
    db.exec('COMMIT');
    expect(hits(db, 'keep')).toEqual([1]);
    // The trigger survives the rebuild.
    db.run('DELETE FROM messages');
    expect(hits(db, 'keep')).toEqual([]);
    db.close();
  });
});
