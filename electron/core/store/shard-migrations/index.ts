import type { Migration } from '../migrate';
import { initialShard } from './0001-initial-shard';

/** Shard migrations, in order. Only ever append. */
export const shardMigrations: readonly Migration[] = [initialShard];
