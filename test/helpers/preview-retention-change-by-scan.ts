import type { RetentionChange, RetentionImpact } from '../../electron/ipc/contract';
import { all } from '../../electron/core/db/sqlite';
import type { VaultReader } from '../../electron/core/store/vault-reader';
import {
  collectFromShard,
  planWipe,
  shortestKeep,
  WipeTally,
  type WipePlan,
} from '../../electron/core/retention/collect-wipe-set';
import { followingChat, ownClassCounts } from '../../electron/core/retention/own-class-counts';
import { movedBy, underRules } from '../../electron/core/retention/preview-retention-change';

const TIME_LOW = -Number.MAX_SAFE_INTEGER;

/**
 * `retention.previewChange` as it was before it read the catalog's counts: every shard that can hold a message old
 * enough to expire is read, message by message, by the wipe's own code (collectFromShard), once under the rules as
 * they are and once under the rules the change makes. Kept as the reference the counted preview must equal (a
 * test compares both on generated vaults) and as the bench's baseline; the app does not call it.
 */
export async function previewRetentionChangeByScan(
  session: VaultReader,
  change: RetentionChange,
  nowMs: number,
): Promise<RetentionImpact> {
  const plan = planWipe(session, { kind: 'expired' }, nowMs);
  const impact: RetentionImpact = { conversations: 0, messages: 0, expiredNow: 0, newlyExpired: 0, held: 0 };
  const conversations = new Set<number>();
  const counts = new Map(
    all<{ id: number; n: number }>(session.catalog, 'SELECT id, message_count AS n FROM conversations').map((r) => [
      r.id,
      r.n,
    ]),
  );
  let own: Map<number, Map<number, number>> | undefined;
  for (const moved of movedBy(session, plan, change)) {
    if (moved.conversationIds) {
      own ??= await ownClassCounts(session, { readEveryShard: true });
      // A conversation without messages is not listed anywhere in the app: it is not counted either.
      for (const id of moved.conversationIds) {
        const following = followingChat(counts.get(id) ?? 0, own.get(id));
        if (!following) continue;
        conversations.add(id);
        impact.messages += following;
      }
    } else {
      // Messages chosen one by one (or carrying a class of their own): counted where they are.
      for (const entry of session.listShards().filter((s) => s.messageCount > 0)) {
        for (const r of all<{ conversation_id: number; n: number }>(
          await session.shard(entry),
          `SELECT conversation_id, count(*) AS n FROM messages WHERE ${moved.where} GROUP BY conversation_id`,
          moved.params,
        )) {
          conversations.add(r.conversation_id);
          impact.messages += r.n;
        }
      }
    }
    if (moved.rules.keepAmount === null || moved.rules.keepUnit === null) continue;
    const bound = plan.now - shortestKeep(moved.rules.keepAmount, moved.rules.keepUnit);
    const query = {
      where: `${moved.where} AND time <= ?`,
      params: [...moved.params, bound],
      from: TIME_LOW,
      to: bound,
    };
    const before: WipePlan = { ...plan, queries: [query] };
    const after: WipePlan = { ...underRules(plan, moved.rules), queries: [query] };
    const beforeTally = new WipeTally();
    const afterTally = new WipeTally();
    for (const entry of session.listShards()) {
      if (entry.messageCount === 0 || entry.startTime > bound) continue;
      const db = await session.shard(entry);
      const expiredBefore = new Set(collectFromShard(before, entry, db, beforeTally).ids);
      const expiredAfter = collectFromShard(after, entry, db, afterTally).ids;
      impact.expiredNow += expiredAfter.length;
      impact.newlyExpired += expiredAfter.filter((id) => !expiredBefore.has(id)).length;
    }
    impact.held += afterTally.heldMessages;
  }
  impact.conversations = conversations.size;
  return impact;
}
