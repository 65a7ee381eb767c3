import type { Database, Statement } from 'sql.js';
import { one, type ReadOnlyDatabase } from '../db/sqlite';
import { searchableText } from './searchable-text';
import { tokensOfAtoms } from './tokenize';
import { TOKENS_UNICODE } from './index-tokens-function';
import type { PhraseFilterBuilder } from './phrase-filter';
import { atomize } from './text-atoms';

/** What indexing needs of a message. */
export interface IndexableMessage {
  kind: string;
  text: string;
  payload: string | null;
}

/** Tokens are bound as UTF-8 bytes and cast back to TEXT: much faster than sql.js's own string binding. */
const INSERT_TOKENS_SQL = 'INSERT INTO message_index (docid, tokens) VALUES (?, CAST(? AS TEXT))';

/**
 * Adds messages to one shard's `message_index` (shard migration 0002) through one prepared statement, so indexing
 * keeps pace with an import's inserts. Free it when done with the shard.
 */
export class ShardIndexer {
  private readonly insert: Statement;

  constructor(
    db: Database,
    /** The shard's phrase filter, given the atoms of every message indexed (shard-filter.ts). */
    private readonly filter: PhraseFilterBuilder | null = null,
  ) {
    this.insert = db.prepare(INSERT_TOKENS_SQL);
  }

  /** Indexes the message stored with this id. A message with nothing searchable (only punctuation) gets no row. */
  add(id: number, message: IndexableMessage): void {
    // tokenize.ts `indexTokens`, with the atoms kept for the filter: a text is cut into atoms once.
    const atoms = atomize(searchableText(message.kind, message.text, message.payload), false);
    this.filter?.addAtoms(atoms);
    const tokens = tokensOfAtoms(atoms).join(' ');
    if (tokens === '') return;
    // bind() resets the statement first, so one step suffices: run() would reset it a second time.
    this.insert.bind([id, Buffer.from(tokens, 'utf8')]);
    this.insert.step();
  }

  free(): void {
    this.insert.free();
  }
}

/**
 * Indexes every message of a shard into an empty `message_index`, their atoms into `filter` when given. Returns how
 * many messages were read.
 */
export function fillShardIndex(db: Database, filter: PhraseFilterBuilder | null = null): number {
  const indexer = new ShardIndexer(db, filter);
  const rows = db.prepare('SELECT id, kind, text, payload FROM messages');
  let count = 0;
  try {
    while (rows.step()) {
      const [id, kind, text, payload] = rows.get() as [number, string, string, string | null];
      indexer.add(id, { kind, text, payload });
      count++;
    }
  } finally {
    rows.free();
    indexer.free();
  }
  return count;
}

/** The highest message id the shard's index has reached (shard migration 0003): every message at or below it is indexed, none above. */
export function indexedThrough(db: ReadOnlyDatabase): number {
  return one<{ n: number }>(db, 'SELECT indexed_through AS n FROM index_state')?.n ?? 0;
}

/** How many of a shard's messages the index has not reached yet: a range of the rowid b-tree, cheap to count. */
export function countUnindexed(db: ReadOnlyDatabase): number {
  return (
    one<{ n: number }>(db, 'SELECT count(*) AS n FROM messages WHERE id > (SELECT indexed_through FROM index_state)')
      ?.n ?? 0
  );
}

/**
 * Indexes up to `limit` of the shard's not yet indexed messages, lowest id first, and moves the shard's mark past
 * them in the same synchronous step, so a search reading the shard between two calls sees index and mark agree.
 * Returns how many messages were indexed: fewer than `limit` means the shard is fully indexed. `filter`, the shard's
 * phrase filter (shard-filter.ts `filterForChange`), gets their atoms.
 */
export function indexNextMessages(db: Database, limit: number, filter: PhraseFilterBuilder | null = null): number {
  const from = indexedThrough(db);
  const indexer = new ShardIndexer(db, filter);
  const rows = db.prepare('SELECT id, kind, text, payload FROM messages WHERE id > ? ORDER BY id LIMIT ?');
  let count = 0;
  let last = from;
  try {
    rows.bind([from, limit]);
    while (rows.step()) {
      const [id, kind, text, payload] = rows.get() as [number, string, string, string | null];
      indexer.add(id, { kind, text, payload });
      last = id;
      count++;
    }
  } finally {
    rows.free();
    indexer.free();
  }
  if (last > from) {
    db.run('UPDATE index_state SET indexed_through = ?', [last]);
    recordTokensVersion(db, from);
  }
  return count;
}

