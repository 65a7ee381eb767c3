import type { Database } from 'sql.js';
import { all, one, type ReadOnlyDatabase } from '../db/sqlite';
import { registerIndexFunctions } from './index-tokens-function';
import type { PhraseFilterBuilder } from './phrase-filter';

/** Shards cover [start, end) in seconds; the first shard covers every representable time. */
export const TIME_MIN = -Number.MAX_SAFE_INTEGER;
export const TIME_MAX = Number.MAX_SAFE_INTEGER;

/** A shard as the catalog's shard directory lists it. */
export interface ShardEntry {
  fileId: string;
  startTime: number;
  endTime: number;
  messageCount: number;
  byteSize: number;
}

/** @internal A shard decrypted in memory. */
export interface LoadedShard {
  entry: ShardEntry;
  db: Database;
  /** Serialized size when loaded or last written; what the cache budget counts. */
  bytes: number;
  isDirty: boolean;
  /** False for a shard created in this write that has no file yet. */
  hasFile: boolean;
  /**
   * A changed shard holds its changes in one open SQLite transaction until it is flushed: without it every
   * insert would commit on its own, about 6x slower.
   */
  isInTransaction?: boolean;
  /** Rows were deleted: VACUUM before export, so the written file holds no free pages. */
  needsVacuum?: boolean;
  /** The phrase filter its file holds (FORMAT.md, "Phrase filters"); null or absent when it holds none. */
  fileFilter?: Uint8Array | null;
  /**
   * The phrase filter a write keeps of its indexed messages (shard-filter.ts): absent until a write needs it, null
   * when it must be built from the messages when the shard is written.
   */
  filter?: PhraseFilterBuilder | null;
}

/**
 * The files one write has written so far (removed if it rolls back) and the files it replaced (shredded after it
 * commits). Paths are relative to the vault folder.
 */
export interface WriteFiles {
  readonly createdFiles: string[];
  readonly superseded: string[];
}

interface ShardRow {
  file_id: string;
  start_time: number;
  end_time: number;
  message_count: number;
  byte_size: number;
}

const ENTRY_COLUMNS = 'file_id, start_time, end_time, message_count, byte_size';

function shardEntryFromRow(row: ShardRow): ShardEntry {
  return {
    fileId: row.file_id,
    startTime: row.start_time,
    endTime: row.end_time,
    messageCount: row.message_count,
    byteSize: row.byte_size,
  };
}

/** Every shard of the catalog's directory, oldest first. */
export function listShardEntries(catalog: ReadOnlyDatabase): ShardEntry[] {
  return all<ShardRow>(catalog, `SELECT ${ENTRY_COLUMNS} FROM shards ORDER BY start_time`).map(shardEntryFromRow);
}

/** The shards some of whose messages wait for the search index, oldest first. */
export function unindexedShardEntries(catalog: Database): ShardEntry[] {
  return all<ShardRow>(
    catalog,
    `SELECT ${ENTRY_COLUMNS} FROM shards WHERE unindexed_count > 0 ORDER BY start_time`,
  ).map(shardEntryFromRow);
}

/** The catalog's entry for the shard covering `time`; null while the vault has no shards. */
export function shardEntryAt(catalog: Database, time: number): ShardEntry | null {
  const row = one<ShardRow>(catalog, `SELECT ${ENTRY_COLUMNS} FROM shards WHERE start_time <= ? AND end_time > ?`, [
    time,
    time,
  ]);
  return row ? shardEntryFromRow(row) : null;
}

/** Marks a shard changed and opens its transaction (see `isInTransaction`). */
export function beginChange(shard: LoadedShard): LoadedShard {
  shard.isDirty = true;
  // Deleting or changing a message reads its index tokens back through this function (shard migration 0004).
  registerIndexFunctions(shard.db);
  if (!shard.isInTransaction) {
    shard.db.exec('BEGIN');
    shard.isInTransaction = true;
  }
  return shard;
}

export function endChange(shard: LoadedShard): void {
  if (shard.isInTransaction) {
    shard.db.exec('COMMIT');
    shard.isInTransaction = false;
  }
}

/** A database split during a failed commit may already be closed. */
export function closeQuietly(db: Database): void {
  try {
    db.close();
  } catch {
    // already closed
  }
}
