import type { ClassChange, ClassCoverage } from '../../ipc/contract';
import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import { collectWipeSet, planWipe } from './collect-wipe-set';
import { followingChat, ownClassCounts } from './own-class-counts';

/**
 * How much each class covers: the conversations that follow it, the messages that follow it (their chat's, from
 * the catalog's counts, less those with a class of their own, which count for that class), and how many messages
 * are expired now, counted by the same preview a wipe of expired messages makes.
 */
export async function classCoverage(session: VaultReader, nowMs: number): Promise<ClassCoverage[]> {
  const plan = planWipe(session, { kind: 'expired' }, nowMs);
  const counts = new Map(
    all<{ id: number; n: number }>(session.catalog, 'SELECT id, message_count AS n FROM conversations').map((r) => [
      r.id,
      r.n,
    ]),
  );
  const coverage = new Map<number, ClassCoverage>(
    [...plan.classes.keys()].map((classId) => [classId, { classId, conversations: 0, messages: 0, expiredNow: 0 }]),
  );
  const own = await ownClassCounts(session);
  for (const [id, c] of plan.conversations) {
    const row = coverage.get(c.classId);
    // A conversation without messages is not listed anywhere in the app: it is not counted either.
    if (!row || !counts.get(id)) continue;
    row.conversations++;
    row.messages += followingChat(counts.get(id)!, own.get(id));
  }
  for (const byClass of own.values())
    for (const [classId, n] of byClass) {
      // A class that no longer exists: the wipe reads such messages by the vault default.
      const row = coverage.get(plan.classes.has(classId) ? classId : plan.fallback);
      if (row) row.messages += n;
    }
  const { preview } = await collectWipeSet(session, { kind: 'expired' }, nowMs);
  for (const c of preview.byClass) {
    const row = coverage.get(c.classId);
    if (row) row.expiredNow += c.messages;
  }
  return [...coverage.values()];
}

/**
 * The last time each class's rule changed: saved (created or edited), made the default or assigned to something,
 * as the audit log records it in the commit that made the change.
 */
export function classChanges(session: VaultReader): ClassChange[] {
  return all<{ class_id: number; changed_at: number }>(
    session.catalog,
    `SELECT json_extract(details, '$.classId') AS class_id, max(time) AS changed_at FROM audit_log
     WHERE action IN ('class-saved', 'class-assigned') AND json_extract(details, '$.classId') IS NOT NULL
     GROUP BY class_id ORDER BY class_id`,
  ).map((r) => ({ classId: Number(r.class_id), changedAt: r.changed_at }));
}