/**
 * Drops a shard's index and builds it again from its messages: for a change to what is indexed, or to be sure that
 * nothing of wiped messages is left in the index's pages. (Deleting a message already removes its index row, by the
 * trigger of migration 0002.) Call it on a shard held for writing (`VaultWriter.shardAt`), so the result is saved.
 */
export function rebuildShardIndex(db: Database, filter: PhraseFilterBuilder | null = null): number {
  const table = one<{ sql: string }>(
    db,
    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'message_index'",
  );
  if (!table) throw new Error('this shard has no search index (shard migration 0002)');
  // A savepoint works both inside the writer's open transaction and outside any.
  db.exec('SAVEPOINT rebuild_message_index');
  try {
    // Dropping, not deleting: a DELETE of every row would re-tokenize each one only to remove it.
    db.exec('DROP TABLE message_index');
    db.exec(table.sql);
    const count = fillShardIndex(db, filter);
    // Every message is indexed now, including any the import's indexing phase had not reached yet.
    if (one(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'index_state'"))
      db.exec(
        'UPDATE index_state SET indexed_through = max(indexed_through, coalesce((SELECT max(id) FROM messages), 0))',
      );
    // Every posting is this run's now.
    if (hasTokensVersion(db)) db.run('UPDATE index_state SET tokens_unicode = ?', [TOKENS_UNICODE]);
    // One b-tree segment instead of many: smaller, and queries read one doclist per token.
    db.exec("INSERT INTO message_index (message_index) VALUES ('optimize')");
    db.exec('RELEASE rebuild_message_index');
    return count;
  } catch (error) {
    db.exec('ROLLBACK TO rebuild_message_index; RELEASE rebuild_message_index');
    throw error;
  }
}

/**
 * Merges the index's segments and drops the markers FTS4 leaves for deleted rows. Used after deleting many rows
 * at once (a shard split), where those markers would otherwise outweigh the index itself.
 */
/**
 * Deletes messages (`deleteRows`) without reading their tokens back, then builds the index again from the messages
 * that remain. Deleting through the index costs a tokenization of every message deleted, only to find its postings
 * (shard migration 0004's trigger); rebuilding costs one of every message kept. So a wipe that takes most of a shard
 * (the oldest shards of a retention wipe) rebuilds, and so does one on an index another Unicode version built, where
 * deleting through this run's tokens could leave a posting behind. One savepoint: it all happens, or none of it.
 */
export function deleteThenRebuildIndex(
  db: Database,
  deleteRows: () => number,
  /** An empty phrase filter, given the atoms of every message left (shard-filter.ts). */
  filter: PhraseFilterBuilder | null = null,
): number {
  const trigger = one<{ sql: string }>(
    db,
    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'message_index_forget'",
  );
  db.exec('SAVEPOINT delete_then_rebuild');
  try {
    if (trigger) db.exec('DROP TRIGGER message_index_forget');
    const deleted = deleteRows();
    if (trigger) db.exec(trigger.sql);
    rebuildShardIndex(db, filter);
    db.exec('RELEASE delete_then_rebuild');
    return deleted;
  } catch (error) {
    db.exec('ROLLBACK TO delete_then_rebuild; RELEASE delete_then_rebuild');
    throw error;
  }
}

export function compactShardIndex(db: Database): void {
  if (one(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'message_index'")) {
    db.exec("INSERT INTO message_index (message_index) VALUES ('optimize')");
  }
}

/** Whether the shard records its tokenizer's Unicode version (shard migration 0004). */
function hasTokensVersion(db: ReadOnlyDatabase): boolean {
  return one(db, "SELECT 1 FROM pragma_table_info('index_state') WHERE name = 'tokens_unicode'") !== undefined;
}

/**
 * After postings were added by this run to a shard indexed up to `from`: the shard's postings are all of this
 * run's Unicode version if they were before, or if there were none; otherwise they are of mixed versions ('').
 */
function recordTokensVersion(db: Database, from: number): void {
  if (!hasTokensVersion(db)) return;
  db.run(
    `UPDATE index_state SET tokens_unicode = CASE
       WHEN tokens_unicode = ? OR NOT EXISTS (SELECT 1 FROM messages WHERE id <= ?) THEN ? ELSE '' END`,
    [TOKENS_UNICODE, from, TOKENS_UNICODE],
  );
}

/**
 * Whether deleting through the index's tokens is exact in this run: every posting was written by this tokenizer under
 * this Unicode version (index-tokens-function.ts). When not, a wipe rebuilds the index instead.
 */
export function isIndexOfThisRun(db: ReadOnlyDatabase): boolean {
  if (!hasTokensVersion(db)) return false;
  return one<{ v: string }>(db, 'SELECT tokens_unicode AS v FROM index_state')?.v === TOKENS_UNICODE;
}
