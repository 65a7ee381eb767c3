import { all } from '../db/sqlite';
import { TIME_MAX, TIME_MIN } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { activeHolds } from './holds';

/**
 * How many messages each active hold keeps now: the messages of its chats inside its dates, counted in the shards
 * whose time range meets those dates (by the messages' (conversation_id, time) index). A message two holds cover
 * counts for each.
 */
export async function countHeldMessages(session: VaultReader): Promise<{ holdId: number; messages: number }[]> {
  const holds = activeHolds(session.catalog);
  const counts = new Map(holds.map((h) => [h.id, 0]));
  if (holds.length === 0) return [];
  for (const entry of session.listShards()) {
    if (entry.messageCount === 0) continue;
    const meeting = holds.filter(
      (h) => (h.scope.to ?? TIME_MAX) > entry.startTime && (h.scope.from ?? TIME_MIN) < entry.endTime,
    );
    if (!meeting.length) continue;
    const db = await session.shard(entry);
    for (const h of meeting) {
      const row = all<{ n: number }>(
        db,
        'SELECT count(*) AS n FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?)) AND time >= ? AND time < ?',
        [JSON.stringify(h.scope.conversationIds), h.scope.from ?? TIME_MIN, h.scope.to ?? TIME_MAX],
      )[0];
      counts.set(h.id, counts.get(h.id)! + (row?.n ?? 0));
    }
  }
  return [...counts].map(([holdId, messages]) => ({ holdId, messages }));
}
