import type { Database, SqlValue } from 'sql.js';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';
import {
  packShardCounts,
  packedConversationCount,
  packedHoldsConversation,
  unpackConversationCounts,
  unpackMediaReferences,
  type PackedShardCounts,
  type ShardConversationCount,
  type ShardMediaReference,
} from '../db/shard-counts-codec';

export type { ShardConversationCount } from '../db/shard-counts-codec';

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
  const { conversations, media } = countShard(shard, null);
  writeCounts(catalog, fileId, conversations, media);
}

/** Counts a shard's messages: all of them, or those of the given conversations. */
function countShard(
  shard: ReadOnlyDatabase,
  only: readonly number[] | null,
): { conversations: ShardConversationCount[]; media: ShardMediaReference[] } {
  const where = only ? 'conversation_id IN (SELECT value FROM json_each(?))' : null;
  const params: SqlValue[] = only ? [JSON.stringify(only)] : [];
  const conversations = all<{ conversation_id: number; n: number; oldest: number; newest: number; classed: number }>(
    shard,
    `SELECT conversation_id, count(*) AS n, min(time) AS oldest, max(time) AS newest,
            count(retention_class_id) AS classed
     FROM messages ${where ? `WHERE ${where}` : ''} GROUP BY conversation_id`,
    params,
  ).map((r) => ({
    conversationId: r.conversation_id,
    messages: r.n,
    oldest: r.oldest,
    newest: r.newest,
    classed: r.classed,
  }));
  const media = all<{ conversation_id: number; media_id: string; refs: number }>(
    shard,
    mediaReferencesSql(where ? `AND m.${where}` : ''),
    params,
  ).map((r) => ({ conversationId: r.conversation_id, mediaId: String(r.media_id), refs: r.refs }));
  return { conversations, media };
}

/**
 * Replaces the counts kept under a file id with these, packed (shard-counts-codec.ts). A shard without messages keeps
 * no row, and neither does one whose counts do not pack (a value out of the format's range): it stays uncounted, and
 * whoever needs its counts reads the shard.
 */
function writeCounts(
  catalog: Database,
  fileId: string,
  conversations: readonly ShardConversationCount[],
  media: readonly ShardMediaReference[],
): void {
  forgetShardCounts(catalog, fileId);
  const packed = conversations.length ? packShardCounts(conversations, media) : null;
  if (packed)
    run(
      catalog,
      'INSERT INTO shard_counts (shard_id, messages, conversation_ids, conversation_counts, media_refs) VALUES (?, ?, ?, ?, ?)',
      [
        fileId,
        conversations.reduce((n, c) => n + c.messages, 0),
        packed.conversationIds,
        packed.conversationCounts,
        packed.mediaRefs,
      ],
    );
}

interface CountsRow {
  messages: number;
  conversation_ids: Uint8Array;
  conversation_counts: Uint8Array;
  media_refs: Uint8Array;
  message_count: number | null;
}

/**
 * The counts kept under a file id, unpacked and checked: undefined when there are none, or when they are malformed
 * or do not add up to the shard directory's message count (`shouldCheckTotal`), as for a shard never counted.
 */
function readCounts(
  catalog: ReadOnlyDatabase,
  fileId: string,
  shouldCheckTotal: boolean,
): { conversations: ShardConversationCount[]; media: ShardMediaReference[] } | undefined {
  const row = one<CountsRow>(
    catalog,
    `SELECT c.messages, c.conversation_ids, c.conversation_counts, c.media_refs, s.message_count
     FROM shard_counts AS c LEFT JOIN shards AS s ON s.file_id = c.shard_id WHERE c.shard_id = ?`,
    [fileId],
  );
  return row ? unpackRow(row, shouldCheckTotal) : undefined;
}

/** A row's blobs; null when a column holds something else, which a damaged catalog might. */
function packedOf(row: CountsRow): PackedShardCounts | null {
  const packed = {
    conversationIds: row.conversation_ids,
    conversationCounts: row.conversation_counts,
    mediaRefs: row.media_refs,
  };
  return Object.values(packed).every((b) => b instanceof Uint8Array) ? packed : null;
}

function unpackRow(
  row: CountsRow,
  shouldCheckTotal: boolean,
): { conversations: ShardConversationCount[]; media: ShardMediaReference[] } | undefined {
  const packed = packedOf(row);
  if (!packed || (shouldCheckTotal && row.message_count !== row.messages)) return undefined;
  // What the row says it counts must be what it counts, and (checked above) what the directory says the shard holds.
  const conversations = unpackConversationCounts(packed, row.messages);
  const media = conversations?.length ? unpackMediaReferences(packed) : null;
  return conversations?.length && media ? { conversations, media } : undefined;
}

/**
 * The counts of a shard rewritten with only some conversations' messages deleted (a wipe): the other conversations'
 * counts move from the old file id as they are, and only those conversations are counted again, through the shard's
 * conversation index, instead of every message of the shard. A shard never counted (written before migration 0006),
 * or whose counts do not unpack, is counted whole.
 */
