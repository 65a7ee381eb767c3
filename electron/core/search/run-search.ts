import type { Database, SqlValue } from 'sql.js';
import type { SearchCursor, SearchHit, SearchPage, SearchResultsEvent } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import type { SearchQuery } from './parse-query';
import { resolvePeople } from './resolve-filters';
import { planSearch, type SearchPlan, type ShardQuery } from './search-plan';
import { buildSnippet } from './snippet';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

export interface RunSearchOptions {
  conversationId?: number;
  limit?: number;
  cursor?: SearchCursor;
  /** Called after each shard with the results it adds to the page and the running total. */
  onResults?: (progress: Omit<SearchResultsEvent, 'requestId'>) => void;
}

/** A position in newest-first order: results come strictly after it. */
interface Position {
  time: number;
  id: number;
}

const START: Position = { time: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };

/**
 * Runs a search over the vault's shards, newest shard first (shards cover disjoint time ranges, so that is newest
 * first overall). In each shard the FTS4 index finds candidates, SQL applies the filters, and, where the index alone
 * is not exact, each candidate is checked against its text in JS (search-plan.ts), so every result matches.
 *
 * The first page (no cursor) counts matches in every shard for `total`: by SQL count when the plan is exact, else by
 * checking every candidate. Later pages take the total from the cursor and stop as soon as the page is full.
 */
export async function runSearch(
  session: VaultReader,
  query: SearchQuery,
  options: RunSearchOptions = {},
): Promise<SearchPage> {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new LocketError('invalid-argument', `A page of search results holds 1 to ${MAX_SEARCH_LIMIT} messages.`);
  }
  const views = messageViews(session.catalog);
  if (options.conversationId !== undefined && !views.hasConversation(options.conversationId)) {
    throw new LocketError('invalid-argument', `There is no conversation ${options.conversationId} in this vault.`);
  }
  const cursor = options.cursor ? checkCursor(options.cursor) : null;
  const isCounting = cursor === null;
  const plan = planSearch(query, resolvePeople(session.catalog, query, options.conversationId));
  const shards = plan.isEmpty ? [] : shardsInRange(session.listShards(), plan, cursor);

  let total = cursor?.total ?? 0;
  // One more than the page, to know whether a next page exists.
  const found: SearchHit[] = [];
  let position: Position = cursor ?? START;
  for (const [index, entry] of shards.entries()) {
    const want = Math.max(0, limit + 1 - found.length);
    if (want === 0 && !isCounting) break;
    const db = await session.shard(entry);
    const shard = searchShard(db, entry, plan, position, want, isCounting);
    total += shard.count;
    const before = Math.min(found.length, limit);
    for (const row of shard.rows) found.push(toHit(row, plan, views));
    const last = shard.rows[shard.rows.length - 1];
    if (last) position = { time: last.time, id: last.id };
    options.onResults?.({
      results: found.slice(before, limit),
      total,
      shardsSearched: index + 1,
      shardCount: shards.length,
      done: false,
    });
  }
  const results = found.slice(0, limit);
  const last = results[results.length - 1];
  options.onResults?.({ results: [], total, shardsSearched: shards.length, shardCount: shards.length, done: true });
  return {
    total,
    results,
    next: found.length > limit && last ? { time: last.message.time, id: last.message.id, total } : null,
  };
}

/** More than any shard holds, and still a 32-bit integer, as SQLite's LIMIT wants it bound. */
const EVERY_MATCH = 2 ** 31 - 1;

/**
 * Every match of a query, a shard at a time, oldest shard first, without pages or views: what an evidence export
 * needs, which reads the messages back itself. Paging through runSearch asked each shard again for what followed the
 * cursor (for an inexact query, checking its candidates again) and built a view and a snippet of every result; for
 * a search with tens of thousands of results that cost more than writing the whole export.
 */
export async function* everyMatch(
  session: VaultReader,
  query: SearchQuery,
  options: { conversationId?: number } = {},
): AsyncGenerator<MessageRow[]> {
  const plan = planSearch(query, resolvePeople(session.catalog, query, options.conversationId));
  if (plan.isEmpty) return;
  for (const entry of shardsInRange(session.listShards(), plan, null).reverse()) {
    const db = await session.shard(entry);
    yield searchShard(db, entry, plan, START, EVERY_MATCH, true).rows;
  }
}

