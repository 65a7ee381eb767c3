import type { MessagesPage, MessagesQuery } from '../../electron/ipc/contract';
import { LocketError } from '../../electron/core/errors';
import { all, type ReadOnlyDatabase } from '../../electron/core/db/sqlite';
import { addQuotedTimes } from '../../electron/core/archive/quoted-times';
import { shardsHoldingConversation } from '../../electron/core/store/shard-counts';
import type { VaultReader } from '../../electron/core/store/vault-reader';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../../electron/core/archive/message-views';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5000;

/**
 * The chat bench's baseline: `listMessages` as Locket 0.3.0 read a page (electron/core/archive/list-messages.ts at
 * 39bfc78), one shard at a time with nothing read ahead, and one shard more for whether there is a next page.
 *
 * Messages in time order (or newest first), optionally of one conversation and within [after, before), one page
 * at a time. Shards are visited in the page's order and only those overlapping the range (and, for one conversation,
 * holding it) are loaded.
 */
export async function listMessagesAsBefore(session: VaultReader, query: MessagesQuery): Promise<MessagesPage> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new LocketError('invalid-argument', `A page holds 1 to ${MAX_LIMIT} messages.`);
  const isDescending = query.order === 'desc';
  const from = query.after ?? -Number.MAX_SAFE_INTEGER;
  const to = query.before ?? Number.MAX_SAFE_INTEGER;
  const views = new MessageViews(session.catalog);
  if (query.conversationId !== undefined && !views.hasConversation(query.conversationId)) {
    throw new LocketError('invalid-argument', `There is no conversation ${query.conversationId} in this vault.`);
  }
  // The cursor is the last message of the previous page: continue strictly after it in the page's order.
  const cursorClause = query.cursor
    ? isDescending
      ? 'AND (time < ?4 OR (time = ?4 AND id < ?5))'
      : 'AND (time > ?4 OR (time = ?4 AND id > ?5))'
    : '';
  const order = isDescending ? 'DESC' : 'ASC';
  const holding =
    query.conversationId === undefined ? null : shardsHoldingConversation(session.catalog, query.conversationId);
  const shards = session.listShards().filter(
    (s) =>
      // A chat's page reads only the shards that hold it: a quiet chat in a long history would otherwise decrypt
      // every newer shard to find nothing. A shard already in memory is searched anyway (it costs no decryption,
      // and a write may have added to it since its counts were taken).
      (holding === null || holding.has(s.fileId) || session.isShardLoaded(s)) &&
      s.endTime > from &&
      s.startTime < to &&
      (!query.cursor || (isDescending ? s.startTime <= query.cursor.time : s.endTime > query.cursor.time)),
  );
  if (isDescending) shards.reverse();
  const rows: MessageRow[] = [];
  const read: ReadOnlyDatabase[] = [];
  for (const shard of shards) {
    const db = await session.shard(shard);
    read.push(db);
    rows.push(
      ...all<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages
         WHERE (?1 IS NULL OR conversation_id = ?1) AND time >= ?2 AND time < ?3 ${cursorClause}
         ORDER BY time ${order}, id ${order} LIMIT ?6`,
        [
          query.conversationId ?? null,
          from,
          to,
          query.cursor?.time ?? 0,
          query.cursor?.id ?? 0,
          limit + 1 - rows.length,
        ],
      ),
    );
    if (rows.length > limit) break;
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const messages = page.map((r) => views.view(r));
  await addQuotedTimes(messages, read, (db) => db);
  return {
    messages,
    next: rows.length > limit && last ? { time: last.time, id: last.id } : null,
  };
}
