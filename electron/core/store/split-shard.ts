import type { Database } from 'sql.js';
import { compactShardIndex, countUnindexed } from './index-shard';
import { registerIndexFunctions } from './index-tokens-function';
import { migrate } from '../db/migrate';
import { shardMigrations } from './shard-migrations';
import { TIME_MAX, type ShardEntry } from './shard-entries';
import { loadSqlJs, one, tuneInMemoryDatabase, vacuumInMemory } from '../db/sqlite';

export const DEFAULT_SHARD_BUDGET_BYTES = 16 * 1024 * 1024;
/**
 * How much a shard's content grows when its messages are indexed (see projectedShardBytes). Measured since the index
 * keeps no copy of its tokens (shard migration 0004), merged into one segment as an import leaves it: 16% for short
 * text-only rows of the search bench's words, 40% for rows of three times their text, less for rows that carry their
 * source row as JSON (before 0004: 15% to 77%). Near the upper end: a shard indexed after its import is then never
 * split again at its median (slow), at the cost of shards somewhat under budget on row-heavy imports.
 */
const INDEX_GROWTH = 0.5;

/** Bytes a shard's database occupies now, without exporting it. */
export function shardByteSize(db: Database): number {
  const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
  const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 0);
  return pages * pageSize;
}

/**
 * What a shard of `bytes` will weigh once its search index is built: messages go in unindexed and the import's
 * indexing phase adds their index rows afterwards, so a shard is cut to budget by its projected size, not its size
 * now; otherwise every shard would outgrow its budget while being indexed and be split again at its median.
 */
export async function projectedShardBytes(
  db: Database,
  bytes: number,
  counts?: { unindexed: number; messages: number },
): Promise<number> {
  const unindexed = counts?.unindexed ?? countUnindexed(db);
  if (unindexed === 0) return bytes;
  const count = counts?.messages ?? Number(db.exec('SELECT count(*) FROM messages')[0]?.values[0]?.[0] ?? 0);
  // Only what the messages occupy grows with an index, not the pages every shard has when empty.
  const content = Math.max(0, bytes - (await emptyShardBytes()));
  return bytes + Math.round(content * INDEX_GROWTH * (unindexed / Math.max(1, count)));
}

let emptyShardSize: number | null = null;

async function emptyShardBytes(): Promise<number> {
  if (emptyShardSize === null) {
    const empty = await newShardDatabase();
    emptyShardSize = shardByteSize(empty);
    empty.close();
  }
  return emptyShardSize;
}

/** A new, empty shard database. */
export async function newShardDatabase(): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = tuneInMemoryDatabase(new SQL.Database());
  migrate(db, shardMigrations, 'shard');
  return db;
}

/**
 * Exports a shard, splitting it while it is over `budget` and splittable. When the shard's range reaches past its
 * newest message (an import appending in time order, the common case), the split costs nothing: the full shard
 * keeps its rows and ends after its newest message, and a new empty shard takes the rest of the range. Otherwise
 * it is split at its median time.
 */
export async function splitToBudget(
  entry: ShardEntry,
  db: Database,
  budget: number,
  mayCloseAtEnd = true,
): Promise<{ entry: ShardEntry; db: Database; bytes: Uint8Array }[]> {
  const bytes = db.export();
  tuneInMemoryDatabase(db);
  const count = Number(db.exec('SELECT count(*) FROM messages')[0]?.values[0]?.[0] ?? 0);
  const whole = [{ entry: { ...entry, messageCount: count }, db, bytes }];
  if ((await projectedShardBytes(db, bytes.length)) <= budget || count < 2) return whole;
  const SQL = await loadSqlJs();
  const newest = one<{ time: number }>(db, 'SELECT max(time) AS time FROM messages')!.time;
  // Only the newest shard (open to the end of time) takes appends; closing a shard in the middle of history at its
  // newest message would leave an empty shard between it and the next, more of them the more often sizes are checked.
  if (mayCloseAtEnd && entry.endTime === TIME_MAX && newest + 1 < entry.endTime) {
    const empty = await newShardDatabase();
    return [
      { entry: { ...entry, endTime: newest + 1, messageCount: count }, db, bytes },
      { entry: { ...entry, startTime: newest + 1, messageCount: 0 }, db: empty, bytes: empty.export() },
    ];
  }
  const median = one<{ time: number }>(db, 'SELECT time FROM messages ORDER BY time LIMIT 1 OFFSET ?', [
    Math.floor(count / 2),
  ])!.time;
  const first = one<{ time: number }>(db, 'SELECT min(time) AS time FROM messages')!.time;
  // All messages at or after the median share its second? Split just before it instead, if anything is earlier.
  const cut =
    median > first
      ? median
      : (one<{ time: number }>(db, 'SELECT min(time) AS time FROM messages WHERE time > ?', [median])?.time ?? null);
  if (cut === null || cut <= entry.startTime) return whole;
  // Each half deletes the other's messages, whose index postings are found through their tokens (migration 0004).
  const low = registerIndexFunctions(tuneInMemoryDatabase(new SQL.Database(bytes)));
  const high = registerIndexFunctions(tuneInMemoryDatabase(new SQL.Database(bytes)));
  for (const [half, condition] of [
    [low, `time >= ${cut}`],
    [high, `time < ${cut}`],
  ] as const) {
    half.exec(`DELETE FROM messages WHERE ${condition}`);
    compactShardIndex(half);
    vacuumInMemory(half);
  }
  db.close();
  return [
    // Halves of a median split hold old messages, not appends: closing them at the end would only leave gaps.
    ...(await splitToBudget({ ...entry, endTime: cut }, low, budget, false)),
    ...(await splitToBudget({ ...entry, startTime: cut }, high, budget, false)),
  ];
}
