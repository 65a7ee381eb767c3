import type { MessagesPage, MessagesQuery } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../db/sqlite';
import { addQuotedTimes } from './quoted-times';
import { PageShards } from './page-shards';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from './message-views';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5000;

/**
 * Messages in time order (or newest first), optionally of one conversation and within [after, before), one page
 * at a time. Shards are visited in the page's order and only those that may hold messages of the page are loaded
 * (page-shards.ts); those the catalog's counts say the page needs are read ahead, so that reading and inflating the
 * next one overlaps opening and querying this one: a chat spread thin over many shards needs several for one page.
 */
export async function listMessages(session: VaultReader, query: MessagesQuery): Promise<MessagesPage> {
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
  // Spelled out rather than `(?1 IS NULL OR conversation_id = ?1)`, which SQLite cannot plan on the conversation's
  // index: it walked the time index over the whole shard instead, 14-96 ms a shard (a 16 MiB shard holding ten of
  // the chat's messages) where the index takes half a millisecond.
  const conversationClause = query.conversationId === undefined ? '' : 'conversation_id = ?1 AND';
  const shards = new PageShards(session, { ...query, after: from, before: to, isDescending });
  const rows: MessageRow[] = [];
  const read: ShardEntry[] = [];
  // A full page whose next message is surely in a shard not read yet has a next page, found without reading it.
  let hasMoreUnread = false;
  // The shards the page surely reads, by the most the counts say they hold, are read ahead together; then the next
  // such run, once those are read, until the page is full.
  for (let at = 0; at < shards.length && rows.length <= limit && !hasMoreUnread;) {
    const run = shards.run(at, limit - rows.length);
    at = run.end;
    let next = 0;
    // A run of one shard is read as it is needed: in the thread pool it would only wait for its own inflate.
    const readAheadFrom = run.shards.length > 1 ? 0 : 1;
    for await (const { entry, db } of session.eachShard(
      run.shards.map((s) => s.entry),
      { readAheadFrom },
    )) {
      const index = run.shards[next++]!.index;
      read.push(entry);
      rows.push(
        ...all<MessageRow>(
          db,
          `SELECT ${MESSAGE_COLUMNS} FROM messages
           WHERE ${conversationClause} time >= ?2 AND time < ?3 ${cursorClause}
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
      hasMoreUnread = rows.length === limit && shards.holdsMoreFrom(index + 1);
      if (rows.length > limit || hasMoreUnread) break;
    }
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const messages = page.map((r) => views.view(r));
  await addQuotedTimes(messages, read, (entry) => session.shard(entry));
  return {
    messages,
    next: (rows.length > limit || hasMoreUnread) && last ? { time: last.time, id: last.id } : null,
  };
}
