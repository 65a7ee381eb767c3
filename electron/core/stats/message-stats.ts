import type { MessageStats, MessageStatsArgs } from '../../ipc/contract';
import { SenderNames } from '../archive/sender-names';
import { LocketError } from '../errors';
import { checkTimeZone } from '../time-zones';
import { hostTimeZone } from '../../common/zoned-time';
import { all, one, type ReadOnlyDatabase } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { calendarMonths } from './calendar-months';

const DEFAULT_TOP_SENDERS = 10;
const MAX_TOP_SENDERS = 50;

/**
 * Messages per calendar month: the shard's month bounds arrive as one JSON parameter and are joined to the messages
 * by time range. CROSS JOIN keeps the months as the outer loop, so each month is one range count on an index
 * (messages_by_conversation for a chat, messages_by_time for the vault) and no message row is read.
 */
const MONTHS_SQL = (isConversation: boolean) => `
  SELECT b.value ->> '$[0]' AS month, count(*) AS messages
  FROM json_each(?1) AS b CROSS JOIN messages AS m
  WHERE m.time >= b.value ->> '$[1]' AND m.time < b.value ->> '$[2]' ${isConversation ? 'AND m.conversation_id = ?2' : ''}
  GROUP BY b.key`;

const SENDERS_SQL = (isConversation: boolean) => `
  SELECT sender, is_sent, count(*) AS messages FROM messages ${isConversation ? 'WHERE conversation_id = ?1' : ''}
  GROUP BY sender, is_sent`;

// Two subqueries: SQLite answers a lone min() or max() from one end of an index, but scans for both in one SELECT.
const RANGE_SQL = (isConversation: boolean) => {
  const where = isConversation ? 'WHERE conversation_id = ?1' : '';
  return `SELECT (SELECT min(time) FROM messages ${where}) AS first, (SELECT max(time) FROM messages ${where}) AS last`;
};

interface SenderTally {
  isSelf: boolean;
  messages: number;
}

/** One shard's share of the counts. */
interface ShardCounts {
  range: { first: number; last: number } | null;
  months: { month: string; messages: number }[];
  senders: { sender: string | null; is_sent: number; messages: number }[];
}

/**
 * Counts per shard, kept for as long as the vault stays unlocked: opening the stats again, or switching between
 * the vault and a chat, reads no shard twice. A shard is never changed in place once committed (every change writes
 * a new file with a new id), so its file id and message count name its contents.
 */
const countsBySession = new WeakMap<VaultReader, Map<string, ShardCounts>>();
const MAX_CACHED_COUNTS = 4096;