/**
 * Message views kept from one search to the next while the catalog is unchanged: a view names each result's sender,
 * and looking names up anew for every search cost a catalog query per sender on the page. `total_changes()` counts
 * every row the catalog's connection ever changed, committed or not, so a write in progress also renews the views;
 * a rolled-back write replaces the catalog itself.
 */
const viewsByCatalog = new WeakMap<Database, { changes: number; views: MessageViews }>();

function messageViews(catalog: Database): MessageViews {
  const changes = all<{ n: number }>(catalog, 'SELECT total_changes() AS n')[0]?.n ?? 0;
  const kept = viewsByCatalog.get(catalog);
  if (kept?.changes === changes) return kept.views;
  const views = new MessageViews(catalog);
  viewsByCatalog.set(catalog, { changes, views });
  return views;
}

function checkCursor(cursor: SearchCursor): SearchCursor {
  if (![cursor.time, cursor.id, cursor.total].every(Number.isSafeInteger)) {
    throw new LocketError('invalid-argument', 'That search cursor is not one Locket returned.');
  }
  return cursor;
}

/** Shards that can hold matches, newest first. */
function shardsInRange(shards: ShardEntry[], plan: SearchPlan, cursor: SearchCursor | null): ShardEntry[] {
  return (
    shards
      .filter((s) => s.messageCount > 0)
      .filter(
        (s) => (plan.after === null || s.endTime > plan.after) && (plan.before === null || s.startTime < plan.before),
      )
      // A later page needs no shard that only holds messages newer than the cursor.
      .filter((s) => cursor === null || s.startTime <= cursor.time)
      .sort((a, b) => b.startTime - a.startTime)
  );
}

/**
 * FROM and WHERE of a shard's query. With words, the index drives: each docid it finds is joined to its message row.
 * CROSS JOIN fixes that order (SQLite might otherwise walk the messages and probe the index row by row), and a join
 * reads each candidate once where `id IN (SELECT docid …)` first copies every docid into a temporary table.
 */
function fromShard(q: ShardQuery): { sql: string; params: SqlValue[] } {
  if (q.match === null) return { sql: `FROM messages WHERE ${q.where || '1'}`, params: q.params };
  const where = q.where ? ` AND ${q.where}` : '';
  return {
    sql: `FROM message_index CROSS JOIN messages ON messages.id = message_index.docid WHERE message_index MATCH ?${where}`,
    params: [q.match, ...q.params],
  };
}

/** An exact query's count in one shard: in the index alone when only words are left to match, else joined to the rows. */
function countExact(db: Database, q: ShardQuery): number {
  // The index holds one row per message of its shard that has tokens, and no other (a trigger drops deleted ones).
  const counted =
    q.match !== null && q.where === ''
      ? { sql: 'FROM message_index WHERE message_index MATCH ?', params: [q.match] }
      : fromShard(q);
  return all<{ n: number }>(db, `SELECT count(*) AS n ${counted.sql}`, counted.params)[0]?.n ?? 0;
}

/**
 * The times a shard's messages span, as [start, end). The catalog's range can be wider than its messages (the oldest
 * shard's is open to the past, the newest's to the future), and a date bound all of them meet can be left out.
 */
function timeSpan(db: Database, entry: ShardEntry): { startTime: number; endTime: number } {
  // Two subqueries: each of min() and max() alone is one step in the time index; together they would scan.
  const span = all<{ first: number | null; last: number | null }>(
    db,
    'SELECT (SELECT min(time) FROM messages) AS first, (SELECT max(time) FROM messages) AS last',
  )[0];
  if (!span || span.first === null || span.last === null) return entry;
  return { startTime: span.first, endTime: span.last + 1 };
}

/**
 * The shard's index mark when some of its messages are above it (not indexed yet: an import's indexing phase was
 * cancelled, cut short, or is running now), else null. Both are one step in the rowid b-tree.
 */
function indexBacklogStart(db: Database): number | null {
  const state = all<{ through: number; top: number | null }>(
    db,
    'SELECT indexed_through AS through, (SELECT max(id) FROM messages) AS top FROM index_state',
  )[0];
  return state && state.top !== null && state.top > state.through ? state.through : null;
}

/**
 * Candidates in a shard whose messages above `through` are not indexed: the index's candidates below the mark and
 * every message above it, each then checked against its text (the check every inexact query makes), so results and
 * counts are those of a full scan. An excluded word's `id NOT IN (…index…)` keeps unindexed messages, and the check
 * drops those that hold it.
 */
