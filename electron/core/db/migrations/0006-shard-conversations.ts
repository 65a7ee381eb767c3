import type { Migration } from '../migrate';

/**
 * What each shard holds of each conversation (issue 17, a wipe preview at 1M messages), so a wipe's preview counts
 * from the catalog instead of decrypting every shard a chat spans: per shard (`shard_id`, its `shards.file_id`) and
 * conversation, how many messages, the oldest and newest message time, and how many of them carry a retention class
 * of their own (`classed`, which the counts cannot speak for); and per shard, conversation and media item how many
 * references its messages' payloads hold (`refs`, as a wipe releases them). Both are taken from the shard itself
 * each time it is written (store/shard-counts.ts), so every writer of messages (import, split, indexing, class
 * assignment, wipe) keeps them. A shard with messages but no rows here was written before this migration: the
 * session counts it once after unlock (backfill), and until then a preview reads it as before.
 */
export const shardConversations: Migration = {
  version: 6,
  name: '0006-shard-conversations',
  up(db) {
    db.exec(`
      CREATE TABLE shard_conversations (
        shard_id TEXT NOT NULL,
        conversation_id INTEGER NOT NULL,
        messages INTEGER NOT NULL,
        oldest INTEGER NOT NULL,
        newest INTEGER NOT NULL,
        classed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (shard_id, conversation_id)
      ) STRICT;
      CREATE TABLE shard_media (
        shard_id TEXT NOT NULL,
        conversation_id INTEGER NOT NULL,
        media_id TEXT NOT NULL,
        refs INTEGER NOT NULL,
        PRIMARY KEY (shard_id, conversation_id, media_id)
      ) STRICT;
    `);
  },
};
