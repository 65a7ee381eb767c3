import type { Migration } from '../../db/migrate';
import { initialShard } from './0001-initial-shard';
import { searchIndex } from './0002-search-index';
import { indexState } from './0003-index-state';
import { externalSearchIndex } from './0004-external-search-index';

/** Shard migrations, in order. Only ever append. */
export const shardMigrations: readonly Migration[] = [initialShard, searchIndex, indexState, externalSearchIndex];
