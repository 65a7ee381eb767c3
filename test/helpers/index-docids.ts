import type { Database } from 'sql.js';
import type { ReadOnlyDatabase } from '../../electron/core/db/sqlite';

/**
 * The message ids a shard's search index holds postings for. The index keeps no copy of its rows (shard migration
 * 0004): a full scan of `message_index` reads the messages through its view, whatever the index holds. So this reads
 * the index's own terms (`fts4aux`) and collects the documents each matches.
 */
export function indexedDocids(shard: Database | ReadOnlyDatabase): number[] {
  // A temporary table, on a test's copy of the connection: nothing of the shard's own file changes.
  const db = shard as Database;
  db.exec('CREATE VIRTUAL TABLE temp.index_terms USING fts4aux(main, message_index)');
  try {
    const terms = (db.exec("SELECT DISTINCT term FROM temp.index_terms WHERE col = '*'")[0]?.values ?? []).map(
      ([term]) => String(term),
    );
    const ids = new Set<number>();
    for (let at = 0; at < terms.length; at += 100) {
      const match = terms
        .slice(at, at + 100)
        .map((t) => `"${t}"`)
        .join(' OR ');
      for (const [id] of db.exec('SELECT docid FROM message_index WHERE message_index MATCH ?', [match])[0]?.values ??
        [])
        ids.add(Number(id));
    }
    return [...ids].sort((a, b) => a - b);
  } finally {
    db.exec('DROP TABLE temp.index_terms');
  }
}