async function shardCounts(
  session: VaultReader,
  entry: ShardEntry,
  conversationId: number | null,
  timeZone: string,
): Promise<ShardCounts> {
  let cache = countsBySession.get(session);
  if (!cache) countsBySession.set(session, (cache = new Map()));
  const key = `${entry.fileId}:${entry.messageCount}:${conversationId ?? '*'}:${timeZone}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const isConversation = conversationId !== null;
  const params = isConversation ? [conversationId] : [];
  const db = await session.shard(entry);
  const range = one<{ first: number | null; last: number | null }>(db, RANGE_SQL(isConversation), params);
  const counts: ShardCounts =
    !range || range.first === null || range.last === null
      ? { range: null, months: [], senders: [] }
      : {
          range: { first: range.first, last: range.last },
          months: countMonths(db, calendarMonths(range.first, range.last, timeZone), conversationId),
          senders: all<ShardCounts['senders'][number]>(db, SENDERS_SQL(isConversation), params),
        };
  // Counts read during a write (an import under way) may yet be rolled back: they are not kept.
  if (session.isWriting) return counts;
  if (cache.size >= MAX_CACHED_COUNTS) cache.clear();
  cache.set(key, counts);
  return counts;
}

function checkArgs(args: MessageStatsArgs): { conversationId: number | null; timeZone: string; top: number } {
  const { conversationId, timeZone, topSenders } = args ?? {};
  if (conversationId !== undefined && !Number.isInteger(conversationId))
    throw new LocketError('invalid-argument', 'A conversation is named by its number.');
  const top = topSenders ?? DEFAULT_TOP_SENDERS;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP_SENDERS)
    throw new LocketError('invalid-argument', `Name 1 to ${MAX_TOP_SENDERS} top senders.`);
  return { conversationId: conversationId ?? null, timeZone: checkTimeZone(timeZone ?? hostTimeZone()), top };
}

/**
 * How many messages a conversation (or the whole vault) holds per calendar month in a zone and per sender, counted
 * with GROUP BY in each shard and summed. Each shard is read once; for a conversation, only the shards its time
 * range overlaps.
 */
export async function messageStats(session: VaultReader, args: MessageStatsArgs): Promise<MessageStats> {
  const { conversationId, timeZone, top } = checkArgs(args);
  const isConversation = conversationId !== null;
  let shards = session.listShards().filter((s) => s.messageCount > 0);
  if (isConversation) {
    const row = one<{ first: number | null; last: number | null }>(
      session.catalog,
      'SELECT first_message_time AS first, last_message_time AS last FROM conversations WHERE id = ?',
      [conversationId],
    );
    if (!row) throw new LocketError('invalid-argument', `There is no conversation ${conversationId} in this vault.`);
    // The catalog's range only ever covers the conversation's messages (a wipe narrows what is inside it), so it
    // safely skips shards that cannot hold any.
    if (row.first !== null && row.last !== null)
      shards = shards.filter((s) => s.endTime > row.first! && s.startTime <= row.last!);
  }
  const perMonth = new Map<string, number>();
  const perSender = new Map<string | null, SenderTally>();
  const names = new SenderNames(session.catalog);
  const owner = names.ownerUsername;
  let first: number | null = null;
  let last: number | null = null;
  for (const entry of shards) {
    const counts = await shardCounts(session, entry, conversationId, timeZone);
    if (!counts.range) continue;
    first = first === null ? counts.range.first : Math.min(first, counts.range.first);
    last = last === null ? counts.range.last : Math.max(last, counts.range.last);
    for (const r of counts.months) perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.messages);
    for (const r of counts.senders) {
      const isSelf = r.is_sent === 1;
      const username = r.sender ?? (isSelf ? (owner ?? '') : null);
      const tally = perSender.get(username) ?? { isSelf, messages: 0 };
      tally.messages += r.messages;
      tally.isSelf ||= isSelf || (owner !== null && username === owner);
      perSender.set(username, tally);
    }
  }
  const months =
    first === null || last === null
      ? []
      : calendarMonths(first, last, timeZone).map((m) => ({
          month: m.month,
          start: m.start,
          messages: perMonth.get(m.month) ?? 0,
        }));
  const withoutSender = perSender.get(null)?.messages ?? 0;
  perSender.delete(null);
  const nameOf = isConversation
    ? (u: string, isSelf: boolean) => names.nameOf(u, conversationId, isSelf) ?? u
    : vaultNames(session.catalog, names);
  const ranked = [...perSender.entries()]
    .map(([username, t]) => ({ username: username!, isSelf: t.isSelf, messages: t.messages }))
    .sort((a, b) => b.messages - a.messages || a.username.localeCompare(b.username));
  const rest = ranked.slice(top);
  return {
    conversationId,
    timeZone,
    total: months.reduce((sum, m) => sum + m.messages, 0),
    firstTime: first,
    lastTime: last,
    months,
    senders: ranked.slice(0, top).map((s) => ({ ...s, displayName: nameOf(s.username, s.isSelf) })),
    others: { people: rest.length, messages: rest.reduce((sum, s) => sum + s.messages, 0) },
    withoutSender,
  };
}

function countMonths(
  db: ReadOnlyDatabase,
  months: ReturnType<typeof calendarMonths>,
  conversationId: number | null,
): ShardCounts['months'] {
  const bounds = JSON.stringify(months.map((m) => [m.month, m.start, m.end]));
  return all<{ month: string; messages: number }>(
    db,
    MONTHS_SQL(conversationId !== null),
    conversationId !== null ? [bounds, conversationId] : [bounds],
  );
}

/**
 * Across the whole vault a person has no one group to take a nickname from: the remark or nickname the owner's
 * contacts give them comes first, then a nickname from any group they are in, then their username.
 */
function vaultNames(catalog: ReadOnlyDatabase, names: SenderNames): (username: string, isSelf: boolean) => string {
  return (username, isSelf) => {
    if (isSelf) return names.nameOf(username, -1, true) ?? username;
    const row = one<{ name: string | null }>(
      catalog,
      `SELECT coalesce(
         (SELECT coalesce(nullif(remark, ''), nullif(nickname, '')) FROM contacts WHERE username = ?1),
         (SELECT nullif(group_nickname, '') FROM group_members WHERE username = ?1 AND nullif(group_nickname, '') IS NOT NULL ORDER BY conversation_id LIMIT 1)) AS name`,
      [username],
    );
    return row?.name ?? username;
  };
}
