import type { Migration } from '../migrate';

/**
 * Which shard format each shard file was written in (`shards.shard_version`: the shard database's `user_version`),
 * so that compaction finds the shards an older Locket wrote without decrypting them: shard format 4 dropped the
 * search index's copy of its tokens, a quarter of a shard, but a shard written before keeps that copy until it is
 * written again. 0 means written before this migration: such a shard is older than format 4, or was written by a
 * build between the two migrations, and compacting rewrites it either way.
 */
export const shardVersions: Migration = {
  version: 10,
  name: '0010-shard-versions',
  up(db) {
    db.exec('ALTER TABLE shards ADD COLUMN shard_version INTEGER NOT NULL DEFAULT 0');
  },
};
