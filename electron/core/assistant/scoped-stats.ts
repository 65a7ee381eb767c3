import { all } from '../db/sqlite';
import { checkTimeZone } from '../time-zones';
import { calendarMonths } from '../stats/calendar-months';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import type { AssistantNames } from './assistant-names';
import { scopeCondition, type AssistantScope } from './assistant-scope';

export interface ScopedStats {
  timeZone: string;
  total: number;
  months: { month: string; messages: number }[];
  people: { name: string; isSelf: boolean; messages: number }[];
  /** System notices and other messages without a sender. */
  withoutSender: number;
}

/**
 * Per calendar month (in a zone) and per person, counting only the scope's messages: the same GROUP BY in each
 * shard as the app's statistics (stats/message-stats.ts), with the scope's conditions added. Two passes: the first
 * finds the months the messages span, the second counts them (the shards stay in the cache between the two).
 */
export async function scopedStats(
  session: VaultReader,
  scope: AssistantScope,
  shards: ShardEntry[],
  timeZoneInput: string,
  names: AssistantNames,
): Promise<ScopedStats> {
  const timeZone = checkTimeZone(timeZoneInput);
  const where = scopeCondition(scope);
  let first: number | null = null;
  let last: number | null = null;
  const perSender = new Map<
    string,
    { username: string | null; isSelf: boolean; conversationId: number; messages: number }
  >();
  for (const entry of shards) {
    const db = await session.shard(entry);
    for (const r of all<{
      sender: string | null;
      is_sent: number;
      conversation_id: number;
      n: number;
      first: number;
      last: number;
    }>(
      db,
      `SELECT sender, is_sent, min(conversation_id) AS conversation_id, count(*) AS n, min(time) AS first, max(time) AS last
       FROM messages WHERE ${where.sql} GROUP BY sender, is_sent`,
      where.params,
    )) {
      first = first === null ? r.first : Math.min(first, r.first);
      last = last === null ? r.last : Math.max(last, r.last);
      const key = `${r.sender ?? ''}\u0000${r.is_sent}`;
      const tally = perSender.get(key) ?? {
        username: r.sender,
        isSelf: r.is_sent === 1,
        conversationId: r.conversation_id,
        messages: 0,
      };
      tally.messages += r.n;
      perSender.set(key, tally);
    }
  }
  const perMonth = new Map<string, number>();
  const months = first === null || last === null ? [] : calendarMonths(first, last, timeZone);
  if (months.length > 0) {
    const bounds = JSON.stringify(months.map((m) => [m.month, m.start, m.end]));
    for (const entry of shards) {
      for (const r of all<{ month: string; n: number }>(
        await session.shard(entry),
        `SELECT b.value ->> '$[0]' AS month, count(*) AS n FROM json_each(?) AS b CROSS JOIN messages
         WHERE time >= b.value ->> '$[1]' AND time < b.value ->> '$[2]' AND ${where.sql} GROUP BY b.key`,
        [bounds, ...where.params],
      ))
        perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.n);
    }
  }
  // One row per person as the answer names them: the owner's messages may be stored with or without a sender.
  const people = new Map<string, { name: string; isSelf: boolean; messages: number }>();
  let withoutSender = 0;
  for (const t of perSender.values()) {
    const name = names.senderName(t.username, scope.conversationIds.length === 1 ? t.conversationId : -1, t.isSelf);
    if (name === null) {
      withoutSender += t.messages;
      continue;
    }
    const person = people.get(name) ?? { name, isSelf: t.isSelf, messages: 0 };
    person.messages += t.messages;
    person.isSelf ||= t.isSelf;
    people.set(name, person);
  }
  const monthRows = months.map((m) => ({ month: m.month, messages: perMonth.get(m.month) ?? 0 }));
  return {
    timeZone,
    total: monthRows.reduce((sum, m) => sum + m.messages, 0),
    months: monthRows,
    people: [...people.values()].sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name)),
    withoutSender,
  };
}
