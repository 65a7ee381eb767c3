import type { SqlValue } from 'sql.js';
import type { SearchCursor, SearchHit, SearchPage, SearchResultsEvent } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, prepareQuery, type ReadOnlyDatabase } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import type { SearchQuery } from './parse-query';
import { resolvePeople } from './resolve-filters';
import { planSearch, type SearchPlan, type ShardQuery } from './search-plan';
import { narrowToScope, type SearchScope } from './search-scope';
import { buildSnippet } from './snippet';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

export interface RunSearchOptions {
  conversationId?: number;
  limit?: number;
  cursor?: SearchCursor;
  /** Also count every match for an exact `total` (decrypts every shard in range); else only once the page is full. */
  count?: boolean;
  /** Only messages inside this scope are searched, counted or returned (the assistant server's grant). */
  scope?: SearchScope;
  /** A search stops (`cancelled`) when a newer query made it moot: between shards, or while it waits for one. */
  signal?: AbortSignal;
  /** Called after each shard with the results it adds to the page and the matches found so far. */
  onResults?: (progress: Omit<SearchResultsEvent, 'requestId'>) => void;
}

export interface CountSearchOptions {
  conversationId?: number;
  /** Count only the matches after this page (plus the cursor's `seen`). */
  cursor?: SearchCursor;
  /** A count stops when it is aborted (a new query made it moot): between shards, or while it waits for one. */
  signal?: AbortSignal;
  scope?: SearchScope;
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
 * The search stops decrypting shards as soon as it holds the page and one result more (to know a next page exists):
 * a cold search of a large vault then decrypts a shard or two, not all of them. So the total is exact only on the
 * last page, or when `count` asks for it; otherwise it is null and `atLeast` says how many are known. The cursor
 * carries the next result's time, so the next page starts in the shard where this one stopped.
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
  const views = checkedViews(session, options.conversationId);
  const cursor = options.cursor ? checkCursor(options.cursor) : null;
  const plan = scopedPlan(session, query, options.conversationId, options.scope);
  const shards = plan.isEmpty ? [] : shardsInRange(session.listShards(), plan, cursor);

