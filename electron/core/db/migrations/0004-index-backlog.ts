import type { Migration } from '../migrate';

/**
 * How many of each shard's messages wait for the search index (issue 5), so an import's indexing phase knows what
 * to do and how much without decrypting every shard. The shard itself is the truth (its `index_state`, shard
 * migration 0003): this count is taken from it each time the shard is written. Shards written before this
 * migration were indexed as their messages went in.
 */
export const indexBacklog: Migration = {
  version: 4,
  name: '0004-index-backlog',
  up(db) {
    db.exec('ALTER TABLE shards ADD COLUMN unindexed_count INTEGER NOT NULL DEFAULT 0');
  },
};
