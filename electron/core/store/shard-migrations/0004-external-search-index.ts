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
 * FTS4 reads an external content row only to delete a message's postings (and for `rebuild`, which Locket does not
 * use): its tokens must then be the ones indexed, so the trigger runs BEFORE the row goes, and only for a message
 * the index has reached (`index_state`); a message changed in what it indexes (kind, text, payload) has its postings
 * deleted before the change and added again after it. The tokenizer is part of the format: a change to what tokens
 * a message gives must come as a migration that rebuilds the index.
 *
 * The postings are moved from the old table's copy, not tokenized again: the same tokens, at a fraction of the cost.
 * `index_state.tokens_unicode` records the Unicode version of this tokenizer run; the old index was built by an
 * unknown one ('').
 */
export const externalSearchIndex: Migration = {
  version: 4,
  name: '0004-external-search-index',
  up(db) {
    registerIndexFunctions(db);
    db.exec(`
      DROP TRIGGER message_index_forget;
      ALTER TABLE message_index RENAME TO message_index_0002;
      CREATE VIEW message_tokens (rowid, tokens) AS
        SELECT id, CAST(locket_index_tokens(kind, text, payload) AS TEXT) FROM messages;
      CREATE VIRTUAL TABLE message_index USING fts4(content="message_tokens", tokens, tokenize=simple, matchinfo=fts3);
      INSERT INTO message_index (docid, tokens) SELECT docid, tokens FROM message_index_0002;
      DROP TABLE message_index_0002;
      INSERT INTO message_index (message_index) VALUES ('optimize');
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
        INSERT INTO message_index (docid, tokens) SELECT rowid, tokens FROM message_tokens WHERE rowid = new.id AND tokens <> '';
      END;
      ALTER TABLE index_state ADD COLUMN tokens_unicode TEXT NOT NULL DEFAULT '';
    `);
    // A shard without messages (a new one) holds no postings of any version yet.
    db.run('UPDATE index_state SET tokens_unicode = ? WHERE NOT EXISTS (SELECT 1 FROM messages)', [TOKENS_UNICODE]);
  },
};
