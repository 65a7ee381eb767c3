import type { Migration } from '../../db/migrate';

/**
 * How far a shard's search index reaches (issue 5): every message whose id is at most `indexed_through` has been
 * indexed (given its `message_index` row, or none when it has nothing searchable), and no message above it has.
 * Message ids are allocated vault-wide from the catalog's `nextMessageId` and only ever grow; a shard split copies
 * rows with their ids, so a new message always lands above the mark of the shard it goes to. One row, so marking a
 * batch as indexed costs one UPDATE instead of a rewrite of every message row.
 *
 * Shards written before this migration indexed every message as it was inserted: they are fully indexed.
 */
export const indexState: Migration = {
  version: 3,
  name: '0003-index-state',
  up(db) {
    db.exec(`
      CREATE TABLE index_state (indexed_through INTEGER NOT NULL) STRICT;
      INSERT INTO index_state (indexed_through) SELECT coalesce(max(id), 0) FROM messages;
    `);
  },
};
