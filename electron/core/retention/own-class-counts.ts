import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import { shardConversationCounts } from '../store/shard-counts';
import { mayHaveMessageClasses } from './collect-wipe-set';

/**
 * How many messages of each conversation carry a class of their own, by class: those follow their own class, not
 * their chat's. Empty without reading any shard when no message was ever given a class (the audit log says so);
 * otherwise each shard that holds such messages is read once (no index on the column: a scan, in SQLite). The
 * catalog's per-shard counts (catalog migration 0006) say which shards hold none; `readEveryShard` ignores them (the
 * preview's reference scan, test/helpers/preview-retention-change-by-scan.ts).
 */
export async function ownClassCounts(
  session: VaultReader,
  { readEveryShard = false }: { readEveryShard?: boolean } = {},
): Promise<Map<number, Map<number, number>>> {
  const counts = new Map<number, Map<number, number>>();
  if (!mayHaveMessageClasses(session.catalog)) return counts;
  const perShard = readEveryShard ? null : shardConversationCounts(session.catalog);
  for (const entry of session.listShards()) {
    if (entry.messageCount === 0) continue;
    const told = perShard?.get(entry.fileId);
    if (told && !told.some((c) => c.classed > 0)) continue;
    for (const r of all<{ conversation_id: number; class_id: number; n: number }>(
      await session.shard(entry),
      `SELECT conversation_id, retention_class_id AS class_id, count(*) AS n FROM messages
       WHERE retention_class_id IS NOT NULL GROUP BY conversation_id, retention_class_id`,
    )) {
      const byClass = counts.get(r.conversation_id) ?? new Map<number, number>();
      byClass.set(r.class_id, (byClass.get(r.class_id) ?? 0) + r.n);
      counts.set(r.conversation_id, byClass);
    }
  }
  return counts;
}

/** Messages of a conversation that follow its chat's class: all of them but those with a class of their own. */
export function followingChat(total: number, own: Map<number, number> | undefined): number {
  let n = total;
  for (const count of own?.values() ?? []) n -= count;
  return Math.max(0, n);
}
