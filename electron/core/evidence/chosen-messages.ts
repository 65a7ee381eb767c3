import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import type { ExportScope } from './export-request';
import { inTranscriptOrder, type HitRef } from './search-hits';

/** Ids per statement: well under SQLite's bound-parameter limit. */
const BATCH = 900;

/**
 * Where each chosen message is (conversation, time), in transcript order. The app sends only ids, so every shard
 * that could hold them is asked; with conversations given, only shards within their time range. Ids no longer in
 * the vault (wiped since they were chosen) are left out; ids of other conversations too, when conversations are given.
 */
export async function locateChosenMessages(session: VaultReader, scope: ExportScope): Promise<HitRef[]> {
  const wanted = new Set(scope.conversationIds);
  let from = -Infinity;
  let to = Infinity;
  if (wanted.size) {
    const ranges = all<{ first: number | null; last: number | null }>(
      session.catalog,
      `SELECT min(first_message_time) AS first, max(last_message_time) AS last FROM conversations WHERE id IN (${scope.conversationIds.map(() => '?').join(',')})`,
      [...scope.conversationIds],
    )[0];
    if (!ranges || ranges.first === null || ranges.last === null) return [];
    from = ranges.first;
    to = ranges.last;
  }
  const hits: HitRef[] = [];
  const found = new Set<number>();
  for (const entry of session.listShards()) {
    if (entry.endTime <= from || entry.startTime > to) continue;
    const db = await session.shard(entry);
    const left = scope.messageIds.filter((id) => !found.has(id));
    if (!left.length) break;
    for (let at = 0; at < left.length; at += BATCH) {
      const ids = left.slice(at, at + BATCH);
      for (const row of all<HitRef>(
        db,
        `SELECT id, conversation_id AS conversationId, time FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )) {
        if (wanted.size && !wanted.has(row.conversationId)) continue;
        found.add(row.id);
        hits.push(row);
      }
    }
  }
  return inTranscriptOrder(hits, scope.conversationIds);
}