function fromPartlyIndexedShard(q: ShardQuery, through: number): { sql: string; params: SqlValue[] } {
  if (q.match === null) return fromShard(q);
  const where = q.where ? ` AND ${q.where}` : '';
  return {
    sql: `FROM messages WHERE (id > ? OR id IN (SELECT docid FROM message_index WHERE message_index MATCH ?))${where}`,
    params: [through, q.match, ...q.params],
  };
}

const AFTER_POSITION = '(time < ? OR (time = ? AND id < ?))';
const afterParams = (position: Position): SqlValue[] => [position.time, position.time, position.id];

/**
 * An exact query's newest `want` matches after `position`. Joining every candidate to its row and sorting them costs
 * in proportion to the candidates; walking the shard's time index from its newest message, keeping the messages
 * whose ids the index found, costs in proportion to the messages passed before `want` matches turn up. A broad query
 * on the first page (its count known, hits assumed spread evenly in time) walks when it should pass fewer messages
 * than the join would sort: 吃 in a shard of 54,000 messages passes about 400 instead of sorting 7,000.
 */
function newestExact(
  db: Database,
  q: ShardQuery,
  position: Position,
  want: number,
  known: { count: number; messages: number } | null,
): MessageRow[] {
  const isWalk = q.match !== null && known !== null && (want * known.messages) / known.count < known.count;
  const from = isWalk
    ? {
        sql: `FROM messages INDEXED BY messages_by_time WHERE id IN (SELECT docid FROM message_index WHERE message_index MATCH ?)${q.where ? ` AND ${q.where}` : ''}`,
        params: [q.match, ...q.params],
      }
    : fromShard(q);
  return all<MessageRow>(
    db,
    `SELECT ${MESSAGE_COLUMNS} ${from.sql} AND ${AFTER_POSITION} ORDER BY time DESC, id DESC LIMIT ?`,
    [...from.params, ...afterParams(position), want],
  );
}

/**
 * One shard's matches after `position`, newest first, at most `want` of them, and (when counting) how many
 * matches the shard holds in all.
 */
function searchShard(
  db: Database,
  entry: ShardEntry,
  plan: SearchPlan,
  position: Position,
  want: number,
  isCounting: boolean,
): { rows: MessageRow[]; count: number } {
  const q = plan.forShard(plan.after === null && plan.before === null ? entry : timeSpan(db, entry));
  const unindexedAbove = indexBacklogStart(db);
  if (plan.isExact && unindexedAbove === null) {
    if (!isCounting) return { rows: want > 0 ? newestExact(db, q, position, want, null) : [], count: 0 };
    const count = countExact(db, q);
    const rows =
      want > 0 && count > 0 ? newestExact(db, q, position, want, { count, messages: entry.messageCount }) : [];
    return { rows, count };
  }
  const from = unindexedAbove === null ? fromShard(q) : fromPartlyIndexedShard(q, unindexedAbove);
  // Inexact (or the shard partly indexed): every candidate is checked. Counting needs them all; a later page stops once it has enough.
  const sql = isCounting
    ? `SELECT ${MESSAGE_COLUMNS} ${from.sql} ORDER BY time DESC, id DESC`
    : `SELECT ${MESSAGE_COLUMNS} ${from.sql} AND ${AFTER_POSITION} ORDER BY time DESC, id DESC`;
  const statement = db.prepare(sql);
  const rows: MessageRow[] = [];
  let count = 0;
  try {
    statement.bind(isCounting ? from.params : [...from.params, ...afterParams(position)]);
    while (statement.step()) {
      const row = statement.getAsObject() as unknown as MessageRow;
      if (!plan.check(row)) continue;
      count++;
      const isAfter = row.time < position.time || (row.time === position.time && row.id < position.id);
      if (isAfter && rows.length < want) rows.push(row);
      if (!isCounting && rows.length >= want) break;
    }
  } finally {
    statement.free();
  }
  return { rows, count: isCounting ? count : 0 };
}

function toHit(row: MessageRow, plan: SearchPlan, views: MessageViews): SearchHit {
  const checked = plan.check(row);
  const snippet = buildSnippet(checked?.text ?? row.text, checked?.spans ?? []);
  return { message: views.view(row), snippet };
}