  // One more than the page, to know whether a next page exists.
  const found: SearchHit[] = [];
  let position: Position = cursor ?? START;
  let searched = 0;
  const order = new Map(shards.map((s, i) => [s.fileId, i]));
  // The newest shard alone fills most first pages: read ahead only once the search goes past it. Shards whose phrase
  // filter rules the words out are passed over: they count as searched.
  const cancel = cancelOn(options.signal, 'The search was cancelled.');
  for await (const { entry, db } of session.eachShard(shards, { readAheadFrom: 1, cancel, mayHold: plan.mayHold })) {
    throwIfCancelled(options.signal, 'The search was cancelled.');
    const want = limit + 1 - found.length;
    const rows = newestInShard(db, entry, plan, position, want);
    searched = (order.get(entry.fileId) ?? searched) + 1;
    const before = Math.min(found.length, limit);
    for (const row of rows) found.push(toHit(row, plan, views));
    const last = rows[rows.length - 1];
    if (last) position = { time: last.time, id: last.id };
    options.onResults?.({
      results: found.slice(before, limit),
      found: found.length,
      shardsSearched: searched,
      shardCount: shards.length,
      done: false,
    });
    if (found.length > limit) break;
  }
  const results = found.slice(0, limit);
  const last = results[results.length - 1];
  const after = found[limit];
  const seen = (cursor?.seen ?? 0) + results.length;
  let total = cursor?.total ?? null;
  // The last page knows the total: every match is on it or on an earlier page.
  if (!after) total = seen;
  else if (total === null && options.count && last)
    total =
      seen +
      (await countAfter(session, plan, shards, { time: last.message.time, id: last.message.id }, options.signal));
  options.onResults?.({
    results: [],
    found: found.length,
    shardsSearched: searched,
    shardCount: shards.length,
    done: true,
  });
  return {
    total,
    atLeast: seen + (after ? 1 : 0),
    results,
    next:
      after && last
        ? { time: last.message.time, id: last.message.id, nextTime: after.message.time, seen, total }
        : null,
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
  options: {
    conversationId?: number;
    /** The export's cancel: the pass throws `cancelled`, with this message, as soon as the signal aborts. */
    cancel?: { signal: AbortSignal; message: string };
  } = {},
): AsyncGenerator<MessageRow[]> {
  const plan = planSearch(query, resolvePeople(session.catalog, query, options.conversationId));
  if (plan.isEmpty) return;
  const shards = shardsInRange(session.listShards(), plan, null).reverse();
  for await (const { entry, db } of session.eachShard(shards, { cancel: options.cancel, mayHold: plan.mayHold }))
    yield newestInShard(db, entry, plan, START, EVERY_MATCH);
}

/**
 * The exact number of a search's matches: all of them, or those after `cursor` plus the cursor's `seen`. Shards
 * already in memory are counted first (a page just searched left the newest there), so counting decrypts each other
 * shard once, one at a time within the cache's budget, and evicts no shard it still has to count.
 */
export async function countSearch(
  session: VaultReader,
  query: SearchQuery,
  options: CountSearchOptions = {},
): Promise<number> {
  checkedViews(session, options.conversationId);
  const cursor = options.cursor ? checkCursor(options.cursor) : null;
  if (cursor?.total != null) return cursor.total;
  const plan = scopedPlan(session, query, options.conversationId, options.scope);
  const shards = plan.isEmpty ? [] : shardsInRange(session.listShards(), plan, cursor);
  return (cursor?.seen ?? 0) + (await countAfter(session, plan, shards, cursor ?? START, options.signal));
}

async function countAfter(
  session: VaultReader,
  plan: SearchPlan,
  shards: ShardEntry[],
  position: Position,
  signal?: AbortSignal,
): Promise<number> {
  // Matches after the position are no newer than it: shards that start later hold none.
  const holding = shards.filter((s) => position === START || s.startTime <= position.time);
  const loaded = holding.filter((s) => session.isShardLoaded(s));
  const rest = holding.filter((s) => !session.isShardLoaded(s));
  let count = 0;
  const each = session.eachShard([...loaded, ...rest], {
    cancel: cancelOn(signal, 'The count was cancelled.'),
    mayHold: plan.mayHold,
  });
  try {
    for (;;) {
      // A turn of the event loop between shards: a `search.cancel` or a new search gets in even while the shards come
      // from memory, and the cache may evict the shards counted so far (it keeps those handed out until the loop
      // turns), so counting holds no more decrypted shards than the cache's budget, the one being counted and those
      // read ahead (store/shard-cache.ts, `scan`; dropped when the count stops).
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled(signal, 'The count was cancelled.');
      const next = await each.next();
      if (next.done) break;
      count += countInShard(next.value.db, next.value.entry, plan, position);
    }
  } finally {
    await each.return(undefined);
  }
  return count;
}

function throwIfCancelled(signal: AbortSignal | undefined, message: string): void {
  if (signal?.aborted) throw new LocketError('cancelled', message);
}

/**
 * The pass's cancel, when it has a signal: the pass then stops as soon as it is aborted, also while a shard is being
 * read for it (tens of milliseconds, more on a slow disk), with the error a check between shards gives.
 */
function cancelOn(
  signal: AbortSignal | undefined,
  message: string,
): { signal: AbortSignal; message: string } | undefined {
  return signal ? { signal, message } : undefined;
}

/** The query's plan, within the scope when there is one. */
function scopedPlan(
  session: VaultReader,
  query: SearchQuery,
  conversationId: number | undefined,
  scope: SearchScope | undefined,
): SearchPlan {
  const narrowed = narrowToScope(query, resolvePeople(session.catalog, query, conversationId), scope);
  return planSearch(narrowed.query, narrowed.people);
}

/** The catalog's views for the search, after checking the conversation it is limited to exists. */
function checkedViews(session: VaultReader, conversationId: number | undefined): MessageViews {
  const views = messageViews(session.catalog);
  if (conversationId !== undefined && !views.hasConversation(conversationId)) {
    throw new LocketError('invalid-argument', `There is no conversation ${conversationId} in this vault.`);
  }
  return views;
}

/**
 * Message views kept from one search to the next while the catalog is unchanged: a view names each result's sender,
 * and looking names up anew for every search cost a catalog query per sender on the page. `total_changes()` counts
 * every row the catalog's connection ever changed, committed or not, so a write in progress also renews the views;
 * a rolled-back write replaces the catalog itself.
 */
const viewsByCatalog = new WeakMap<ReadOnlyDatabase, { changes: number; views: MessageViews }>();

function messageViews(catalog: ReadOnlyDatabase): MessageViews {
  const changes = all<{ n: number }>(catalog, 'SELECT total_changes() AS n')[0]?.n ?? 0;
  const kept = viewsByCatalog.get(catalog);
  if (kept?.changes === changes) return kept.views;
  const views = new MessageViews(catalog);
  viewsByCatalog.set(catalog, { changes, views });
  return views;
}

function checkCursor(cursor: SearchCursor): SearchCursor {
  const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (
    ![cursor.time, cursor.id, cursor.nextTime].every(Number.isSafeInteger) ||
    cursor.nextTime > cursor.time ||
    !isCount(cursor.seen) ||
    !(cursor.total === null || isCount(cursor.total))
  ) {
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
      // After a page, no shard holding only messages newer than its next result: the page searched those already.
      .filter((s) => cursor === null || s.startTime <= cursor.nextTime)
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
function countExact(db: ReadOnlyDatabase, q: ShardQuery): number {
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
function timeSpan(db: ReadOnlyDatabase, entry: ShardEntry): { startTime: number; endTime: number } {
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
function indexBacklogStart(db: ReadOnlyDatabase): number | null {
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
  db: ReadOnlyDatabase,
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

/** Whether every message of the shard comes after `position`, so no condition on the position is needed. */
function isWholeShardAfter(entry: ShardEntry, position: Position): boolean {
  return position === START || entry.endTime <= position.time;
}

/** Candidates of a shard, with the index used as far as it goes (all of the shard's messages indexed, or not). */
function candidates(db: ReadOnlyDatabase, q: ShardQuery): { sql: string; params: SqlValue[] } {
  const unindexedAbove = indexBacklogStart(db);
  return unindexedAbove === null ? fromShard(q) : fromPartlyIndexedShard(q, unindexedAbove);
}

/** One shard's newest `want` matches after `position`. */
function newestInShard(
  db: ReadOnlyDatabase,
  entry: ShardEntry,
  plan: SearchPlan,
  position: Position,
  want: number,
): MessageRow[] {
  const q = plan.forShard(plan.after === null && plan.before === null ? entry : timeSpan(db, entry));
  if (plan.isExact && indexBacklogStart(db) === null) {
    // The count steers newestExact's choice between walking the time index and sorting the candidates; in the index
    // alone it reads only the words' doclists, far less than either.
    const isBroad = q.match !== null && isWholeShardAfter(entry, position);
    const known = isBroad ? { count: countExact(db, q), messages: entry.messageCount } : null;
    return known?.count === 0 ? [] : newestExact(db, q, position, want, known);
  }
  // Inexact (or the shard partly indexed): candidates are checked one by one, newest first, until the page is full.
  const from = candidates(db, q);
  const rows: MessageRow[] = [];
  eachChecked(db, `${from.sql} AND ${AFTER_POSITION}`, [...from.params, ...afterParams(position)], plan, (row) => {
    rows.push(row);
    return rows.length < want;
  });
  return rows;
}

/** How many matches of one shard come after `position`. */
function countInShard(db: ReadOnlyDatabase, entry: ShardEntry, plan: SearchPlan, position: Position): number {
  const q = plan.forShard(plan.after === null && plan.before === null ? entry : timeSpan(db, entry));
  const isWhole = isWholeShardAfter(entry, position);
  if (plan.isExact && indexBacklogStart(db) === null) {
    if (isWhole) return countExact(db, q);
    const from = fromShard(q);
    return (
      all<{ n: number }>(db, `SELECT count(*) AS n ${from.sql} AND ${AFTER_POSITION}`, [
        ...from.params,
        ...afterParams(position),
      ])[0]?.n ?? 0
    );
  }
  const from = candidates(db, q);
  let count = 0;
  eachChecked(
    db,
    isWhole ? from.sql : `${from.sql} AND ${AFTER_POSITION}`,
    isWhole ? from.params : [...from.params, ...afterParams(position)],
    plan,
    () => {
      count++;
      return true;
    },
  );
  return count;
}

/**
 * Steps through the rows `from` selects, newest first, handing each one that passes the exact check to `take` until
 * it returns false. One row at a time: a broad inexact query never holds its candidates all at once.
 */
function eachChecked(
  db: ReadOnlyDatabase,
  from: string,
  params: SqlValue[],
  plan: SearchPlan,
  take: (row: MessageRow) => boolean,
): void {
  const statement = prepareQuery(db, `SELECT ${MESSAGE_COLUMNS} ${from} ORDER BY time DESC, id DESC`);
  try {
    statement.bind(params);
    while (statement.step()) {
      const row = statement.getAsObject() as unknown as MessageRow;
      if (plan.check(row) && !take(row)) break;
    }
  } finally {
    statement.free();
  }
}

function toHit(row: MessageRow, plan: SearchPlan, views: MessageViews): SearchHit {
  const checked = plan.check(row);
  const snippet = buildSnippet(checked?.text ?? row.text, checked?.spans ?? []);
  return { message: views.view(row), snippet };
}
