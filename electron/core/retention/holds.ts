import type { Database } from 'sql.js';
import type { Hold, HoldScope } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';

interface HoldRow {
  id: number;
  name: string;
  reason: string;
  placed_by: string;
  placed_at: number;
  released_at: number | null;
  released_by: string | null;
  release_reason: string | null;
  scope: string;
}

/**
 * A hold's row with why it was released. The holds table has no column for it: the reason lives in the
 * `hold-released` audit entry, written in the same commit as the release, so the two cannot disagree.
 */
const HOLD_ROW = `SELECT holds.*, (SELECT json_extract(a.details, '$.reason') FROM audit_log a
    WHERE a.action = 'hold-released' AND json_extract(a.details, '$.holdId') = holds.id
    ORDER BY a.sequence DESC LIMIT 1) AS release_reason
  FROM holds`;

function toHold(r: HoldRow): Hold {
  return {
    id: r.id,
    name: r.name,
    reason: r.reason,
    placedBy: r.placed_by,
    placedAt: r.placed_at,
    releasedAt: r.released_at,
    releasedBy: r.released_by,
    releaseReason: r.release_reason ?? null,
    scope: JSON.parse(r.scope) as HoldScope,
  };
}

export function listHolds(db: ReadOnlyDatabase): Hold[] {
  return all<HoldRow>(db, `${HOLD_ROW} ORDER BY released_at IS NOT NULL, placed_at DESC`).map(toHold);
}

export function activeHolds(db: ReadOnlyDatabase): Hold[] {
  return listHolds(db).filter((h) => h.releasedAt === null);
}

/** The active holds that keep a message of `conversationId` sent at `time`. */
export function holdsCovering(holds: readonly Hold[], conversationId: number, time: number): Hold[] {
  return holds.filter(
    (h) =>
      h.scope.conversationIds.includes(conversationId) &&
      (h.scope.from === null || time >= h.scope.from) &&
      (h.scope.to === null || time < h.scope.to),
  );
}

function text(value: unknown, what: string, max: number): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t || t.length > max) throw new LocketError('invalid-argument', `A hold needs ${what} (1 to ${max} characters).`);
  return t;
}

export function placeHold(
  db: Database,
  input: { name: string; reason: string; placedBy: string; scope: HoldScope },
  now: number,
): Hold {
  const scope = input.scope;
  const ids = Array.isArray(scope?.conversationIds) ? [...new Set(scope.conversationIds)] : [];
  if (ids.length === 0 || !ids.every(Number.isInteger))
    throw new LocketError('invalid-argument', 'A hold covers at least one conversation.');
  for (const id of ids)
    if (!one(db, 'SELECT 1 FROM conversations WHERE id = ?', [id]))
      throw new LocketError('invalid-argument', `There is no conversation ${id}.`);
  const from = scope.from ?? null;
  const to = scope.to ?? null;
  if (
    (from !== null && !Number.isFinite(from)) ||
    (to !== null && !Number.isFinite(to)) ||
    (from !== null && to !== null && from >= to)
  ) {
    throw new LocketError('invalid-argument', "A hold's date range must start before it ends.");
  }
  const normalized: HoldScope = { conversationIds: ids.sort((a, b) => a - b), from, to };
  run(db, 'INSERT INTO holds (name, reason, placed_by, placed_at, scope) VALUES (?, ?, ?, ?, ?)', [
    text(input.name, 'a name', 120),
    text(input.reason, 'a reason', 2000),
    text(input.placedBy, 'the name of who places it', 120),
    now,
    JSON.stringify(normalized),
  ]);
  return toHold(one<HoldRow>(db, `${HOLD_ROW} WHERE holds.id = last_insert_rowid()`)!);
}

/** Checks who releases a hold and why (both required: a release is deliberate) before anything changes. */
export function releaseInput(releasedBy: unknown, reason: unknown): { releasedBy: string; reason: string } {
  return {
    releasedBy: text(releasedBy, 'the name of who releases it', 120),
    reason: text(reason, 'a reason for the release', 2000),
  };
}

export function releaseHold(db: Database, holdId: number, releasedBy: string, now: number): Hold {
  if (!Number.isSafeInteger(holdId)) throw new LocketError('invalid-argument', 'Choose a hold to release by its id.');
  const row = one<HoldRow>(db, `${HOLD_ROW} WHERE holds.id = ?`, [holdId]);
  if (!row) throw new LocketError('invalid-argument', `There is no hold ${holdId}.`);
  if (row.released_at !== null) throw new LocketError('invalid-argument', `Hold "${row.name}" was already released.`);
  run(db, 'UPDATE holds SET released_at = ?, released_by = ? WHERE id = ?', [
    now,
    text(releasedBy, 'the name of who releases it', 120),
    holdId,
  ]);
  return toHold(one<HoldRow>(db, `${HOLD_ROW} WHERE holds.id = ?`, [holdId])!);
}
