import { fillShardIndex } from '../index-shard';
import type { Migration } from '../../db/migrate';

/**
 * The search index of a shard (docs/architecture.md, "Search"): an FTS4 table whose docid is `messages.id` and whose one
 * column holds the message's tokens as search/tokenize.ts writes them (CJK bigrams and unigrams, normalized words,
 * emoji). The tokens are computed in JS, since sql.js has no tokenizer that cuts Chinese, and FTS4's `simple`
 * tokenizer only splits them back at the spaces.
 *
 * A regular FTS4 table (it keeps its own copy of the tokens) rather than a contentless one: only a table with
 * content can DELETE, and the trigger below keeps the index exact whenever messages leave a shard (a split at the
 * median time, a wipe) without every deleting path having to know about search.
 *
 * The index is filled for the messages already in the shard. A change to what tokens are written must come as a
 * new migration that rebuilds the index (store/index-shard.ts, `rebuildShardIndex`).
 */
export const searchIndex: Migration = {
  version: 2,
  name: '0002-search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_index USING fts4(tokens, tokenize=simple);
      CREATE TRIGGER message_index_forget AFTER DELETE ON messages BEGIN
        DELETE FROM message_index WHERE docid = old.id;
      END;
    `);
    fillShardIndex(db);
  },
};
