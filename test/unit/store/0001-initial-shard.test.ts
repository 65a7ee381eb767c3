import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialShard } from '../../../electron/core/store/shard-migrations/0001-initial-shard';
import { all, loadSqlJs, userVersion } from '../../../electron/core/db/sqlite';

describe('shard migration 0001-initial-shard', () => {
  it('stores 64-bit source ids as text and refuses a second copy of a message', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialShard], 'shard');
    expect(userVersion(db)).toBe(1);
    const insert =
      "INSERT INTO messages (id, conversation_id, dedupe_key, source_id, is_sent, time, kind) VALUES (?, 1, ?, ?, 0, 0, 'text')";
    db.run(insert, [1, 'k1', '18446744073709551615']);
    db.run(insert, [2, 'k2', '18446744073709551614']);
    expect(() => db.run(insert, [3, 'k1', '1'])).toThrow(/UNIQUE/);
    expect(all(db, 'SELECT source_id FROM messages ORDER BY id')).toEqual([
      { source_id: '18446744073709551615' },
      { source_id: '18446744073709551614' },
    ]);
    db.close();
  });
});