export function recountShardConversations(
  catalog: Database,
  fromFileId: string,
  toFileId: string,
  shard: ReadOnlyDatabase,
  conversations: readonly number[],
): void {
  // The old file's directory entry is gone already: its total cannot be checked, the new one's is by every reader.
  const old = readCounts(catalog, fromFileId, false);
  forgetShardCounts(catalog, fromFileId);
  if (!old) {
    recordShardCounts(catalog, toFileId, shard);
    return;
  }
  const recounted = new Set(conversations);
  const fresh = countShard(shard, conversations);
  writeCounts(
    catalog,
    toFileId,
    [...old.conversations.filter((c) => !recounted.has(c.conversationId)), ...fresh.conversations],
    [...old.media.filter((m) => !recounted.has(m.conversationId)), ...fresh.media],
  );
}

/** The counts recorded under one file id now belong to its rewrite, whose messages are the same. */
export function moveShardCounts(catalog: Database, fromFileId: string, toFileId: string): void {
  forgetShardCounts(catalog, toFileId);
  run(catalog, 'UPDATE shard_counts SET shard_id = ? WHERE shard_id = ?', [toFileId, fromFileId]);
}

export function forgetShardCounts(catalog: Database, fileId: string): void {
  run(catalog, 'DELETE FROM shard_counts WHERE shard_id = ?', [fileId]);
}

/** A shard's per-conversation counts by its file id; undefined for a shard not counted yet. */
export interface ShardCountsLookup {
  get(fileId: string): readonly ShardConversationCount[] | undefined;
}

/**
 * The per-conversation counts of counted shards, by file id, each read from the catalog when asked for. A shard with
 * messages but no counts here (written before catalog migration 0006, or whose packed counts are malformed or do not
 * add up to its message count) is not counted: whoever needs its counts reads the shard. Read per shard, not all at
 * once: a 10M-message vault whose 2,000 chats each reach every one of its 560 shards holds 1.1M of them, where a wipe
 * needs only the shards it plans to touch.
 */
export function shardConversationCounts(catalog: ReadOnlyDatabase): ShardCountsLookup {
  return { get: (fileId) => readCounts(catalog, fileId, true)?.conversations };
}

/**
 * The media references one shard's messages hold, by conversation and media item. Asked only of a shard whose
 * counts `shardConversationCounts` gave, which checked these too; malformed ones give none.
 */
export function shardMediaReferences(catalog: ReadOnlyDatabase, fileId: string): ShardMediaReference[] {
  return readCounts(catalog, fileId, false)?.media ?? [];
}

/**
 * The shards that may hold messages of a conversation: those whose counts list it, and those with messages not
 * counted (written before migration 0006, or whose ids do not read up to that conversation), which may hold
 * anything. Only the packed ids are read, each as far as their order needs; the rest of a row is checked at unlock.
 */
export function shardsHoldingConversation(catalog: ReadOnlyDatabase, conversationId: number): Set<string> {
  const holding = new Set<string>();
  for (const r of all<{ file_id: string; conversation_ids: Uint8Array | null }>(
    catalog,
    `SELECT s.file_id, c.conversation_ids FROM shards AS s LEFT JOIN shard_counts AS c ON c.shard_id = s.file_id
     WHERE s.message_count > 0`,
  )) {
    const ids = r.conversation_ids;
    if (!(ids instanceof Uint8Array) || packedHoldsConversation(ids, conversationId) !== false) holding.add(r.file_id);
  }
  return holding;
}

/**
 * What one shard holds of one conversation by the catalog's counts: undefined when they say it holds none, null when
 * the catalog holds no counts for the shard, or holds them for another number of messages than the shard directory's,
 * or they do not read up to that conversation (the shard may then hold anything). The row is read only as far as
 * that conversation's record.
 */
export function conversationCountInShard(
  catalog: ReadOnlyDatabase,
  fileId: string,
  conversationId: number,
): ShardConversationCount | null | undefined {
  const row = one<{
    message_count: number;
    messages: number | null;
    conversation_ids: Uint8Array | null;
    conversation_counts: Uint8Array | null;
  }>(
    catalog,
    `SELECT s.message_count, c.messages, c.conversation_ids, c.conversation_counts
     FROM shards AS s LEFT JOIN shard_counts AS c ON c.shard_id = s.file_id WHERE s.file_id = ?`,
    [fileId],
  );
  if (!row) return null;
  const { conversation_ids: conversationIds, conversation_counts: conversationCounts } = row;
  return conversationIds instanceof Uint8Array &&
    conversationCounts instanceof Uint8Array &&
    row.messages === row.message_count
    ? packedConversationCount({ conversationIds, conversationCounts }, conversationId)
    : null;
}

/**
 * The shards with messages whose counts the catalog does not hold (written before migration 0006), or holds for another
 * number of messages than the shard directory's: the session counts them again after unlock. One indexed query, so
 * unlocking does not unpack every shard's counts (at 10M messages over 2,000 chats that took longer than loading the
 * rest of the catalog); a row malformed inside, which no writer of Locket's produces, is refused by every reader
 * instead (the shard is read) and replaced when its shard is next written.
 */
export function uncountedShardIds(catalog: ReadOnlyDatabase): string[] {
  return all<{ file_id: string }>(
    catalog,
    `SELECT s.file_id FROM shards AS s LEFT JOIN shard_counts AS c ON c.shard_id = s.file_id
     WHERE s.message_count > 0 AND (c.messages IS NULL OR c.messages != s.message_count)
     ORDER BY s.start_time`,
  ).map((r) => r.file_id);
}
