import type { Migration } from '../../db/migrate';
import { registerIndexFunctions, TOKENS_UNICODE } from '../index-tokens-function';

/**
 * The search index without a copy of its tokens (issue 19). Migration 0002's FTS4 table kept every message's tokens in
 * `message_index_content` (CJK bigrams and unigrams, several times the text's length) and their counts in
 * `message_index_docsize`: a quarter of a deflated shard of Chinese chat. Now `message_index` is an external-content
 * FTS4 table over the view `message_tokens`, which computes a message's tokens from its row with the JS function
 * `locket_index_tokens` (store/index-tokens-function.ts), and `matchinfo=fts3` drops the per-document counts, which
 * nothing reads (results come newest first, not ranked).
 *
 * FTS4 reads an external content row only to delete a message's postings, for `rebuild` (which Locket does not use)
 * and to check the index (`PRAGMA integrity_check`): its tokens must then be the ones indexed, so the trigger runs
 * BEFORE the row goes, and the view holds only the messages the index has reached (`index_state`), so that a check
 * compares the index with exactly them; a message changed in what it indexes (kind, text, payload) has its postings
 * deleted before the change and added again after it. The tokenizer is part of the format: a change to what tokens
 * a message gives must come as a migration that rebuilds the index.
 *
 * The postings stay as they are: the old index holds exactly the tokens the view computes (the tokenizer is the same),
 * and an external-content table reads the same segments. So the migration drops the copy and the sizes and edits the
 * table's declaration in place (`writable_schema`, which SQLite documents for such edits): 2 ms instead of 0.2 s for
 * moving the postings of a full shard, paid each time a shard written before it loads, until a write saves it in
 * this format. `index_state.tokens_unicode` is '' for that old index (built under an unknown Unicode version), else
 * the version of this run.
 */
export const externalSearchIndex: Migration = {
  version: 4,
  name: '0004-external-search-index',
  up(db) {
    registerIndexFunctions(db);
    const secureDelete = Number(db.exec('PRAGMA secure_delete')[0]?.values[0]?.[0] ?? 1);
    try {
      // The copy holds tokens of messages the shard keeps, nothing of a wiped one (a wipe deleted those postings and
      // vacuumed): zeroing its pages as they are freed would be most of this migration's cost. Freed pages leave the
      // file at the next vacuum (a wipe's, a split's or an import's last write).
      db.exec('PRAGMA secure_delete = OFF');
      db.exec(`
        DROP TRIGGER message_index_forget;
        DROP TABLE message_index_content;
        DROP TABLE message_index_docsize;
      `);
    } finally {
      db.exec(`PRAGMA secure_delete = ${secureDelete}`);
    }
    try {
      db.exec('PRAGMA writable_schema = ON');
      db.run("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'message_index'", [
        'CREATE VIRTUAL TABLE message_index USING fts4(content="message_tokens", tokens, tokenize=simple, matchinfo=fts3)',
      ]);
    } finally {
      // Reloads the schema, so this connection reads the table as declared now, and ends writable_schema.
      db.exec('PRAGMA writable_schema = RESET');
    }
    db.exec(`
      CREATE VIEW message_tokens (rowid, tokens) AS
        SELECT id, CAST(locket_index_tokens(kind, text, payload) AS TEXT) FROM messages
        WHERE id <= (SELECT indexed_through FROM index_state);
      CREATE TRIGGER message_index_forget BEFORE DELETE ON messages
        WHEN old.id <= (SELECT indexed_through FROM index_state)
      BEGIN
        DELETE FROM message_index WHERE docid = old.id;
      END;
      CREATE TRIGGER message_index_unchange BEFORE UPDATE OF kind, text, payload ON messages
        WHEN old.id <= (SELECT indexed_through FROM index_state)
      BEGIN
        DELETE FROM message_index WHERE docid = old.id;
      END;
      CREATE TRIGGER message_index_rechange AFTER UPDATE OF kind, text, payload ON messages
        WHEN new.id <= (SELECT indexed_through FROM index_state)
      BEGIN
        INSERT INTO message_index (docid, tokens)
          SELECT rowid, tokens FROM message_tokens WHERE rowid = new.id AND tokens <> '';
      END;
      ALTER TABLE index_state ADD COLUMN tokens_unicode TEXT NOT NULL DEFAULT '';
    `);
    // A shard without messages (a new one) holds no postings of any version yet.
    db.run('UPDATE index_state SET tokens_unicode = ? WHERE NOT EXISTS (SELECT 1 FROM messages)', [TOKENS_UNICODE]);
  },
};
