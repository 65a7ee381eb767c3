import type { SearchCursor } from '../../ipc/contract';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import { all, one } from '../db/sqlite';
import { LocketError } from '../errors';
import { parseQuery } from '../search/parse-query';
import { runSearch } from '../search/run-search';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { AssistantNames, type AssistantMessage } from './assistant-names';
import { scopeCondition, type AssistantScope } from './assistant-scope';
import { scopedStats, type ScopedStats } from './scoped-stats';

export const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;
const MAX_AROUND = 50;

/**
 * The one answer for a conversation or message outside the scope and for one that does not exist: the assistant
 * cannot tell them apart, so it cannot probe for what it was not granted.
 */
function noConversation(id: number): LocketError {
  return new LocketError('invalid-argument', `There is no conversation ${id}.`);
}

export interface AssistantConversation {
  id: number;
  name: string;
  isGroup: boolean;
  /** Messages inside the scope (its dates and kinds), not the conversation's whole count. */
  messages: number;
  firstTime: string | null;
  lastTime: string | null;
}

export interface MessagesWindow {
  conversationId: number;
  /** ISO 8601 date or time; inclusive. */
  after?: string;
  /** ISO 8601 date or time; exclusive. */
  before?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

function instant(text: string | undefined, name: string): number | null {
  if (text === undefined || text === '') return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new LocketError('invalid-argument', `${name} is an ISO 8601 date or time.`);
  return Math.floor(ms / 1000);
}

function pageSize(limit: number | undefined): number {
  const size = limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
    throw new LocketError('invalid-argument', `limit is 1 to ${MAX_PAGE}.`);
  return size;
}

/** Cursors travel to the assistant as opaque text; a forged one can only page within the scope. */
function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T>(text: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!isValid(value)) throw new LocketError('invalid-argument', 'That cursor is not one this server returned.');
  return value;
}

const isPosition = (v: unknown): v is { time: number; id: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as { time?: unknown }).time) &&
  Number.isSafeInteger((v as { id?: unknown }).id);

const isSearchCursor = (v: unknown): v is SearchCursor =>
  isPosition(v) &&
  Number.isSafeInteger((v as SearchCursor).nextTime) &&
  Number.isSafeInteger((v as SearchCursor).seen) &&
  ((v as SearchCursor).total === null || Number.isSafeInteger((v as SearchCursor).total));

/**
 * The archive as an assistant may read it: only the scope's conversations, dates and kinds, through the same code
 * the app reads with (search is the core's runSearch, narrowed to the scope). Every answer goes through
 * AssistantNames, so a pseudonymized session never carries a real name or a username.
 */
export class ScopedArchive {
  private constructor(
    private readonly session: VaultReader,
    readonly scope: AssistantScope,
    private readonly names: AssistantNames,
  ) {}

  static async open(session: VaultReader, scope: AssistantScope): Promise<ScopedArchive> {
    return new ScopedArchive(session, scope, await AssistantNames.create(session, scope));
  }

  private isInScope(conversationId: unknown): conversationId is number {
    return typeof conversationId === 'number' && this.scope.conversationIds.includes(conversationId);
  }

  private shardsInScope(): ShardEntry[] {
    const { after, before } = this.scope;
    return this.session
      .listShards()
      .filter(
        (s) => s.messageCount > 0 && (after === null || s.endTime > after) && (before === null || s.startTime < before),
      );
  }

  /** The scope's conversations with what the scope holds of each, counted in the shards when dates or kinds limit it. */
  async conversations(): Promise<AssistantConversation[]> {
    const ids = this.scope.conversationIds;
    const rows = all<{
      id: number;
      username: string;
      display_name: string;
      is_group: number;
      message_count: number;
      first_message_time: number | null;
      last_message_time: number | null;
    }>(
      this.session.catalog,
      `SELECT id, username, display_name, is_group, message_count, first_message_time, last_message_time
       FROM conversations WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY last_message_time DESC, id`,
      [...ids],
    );
    const isWhole = this.scope.after === null && this.scope.before === null && this.scope.kinds === null;
    const counted = isWhole ? null : await this.countPerConversation();
    return rows.map((r) => {
      const c = counted?.get(r.id);
      return {
        id: r.id,
        name: this.names.conversationName({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          isGroup: r.is_group === 1,
        }),
        isGroup: r.is_group === 1,
        messages: counted ? (c?.messages ?? 0) : r.message_count,
        firstTime: iso(counted ? (c?.first ?? null) : r.first_message_time),
        lastTime: iso(counted ? (c?.last ?? null) : r.last_message_time),
      };
    });
  }

