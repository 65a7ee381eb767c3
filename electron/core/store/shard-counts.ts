import type { Database, SqlValue } from 'sql.js';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';

/** What one shard holds of one conversation, as the catalog's `shard_conversations` keeps it (migration 0006). */
export interface ShardConversationCount {
  conversationId: number;
  messages: number;
  oldest: number;
  newest: number;
  /** How many of them carry a retention class of their own. */
  classed: number;
}

/**
 * Each media entry of a payload with a stored item is one reference: what a wipe releases (collect-wipe-set.ts).
 * Payloads are Locket's own JSON.stringify output, so one with a `mediaId` key holds that text: the others (most
 * messages) are skipped without parsing their JSON, which halves the cost of counting a shard.
 */
const mediaReferencesSql = (andWhere = '') => `SELECT m.conversation_id AS conversation_id,
    json_extract(j.value, '$.mediaId') AS media_id, count(*) AS refs
  FROM messages AS m, json_each(m.payload, '$.media') AS j
  WHERE m.payload IS NOT NULL AND instr(m.payload, '"mediaId"') > 0 AND json_extract(j.value, '$.mediaId') IS NOT NULL
    ${andWhere}
  GROUP BY 1, 2`;

/**
 * Records in the catalog what a shard's database holds, per conversation and per media item, replacing what was
 * recorded under that file id. Called whenever a shard is written (shard-store.ts), from the database written, so
 * the counts are the shard's own whatever changed it.
 */
export function recordShardCounts(catalog: Database, fileId: string, shard: ReadOnlyDatabase): void {
  forgetShardCounts(catalog, fileId);
  insertCounts(catalog, fileId, shard, null);
}

/** Counts a shard's messages into the catalog: all of them, or those of the given conversations. */
function insertCounts(
  catalog: Database,
  fileId: string,
  shard: ReadOnlyDatabase,
  conversations: readonly number[] | null,
): void {
  const only = conversations ? 'conversation_id IN (SELECT value FROM json_each(?))' : null;
  const params: SqlValue[] = conversations ? [JSON.stringify(conversations)] : [];
  const rows = all<{ conversation_id: number; n: number; oldest: number; newest: number; classed: number }>(
    shard,
    `SELECT conversation_id, count(*) AS n, min(time) AS oldest, max(time) AS newest,
            count(retention_class_id) AS classed
     FROM messages ${only ? `WHERE ${only}` : ''} GROUP BY conversation_id`,
    params,
  );
  for (const r of rows)
    run(
      catalog,
      'INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest, classed) VALUES (?, ?, ?, ?, ?, ?)',
      [fileId, r.conversation_id, r.n, r.oldest, r.newest, r.classed],
    );
  for (const r of all<{ conversation_id: number; media_id: string; refs: number }>(
    shard,
    mediaReferencesSql(only ? `AND m.${only}` : ''),
    params,
  ))
    run(catalog, 'INSERT INTO shard_media (shard_id, conversation_id, media_id, refs) VALUES (?, ?, ?, ?)', [
      fileId,
      r.conversation_id,
      r.media_id,
      r.refs,
    ]);
}

/**
 * The counts of a shard rewritten with only some conversations' messages deleted (a wipe): the other conversations'
 * rows move from the old file id as they are, and only those conversations are counted again, through the shard's
 * conversation index, instead of every message of the shard. A shard never counted (written before migration 0006)
 * is counted whole.
 */
export function recountShardConversations(
  catalog: Database,
  fromFileId: string,
  toFileId: string,
  shard: ReadOnlyDatabase,
  conversations: readonly number[],
): void {
  if (!one(catalog, 'SELECT 1 FROM shard_conversations WHERE shard_id = ? LIMIT 1', [fromFileId])) {
    recordShardCounts(catalog, toFileId, shard);
    return;
  }
  moveShardCounts(catalog, fromFileId, toFileId);
  const ids = JSON.stringify(conversations);
  for (const table of ['shard_conversations', 'shard_media'])
    run(catalog, `DELETE FROM ${table} WHERE shard_id = ? AND conversation_id IN (SELECT value FROM json_each(?))`, [
      toFileId,
      ids,
    ]);
  insertCounts(catalog, toFileId, shard, conversations);
}

/** The counts recorded under one file id now belong to its rewrite, whose messages are the same. */
export function moveShardCounts(catalog: Database, fromFileId: string, toFileId: string): void {
  run(catalog, 'UPDATE shard_conversations SET shard_id = ? WHERE shard_id = ?', [toFileId, fromFileId]);
  run(catalog, 'UPDATE shard_media SET shard_id = ? WHERE shard_id = ?', [toFileId, fromFileId]);
}

export function forgetShardCounts(catalog: Database, fileId: string): void {
  run(catalog, 'DELETE FROM shard_conversations WHERE shard_id = ?', [fileId]);
  run(catalog, 'DELETE FROM shard_media WHERE shard_id = ?', [fileId]);
}

/** A shard's per-conversation counts by its file id; undefined for a shard not counted yet. */
export interface ShardCountsLookup {
  get(fileId: string): readonly ShardConversationCount[] | undefined;
}

/**
 * The per-conversation counts of counted shards, by file id, each read from the catalog when asked for. A shard with
 * messages but no entry here was written before catalog migration 0006 and not counted yet: whoever needs its counts
 * reads the shard. Read per shard, not all at once: the table holds a row per shard and conversation there, 1.1M
 * rows in a 10M-message vault whose 2,000 chats each reach every one of its 560 shards, which took 26 s and 267 MiB
 * to load whole on a loaded 2-core machine, where a wipe needs only the shards it plans to touch.
 */
export function shardConversationCounts(catalog: ReadOnlyDatabase): ShardCountsLookup {
  return {
    get(fileId) {
      const rows = all<{ conversation_id: number; messages: number; oldest: number; newest: number; classed: number }>(
        catalog,
        'SELECT conversation_id, messages, oldest, newest, classed FROM shard_conversations WHERE shard_id = ?',
        [fileId],
      );
      if (rows.length === 0) return undefined;
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        messages: r.messages,
        oldest: r.oldest,
        newest: r.newest,
        classed: r.classed,
      }));
    },
  };
}

/** The media references one shard's messages hold, by conversation and media item. */
export function shardMediaReferences(
  catalog: ReadOnlyDatabase,
  fileId: string,
): { conversationId: number; mediaId: string; refs: number }[] {
  return all<{ conversation_id: number; media_id: string; refs: number }>(
    catalog,
    'SELECT conversation_id, media_id, refs FROM shard_media WHERE shard_id = ?',
    [fileId],
  ).map((r) => ({ conversationId: r.conversation_id, mediaId: r.media_id, refs: r.refs }));
}

/**
 * The shards that may hold messages of a conversation: those whose counts list it, and those with messages not
 * counted yet (written before migration 0006), which may hold anything. One lookup in the counts' primary key per shard.
 */
export function shardsHoldingConversation(catalog: ReadOnlyDatabase, conversationId: number): Set<string> {
  return new Set(
    all<{ file_id: string }>(
      catalog,
      `SELECT file_id FROM shards
       WHERE message_count > 0
         AND (EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id AND conversation_id = ?)
              OR NOT EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id))`,
      [conversationId],
    ).map((r) => r.file_id),
  );
}

/** The shards with messages whose counts the catalog does not hold yet (written before migration 0006). */
export function uncountedShardIds(catalog: ReadOnlyDatabase): string[] {
  return all<{ file_id: string }>(
    catalog,
    `SELECT file_id FROM shards WHERE message_count > 0
       AND NOT EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id)
     ORDER BY start_time`,
  ).map((r) => r.file_id);
}
