import type { Database, SqlValue } from 'sql.js';
import type { SearchCursor, SearchHit, SearchPage, SearchResultsEvent } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../store/sqlite';
import type { ShardEntry, VaultSession } from '../vault/session';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import type { SearchQuery } from './parse-query';
import { resolvePeople } from './resolve-filters';
import { planSearch, type SearchPlan } from './search-plan';
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
export async function runSearch(session: VaultSession, query: SearchQuery, options: RunSearchOptions = {}): Promise<SearchPage> {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new LocketError('invalid-argument', `A page of search results holds 1 to ${MAX_SEARCH_LIMIT} messages.`);
  }
  const views = new MessageViews(session.catalog);
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
    const shard = searchShard(db, plan, position, want, isCounting);
    total += shard.count;
    const before = Math.min(found.length, limit);
    for (const row of shard.rows) found.push(toHit(row, plan, views));
    const last = shard.rows[shard.rows.length - 1];
    if (last) position = { time: last.time, id: last.id };
    options.onResults?.({ results: found.slice(before, limit), total, shardsSearched: index + 1, shardCount: shards.length, done: false });
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

function checkCursor(cursor: SearchCursor): SearchCursor {
  if (![cursor.time, cursor.id, cursor.total].every(Number.isSafeInteger)) {
    throw new LocketError('invalid-argument', 'That search cursor is not one Locket returned.');
  }
  return cursor;
}

/** Shards that can hold matches, newest first. */
function shardsInRange(shards: ShardEntry[], plan: SearchPlan, cursor: SearchCursor | null): ShardEntry[] {
  return shards
    .filter((s) => s.messageCount > 0)
    .filter((s) => (plan.after === null || s.endTime > plan.after) && (plan.before === null || s.startTime < plan.before))
    // A later page needs no shard that only holds messages newer than the cursor.
    .filter((s) => cursor === null || s.startTime <= cursor.time)
    .sort((a, b) => b.startTime - a.startTime);
}

/**
 * One shard's matches after `position`, newest first, at most `want` of them, and (when counting) how many
 * matches the shard holds in all.
 */
function searchShard(db: Database, plan: SearchPlan, position: Position, want: number, isCounting: boolean): { rows: MessageRow[]; count: number } {
  const after = '(time < ? OR (time = ? AND id < ?))';
  const afterParams: SqlValue[] = [position.time, position.time, position.id];
  if (plan.isExact) {
    const count = !isCounting
      ? 0
      : plan.indexOnlyMatch !== null
        ? (all<{ n: number }>(db, 'SELECT count(*) AS n FROM message_index WHERE message_index MATCH ?', [plan.indexOnlyMatch])[0]?.n ?? 0)
        : (all<{ n: number }>(db, `SELECT count(*) AS n FROM messages WHERE ${plan.where}`, plan.params)[0]?.n ?? 0);
    const rows =
      want > 0
        ? all<MessageRow>(db, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${plan.where} AND ${after} ORDER BY time DESC, id DESC LIMIT ?`, [
            ...plan.params,
            ...afterParams,
            want,
          ])
        : [];
    return { rows, count };
  }
  // Inexact: every candidate is checked. Counting needs them all; a later page stops once it has enough.
  const sql = isCounting
    ? `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${plan.where} ORDER BY time DESC, id DESC`
    : `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${plan.where} AND ${after} ORDER BY time DESC, id DESC`;
  const statement = db.prepare(sql);
  const rows: MessageRow[] = [];
  let count = 0;
  try {
    statement.bind(isCounting ? plan.params : [...plan.params, ...afterParams]);
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