  private async countPerConversation(): Promise<Map<number, { messages: number; first: number; last: number }>> {
    const where = scopeCondition(this.scope);
    const counts = new Map<number, { messages: number; first: number; last: number }>();
    for (const entry of this.shardsInScope()) {
      for (const r of all<{ id: number; n: number; first: number; last: number }>(
        await this.session.shard(entry),
        `SELECT conversation_id AS id, count(*) AS n, min(time) AS first, max(time) AS last FROM messages
         WHERE ${where.sql} GROUP BY conversation_id`,
        where.params,
      )) {
        const seen = counts.get(r.id);
        if (seen)
          counts.set(r.id, {
            messages: seen.messages + r.n,
            first: Math.min(seen.first, r.first),
            last: Math.max(seen.last, r.last),
          });
        else counts.set(r.id, { messages: r.n, first: r.first, last: r.last });
      }
    }
    return counts;
  }

  /** A page of one conversation's messages in a time window, in time order (or newest first), with a cursor. */
  async messages(window: MessagesWindow): Promise<{ messages: AssistantMessage[]; next: string | null }> {
    if (!this.isInScope(window.conversationId)) throw noConversation(window.conversationId);
    const limit = pageSize(window.limit);
    const cursor = window.cursor === undefined ? null : decodeCursor(window.cursor, isPosition);
    const rows = await this.rowsOf(window.conversationId, {
      after: instant(window.after, 'after'),
      before: instant(window.before, 'before'),
      isDescending: window.order === 'desc',
      cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      messages: this.toMessages(page),
      next: rows.length > limit && last ? encodeCursor({ time: last.time, id: last.id }) : null,
    };
  }

  /** Up to `limit` in-scope rows of a conversation strictly after `cursor` in the page's order, shard by shard. */
  private async rowsOf(
    conversationId: number,
    options: {
      after: number | null;
      before: number | null;
      isDescending: boolean;
      cursor: { time: number; id: number } | null;
      limit: number;
    },
  ): Promise<MessageRow[]> {
    const { after, before, isDescending, cursor, limit } = options;
    const where = scopeCondition(this.scope);
    const order = isDescending ? 'DESC' : 'ASC';
    const conditions = [where.sql, 'conversation_id = ?'];
    const params: (string | number)[] = [...where.params, conversationId];
    if (after !== null) {
      conditions.push('time >= ?');
      params.push(after);
    }
    if (before !== null) {
      conditions.push('time < ?');
      params.push(before);
    }
    if (cursor) {
      conditions.push(isDescending ? '(time < ? OR (time = ? AND id < ?))' : '(time > ? OR (time = ? AND id > ?))');
      params.push(cursor.time, cursor.time, cursor.id);
    }
    const shards = this.shardsInScope().filter(
      (s) =>
        (after === null || s.endTime > after) &&
        (before === null || s.startTime < before) &&
        (!cursor || (isDescending ? s.startTime <= cursor.time : s.endTime > cursor.time)),
    );
    if (isDescending) shards.reverse();
    const rows: MessageRow[] = [];
    for (const entry of shards) {
      rows.push(
        ...all<MessageRow>(
          await this.session.shard(entry),
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${conditions.join(' AND ')} ORDER BY time ${order}, id ${order} LIMIT ?`,
          [...params, limit - rows.length],
        ),
      );
      if (rows.length >= limit) break;
    }
    return rows;
  }

  private toMessages(rows: MessageRow[]): AssistantMessage[] {
    const views = new MessageViews(this.session.catalog);
    return rows.map((r) => this.names.message(views.view(r)));
  }

  /**
   * `locket search`'s query language and results, inside the scope. A pseudonymized session takes `from:` only as
   * a pseudonym or `me` and no `in:` (conversations go by number there): real names typed as filters would let the
   * assistant test guesses about who is in the chats.
   */
  async search(args: {
    query: string;
    conversationId?: number;
    limit?: number;
    cursor?: string;
  }): Promise<{ total: number | null; atLeast: number; messages: AssistantMessage[]; next: string | null }> {
    if (args.conversationId !== undefined && !this.isInScope(args.conversationId))
      throw noConversation(args.conversationId);
    const limit = pageSize(args.limit);
    let query = parseQuery(args.query, { timeZone: this.scope.timeZone });
    if (this.names.isPseudonymized) {
      if (query.in.length > 0)
        throw new LocketError('invalid-argument', 'In this session in: is not available; pass conversationId instead.');
      const usernames = this.participantUsernames();
      const from = query.from.map((value) => {
        if (value.trim().toLowerCase() === 'me') return 'me';
        const username = this.names.usernameOf(value, usernames);
        if (username === null)
          throw new LocketError(
            'invalid-argument',
            `In this session from: takes a participant as answers name them ("Participant A") or me; not "${value}".`,
          );
        return username;
      });
      query = { ...query, from };
    }
    const cursor = args.cursor === undefined ? undefined : decodeCursor(args.cursor, isSearchCursor);
    const page = await runSearch(this.session, query, {
      conversationId: args.conversationId,
      limit,
      cursor,
      scope: this.scope,
    });
    return {
      total: page.total,
      atLeast: page.atLeast,
      messages: page.results.map((hit) => this.names.message(hit.message)),
      next: page.next ? encodeCursor(page.next) : null,
    };
  }

  private participantUsernames(): Set<string> {
    const ids = this.scope.conversationIds;
    const marks = ids.map(() => '?').join(', ');
    const catalog = this.session.catalog;
    const found = new Set<string>();
    for (const r of all<{ username: string }>(
      catalog,
      `SELECT username FROM group_members WHERE conversation_id IN (${marks})
       UNION SELECT username FROM conversations WHERE id IN (${marks}) AND is_group = 0`,
      [...ids, ...ids],
    ))
      found.add(r.username);
    const owner = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
    if (owner) found.add((JSON.parse(owner.value) as { username: string }).username);
    return found;
  }

  /** One message with up to `before` and `after` of its conversation's in-scope messages around it. */
  async message(args: {
    messageId: number;
    before?: number;
    after?: number;
  }): Promise<{ messages: AssistantMessage[]; anchorIndex: number }> {
    const count = (value: number | undefined, name: string) => {
      const n = value ?? 5;
      if (!Number.isInteger(n) || n < 0 || n > MAX_AROUND)
        throw new LocketError('invalid-argument', `${name} is 0 to ${MAX_AROUND} messages.`);
      return n;
    };
    const before = count(args.before, 'before');
    const after = count(args.after, 'after');
    const anchor = Number.isSafeInteger(args.messageId) ? await this.findInScope(args.messageId) : null;
    if (!anchor) throw new LocketError('invalid-argument', `There is no message ${String(args.messageId)}.`);
    const position = { time: anchor.time, id: anchor.id };
    const older = await this.rowsOf(anchor.conversation_id, {
      after: null,
      before: null,
      isDescending: true,
      cursor: position,
      limit: before,
    });
    const newer = await this.rowsOf(anchor.conversation_id, {
      after: null,
      before: null,
      isDescending: false,
      cursor: position,
      limit: after,
    });
    return { messages: this.toMessages([...older.reverse(), anchor, ...newer]), anchorIndex: older.length };
  }

  private async findInScope(id: number): Promise<MessageRow | null> {
    const where = scopeCondition(this.scope);
    for (const entry of this.shardsInScope().reverse()) {
      const row = one<MessageRow>(
        await this.session.shard(entry),
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ? AND ${where.sql}`,
        [id, ...where.params],
      );
      if (row) return row;
    }
    return null;
  }

  /** Messages per month and per person, of the scope or one of its conversations. */
  async stats(args: { conversationId?: number; timeZone?: string }): Promise<ScopedStats> {
    if (args.conversationId !== undefined && !this.isInScope(args.conversationId))
      throw noConversation(args.conversationId);
    const scope =
      args.conversationId === undefined ? this.scope : { ...this.scope, conversationIds: [args.conversationId] };
    return scopedStats(this.session, scope, this.shardsInScope(), args.timeZone ?? this.scope.timeZone, this.names);
  }
}
