import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { all, loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';
import { indexNextMessages, isIndexOfThisRun, rebuildShardIndex } from '../../../electron/core/store/index-shard';
import { registerIndexFunctions, TOKENS_UNICODE } from '../../../electron/core/store/index-tokens-function';
import { shardMigrations } from '../../../electron/core/store/shard-migrations';
import { initialShard } from '../../../electron/core/store/shard-migrations/0001-initial-shard';
import { searchIndex } from '../../../electron/core/store/shard-migrations/0002-search-index';
import { indexState } from '../../../electron/core/store/shard-migrations/0003-index-state';
import { indexedDocids } from '../../helpers/index-docids';
import { seededRandom } from '../../helpers/seeded-random';

const INSERT =
  'INSERT OR IGNORE INTO messages (id, conversation_id, dedupe_key, is_sent, time, kind, text, payload) VALUES (?, 1, ?, 0, ?, ?, ?, ?)';
const WORDS = ['我们', '今天', '晚上', '吃饭', '火锅', '报告', 'plan', 'Meeting', 'café', '👍', '2024', '東京', 'ｶﾀｶﾅ'];

/** Every term the index holds, each with the messages its postings name: what a search can find. */
function postings(db: Database): Map<string, number[]> {
  db.exec('CREATE VIRTUAL TABLE temp.terms USING fts4aux(main, message_index)');
  const terms = all<{ term: string }>(db, "SELECT DISTINCT term FROM temp.terms WHERE col = '*'").map((r) => r.term);
  db.exec('DROP TABLE temp.terms');
  const out = new Map<string, number[]>();
  for (const term of terms.sort()) {
    const ids = all<{ docid: number }>(
      db,
      'SELECT docid FROM message_index WHERE message_index MATCH ? ORDER BY docid',
      [`"${term}"`],
    ).map((r) => r.docid);
    if (ids.length) out.set(term, ids);
  }
  return out;
}

/** A shard as Locket 0.2 wrote it (shard migrations 1 to 3), some messages indexed and some not yet. */
async function oldShard(seed: number): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, [initialShard, searchIndex, indexState], 'shard');
  const random = seededRandom(seed);
  const text = () =>
    Array.from({ length: 1 + Math.floor(random() * 5) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(
      random() < 0.5 ? '' : ' ',
    );
  for (let id = 1; id <= 60; id++) {
    const isLink = id % 7 === 0;
    db.run(INSERT, [
      id,
      `svr:chat:${id}`,
      id * 10,
      isLink ? 'link' : 'text',
      text(),
      isLink ? JSON.stringify({ title: text(), description: `digest ${text()}` }) : null,
    ]);
  }
  // Messages were indexed as they came: through 40 now, the rest left to the indexing phase.
  db.exec('DELETE FROM message_index; UPDATE index_state SET indexed_through = 0');
  indexNextMessages(db, 40);
  return db;
}

describe('shard migration 0004-external-search-index', () => {
  it('keeps the postings of an old shard, drops their copy and finds what it found', async () => {
    const db = await oldShard(1);
    const before = postings(db);
    const beforeDocids = indexedDocids(db);
    expect(beforeDocids.at(-1)).toBe(40);
    migrate(db, shardMigrations, 'shard');
    expect(userVersion(db)).toBe(4);
    const tables = all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE name LIKE 'message_index%'").map(
      (r) => r.name,
    );
    expect(tables).not.toContain('message_index_content');
    expect(tables).not.toContain('message_index_docsize');
    expect(postings(db)).toEqual(before);
    expect(indexedDocids(db)).toEqual(beforeDocids);
    expect(all(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // The same shard written and read again: the table is declared as a new shard declares it.
    const reopened = registerIndexFunctions(new (await loadSqlJs()).Database(db.export()));
    const fresh = new (await loadSqlJs()).Database();
    migrate(fresh, shardMigrations, 'shard');
    const schema = (d: Database) => all(d, 'SELECT type, name, sql FROM sqlite_master ORDER BY name');
    expect(schema(reopened)).toEqual(schema(fresh));
    expect(postings(reopened)).toEqual(before);
    reopened.close();
    fresh.close();
    // Built by an earlier run of unknown Unicode version: a wipe rebuilds it rather than delete through the tokens.
    expect(isIndexOfThisRun(db)).toBe(false);
    // Dedupe keys are as they were: the same message is not stored twice.
    db.run(INSERT, [999, 'svr:chat:5', 5, 'text', 'again', null]);
    expect(db.getRowsModified()).toBe(0);
    db.close();
  });

  it('stays exactly the index a rebuild makes through deletes, changes and the indexing of the rest', async () => {
    for (const seed of [2, 3, 4]) {
      const db = await oldShard(seed);
      migrate(db, shardMigrations, 'shard');
      const random = seededRandom(seed);
      // Deletes on both sides of the mark (a split's or a wipe's), changes of indexed text, then the backlog.
      for (let i = 0; i < 15; i++) db.run('DELETE FROM messages WHERE id = ?', [1 + Math.floor(random() * 60)]);
      db.run("UPDATE messages SET text = '新的文字 changed' WHERE id IN (3, 33, 50)");
      db.run("UPDATE messages SET payload = json_set(payload, '$.description', 'renamed card') WHERE kind = 'link'");
      // Not what is indexed: the postings stay.
      db.run('UPDATE messages SET is_sent = 1 WHERE id % 2 = 0');
      expect(indexNextMessages(db, 100)).toBeGreaterThan(0);
      db.run('DELETE FROM messages WHERE id % 5 = 0');
      db.exec("INSERT INTO message_index (message_index) VALUES ('optimize')");
      // FTS4 compares every posting with the tokens the view computes for the messages up to the mark.
      expect(all(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const kept = postings(db);
      const ids = all<{ id: number }>(db, 'SELECT id FROM messages ORDER BY id').map((r) => r.id);
      expect(indexedDocids(db)).toEqual(ids);
      rebuildShardIndex(db);
      expect(kept).toEqual(postings(db));
      expect(isIndexOfThisRun(db)).toBe(true);
      db.close();
    }
  });

  it('records the Unicode version of a new shard, and refuses a delete on a connection without the tokens function', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, shardMigrations, 'shard');
    expect(one<{ v: string }>(db, 'SELECT tokens_unicode AS v FROM index_state')?.v).toBe(TOKENS_UNICODE);
    db.run(INSERT, [1, 'k1', 10, 'text', 'secret plan', null]);
    indexNextMessages(db, 10);
    expect(isIndexOfThisRun(db)).toBe(true);
    expect(all(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // A posting the message's tokens do not hold (a stale index) is what the check finds.
    const stale = registerIndexFunctions(new SQL.Database(db.export()));
    stale.run("INSERT INTO message_index (docid, tokens) VALUES (1, 'ghost')");
    expect(all(stale, 'PRAGMA integrity_check')).not.toEqual([{ integrity_check: 'ok' }]);
    stale.close();
    const elsewhere = new SQL.Database(db.export());
    // Searching needs no function: a MATCH reads the index alone.
    expect(all(elsewhere, "SELECT docid FROM message_index WHERE message_index MATCH 'secret'")).toEqual([
      { docid: 1 },
    ]);
    // SQLite reports the missing function inside FTS4 only as a logic error: the delete fails, and nothing changed.
    expect(() => elsewhere.run('DELETE FROM messages WHERE id = 1')).toThrow();
    expect(all(elsewhere, 'SELECT id FROM messages')).toEqual([{ id: 1 }]);
    registerIndexFunctions(elsewhere);
    elsewhere.run('DELETE FROM messages WHERE id = 1');
    expect(all(elsewhere, "SELECT docid FROM message_index WHERE message_index MATCH 'secret'")).toEqual([]);
    elsewhere.close();
    db.close();
  });
});
