import type { Migration } from '../../db/migrate';
import { initialShard } from './0001-initial-shard';
import { searchIndex } from './0002-search-index';
import { indexState } from './0003-index-state';
import { externalSearchIndex } from './0004-external-search-index';

/** Shard migrations, in order. Only ever append. */
export const shardMigrations: readonly Migration[] = [initialShard, searchIndex, indexState, externalSearchIndex];

/** The shard format this Locket writes: the last migration's version, every shard's `user_version` once written. */
export const SHARD_FORMAT = shardMigrations[shardMigrations.length - 1]!.version;
