import type { SqlValue } from 'sql.js';
import type { KeepUnit, WipePreview, WipeSelection } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, one, type ReadOnlyDatabase } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';
import { activeHolds, holdsCovering } from './holds';
import { defaultClassId, listClasses } from './retention-classes';
import { expiresAt } from './retention-period';
import { shardConversationCounts } from '../store/shard-counts';
import { addShare, shareFromCatalog } from './wipe-share-from-catalog';
import { WipeTally, type CandidateQuery, type WipePlan } from './wipe-plan';

export { WipeTally, type WipePlan } from './wipe-plan';

const DAY = 86_400;
const TIME_LOW = -Number.MAX_SAFE_INTEGER;
const TIME_HIGH = Number.MAX_SAFE_INTEGER;

export function validateSelection(selection: WipeSelection): void {
  if (!selection || typeof selection !== 'object') throw new LocketError('invalid-argument', 'Say what to wipe.');
  if (selection.kind === 'expired') return;
  if (selection.kind === 'conversation') {
    if (!Number.isInteger(selection.conversationId))
      throw new LocketError('invalid-argument', 'Choose a conversation to wipe.');
    return;
  }
  if (selection.kind === 'messages') {
    if (
      !Array.isArray(selection.messageIds) ||
      selection.messageIds.length === 0 ||
      !selection.messageIds.every(Number.isInteger)
    ) {
      throw new LocketError('invalid-argument', 'Choose the messages to wipe.');
    }
    return;
  }
  throw new LocketError('invalid-argument', 'Unknown kind of wipe.');
}

/**
 * The earliest a message can expire under a keep period is this many seconds after it was sent: a month is at
 * least 28 days, a year at least 365 (expiresAt clamps Jan 31 + 1 month to Feb 28, Feb 29 + 1 year to Feb 28).
 * Only used to narrow what is read; each message's expiry is then computed exactly.
 */
export function shortestKeep(amount: number, unit: KeepUnit): number {
  return amount * DAY * (unit === 'days' ? 1 : unit === 'months' ? 28 : 365);
}

/**
 * Whether any message may carry a class of its own. Only `retention.assign` with message ids sets one, and it
 * records `class-assigned` with a `messages:` target in the audit log in the same commit; a vault where that never
 * happened has no message-level class, and an expiry needs to read only the conversations whose class expires.
 */
export function mayHaveMessageClasses(catalog: ReadOnlyDatabase): boolean {
  return Boolean(
    one(
      catalog,
      "SELECT 1 FROM audit_log WHERE action = 'class-assigned' AND json_extract(details, '$.target') LIKE 'messages:%' LIMIT 1",
    ),
  );
}

const inList = (ids: readonly number[]): SqlValue => JSON.stringify(ids);

/** Decides from the catalog what a wipe reads. Throws invalid-argument for a selection that names nothing. */
export function planWipe(session: VaultReader, selection: WipeSelection, nowMs: number): WipePlan {
  validateSelection(selection);
  const db = session.catalog;
  const classes = new Map(listClasses(db).map((c) => [c.id, c]));
  const fallback = defaultClassId(db);
  const conversations = new Map(
    all<{
      id: number;
      display_name: string;
      own: number | null;
      contact: number | null;
      is_group: number;
      first: number | null;
      last: number | null;
    }>(
      db,
      `SELECT v.id, v.display_name, v.retention_class_id AS own, c.retention_class_id AS contact, v.is_group,
              v.first_message_time AS first, v.last_message_time AS last
       FROM conversations v LEFT JOIN contacts c ON c.username = v.username`,
    ).map((r) => {
      const classId = r.own ?? (r.is_group ? null : r.contact) ?? fallback;
      return [
        r.id,
        { name: r.display_name, classId: classes.has(classId) ? classId : fallback, first: r.first, last: r.last },
      ];
    }),
  );
  const now = Math.floor(nowMs / 1000);
  const queries: CandidateQuery[] = [];
  if (selection.kind === 'conversation') {
    const conversation = conversations.get(selection.conversationId);
    if (!conversation)
      throw new LocketError('invalid-argument', `There is no conversation ${selection.conversationId}.`);
    const after = selection.after ?? TIME_LOW;
    const before = selection.before ?? TIME_HIGH;
    const known = conversation.first !== null && conversation.last !== null;
    queries.push({
      where: 'conversation_id = ? AND time >= ? AND time < ?',
      params: [selection.conversationId, after, before],
      from: Math.max(after, known ? conversation.first! : TIME_LOW),
      to: Math.min(before - 1, known ? conversation.last! : TIME_HIGH),
    });
  } else if (selection.kind === 'messages') {
    // Ids say nothing of time: every shard is asked, by primary key.
    queries.push({
      where: 'id IN (SELECT value FROM json_each(?))',
      params: [inList([...new Set(selection.messageIds)])],
      from: TIME_LOW,
      to: TIME_HIGH,
    });
  } else {
    // A message can have expired only if its effective class keeps it for a finite time, and only if it is older
    // than that class's shortest keep. Conversations are read by the (conversation_id, time) index, class by class.
    const bounds = new Map<number, number>();
    for (const c of classes.values())
      if (c.keepAmount !== null && c.keepUnit !== null) bounds.set(c.id, now - shortestKeep(c.keepAmount, c.keepUnit));
    const byClass = new Map<number, number[]>();
    for (const [id, c] of conversations) {
      if (!byClass.has(c.classId)) byClass.set(c.classId, []);
      byClass.get(c.classId)!.push(id);
    }
    for (const [classId, bound] of bounds) {
      if (classId === fallback) {
        // Also any conversation the catalog does not list: the default class applies to it.
        const others = [...conversations].filter(([, c]) => c.classId !== fallback).map(([id]) => id);
        queries.push({
          where: 'conversation_id NOT IN (SELECT value FROM json_each(?)) AND time <= ?',
          params: [inList(others), bound],
          from: TIME_LOW,
          to: bound,
        });
        continue;
      }
      const ids = byClass.get(classId);
      if (!ids) continue;
      const ranges = ids.map((id) => conversations.get(id)!);
      const isKnown = ranges.every((c) => c.first !== null && c.last !== null);
      const from = isKnown ? Math.min(...ranges.map((c) => c.first!)) : TIME_LOW;
      const to = Math.min(bound, isKnown ? Math.max(...ranges.map((c) => c.last!)) : TIME_HIGH);
      if (from <= to)
        queries.push({
          where: 'conversation_id IN (SELECT value FROM json_each(?)) AND time <= ?',
          params: [inList(ids), bound],
          from,
          to,
        });
    }
    if (bounds.size && mayHaveMessageClasses(db)) {
      const bound = Math.max(...bounds.values());
      queries.push({
        where: 'retention_class_id IS NOT NULL AND time <= ?',
        params: [bound],
        from: TIME_LOW,
        to: bound,
      });
    }
  }
  const shards = session.listShards().filter((s) => s.messageCount > 0 && queries.some((q) => meets(s, q)));
  return {
    selection,
    evaluatedAt: nowMs,
    now,
    classes,
    fallback,
    conversations,
    holds: activeHolds(db),
    queries,
    shards,
  };
}

/** Whether a shard's range [startTime, endTime) meets a query's times [from, to]. */
function meets(entry: ShardEntry, q: CandidateQuery): boolean {
  return q.from <= q.to && entry.startTime <= q.to && entry.endTime > q.from;
}

/** The query joins the chosen ids (a JSON array) to their messages; each media entry of a payload is one reference. */
const MEDIA_REFERENCES_SQL = `SELECT json_extract(j.value, '$.mediaId') AS media_id
  FROM json_each(?) AS k JOIN messages AS m ON m.id = k.value, json_each(m.payload, '$.media') AS j
  WHERE m.payload IS NOT NULL AND json_extract(j.value, '$.mediaId') IS NOT NULL`;

/**
 * Decides, message by message, what a wipe deletes in one shard: expired under its effective retention class
 * (message, else conversation, else contact for a 1:1 chat, else the vault default) or inside the chosen selection,
 * and in both cases not under any active hold. Adds them to `tally` and returns their ids, with how many each
 * conversation loses here. Synchronous: `db` is used before anything else can load a shard and evict it.
 */
export function collectFromShard(
  plan: WipePlan,
  entry: ShardEntry,
  db: ReadOnlyDatabase,
  tally: WipeTally,
): { ids: number[]; byConversation: Map<number, number> } {
  const ids: number[] = [];
  const byConversation = new Map<number, number>();
  const seen = plan.queries.length > 1 ? new Set<number>() : null;
  for (const q of plan.queries) {
    if (!meets(entry, q)) continue;
    for (const r of all<{ id: number; conversation_id: number; time: number; retention_class_id: number | null }>(
      db,
      `SELECT id, conversation_id, time, retention_class_id FROM messages WHERE ${q.where}`,
      q.params,
    )) {
      if (seen) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
      }
      const classId = r.retention_class_id ?? plan.conversations.get(r.conversation_id)?.classId ?? plan.fallback;
      if (plan.selection.kind === 'expired') {
        const cls = plan.classes.get(classId) ?? plan.classes.get(plan.fallback)!;
        const expiry = expiresAt(r.time, cls.keepAmount, cls.keepUnit as KeepUnit | null);
        // Not `expiry > now`: a time outside what a Date holds gives NaN, and that never expires (as the catalog's
        // counts tell it, wipe-share-from-catalog.ts).
        if (expiry === null || !(expiry <= plan.now)) continue;
      }
      const keeping = holdsCovering(plan.holds, r.conversation_id, r.time);
      if (keeping.length) {
        tally.heldMessages++;
        for (const h of keeping)
          tally.byHold.set(h.id, { hold: h, messages: (tally.byHold.get(h.id)?.messages ?? 0) + 1 });
        continue;
      }
      ids.push(r.id);
      tally.messages++;
      tally.byClass.set(classId, (tally.byClass.get(classId) ?? 0) + 1);
      tally.byConversation.set(r.conversation_id, (tally.byConversation.get(r.conversation_id) ?? 0) + 1);
      byConversation.set(r.conversation_id, (byConversation.get(r.conversation_id) ?? 0) + 1);
      const times = tally.wipedTimes.get(r.conversation_id);
      if (!times) tally.wipedTimes.set(r.conversation_id, { first: r.time, last: r.time });
      else {
        times.first = Math.min(times.first, r.time);
        times.last = Math.max(times.last, r.time);
      }
    }
  }
  if (ids.length) {
    for (const { media_id } of all<{ media_id: string }>(db, MEDIA_REFERENCES_SQL, [inList(ids)])) {
      tally.mediaReferences.set(media_id, (tally.mediaReferences.get(media_id) ?? 0) + 1);
    }
  }
  return { ids, byConversation };
}

/** Media items no message will refer to after the wipe: their files and keys are destroyed. */
export function mediaToDestroy(
  catalog: ReadOnlyDatabase,
  references: ReadonlyMap<string, number>,
): { ids: string[]; bytes: number } {
  const ids: string[] = [];
  let bytes = 0;
  for (const [mediaId, count] of references) {
    const row = one<{ ref_count: number; byte_size: number }>(
      catalog,
      'SELECT ref_count, byte_size FROM media WHERE file_id = ?',
      [mediaId],
    );
    if (row && row.ref_count - count <= 0) {
      ids.push(mediaId);
      bytes += row.byte_size;
    }
  }
  return { ids, bytes };
}

export function previewOf(plan: WipePlan, tally: WipeTally, media: { ids: string[]; bytes: number }): WipePreview {
  return {
    selection: plan.selection,
    evaluatedAt: plan.evaluatedAt,
    messages: tally.messages,
    byClass: [...tally.byClass]
      .map(([classId, n]) => ({ classId, name: plan.classes.get(classId)?.name ?? '?', messages: n }))
      .sort((a, b) => b.messages - a.messages),
    byConversation: [...tally.byConversation]
      .map(([conversationId, n]) => ({
        conversationId,
        displayName: plan.conversations.get(conversationId)?.name ?? String(conversationId),
        messages: n,
        oldest: tally.wipedTimes.get(conversationId)!.first,
        newest: tally.wipedTimes.get(conversationId)!.last,
      }))
      .sort((a, b) => b.messages - a.messages),
    media: { files: media.ids.length, bytes: media.bytes },
    held: {
      messages: tally.heldMessages,
      byHold: [...tally.byHold.values()].map(({ hold, messages: n }) => ({
        holdId: hold.id,
        name: hold.name,
        messages: n,
      })),
    },
  };
}

/**
 * What a wipe would delete, without changing anything. A shard whose share the catalog's per-conversation counts
 * tell (wipe-share-from-catalog.ts: every conversation's messages there wholly inside or outside each cutoff) is
 * counted from them; the others are read one at a time, each by indexed queries for the covered messages only,
 * within the shard cache's budget. The wipe decides with the same code (collectFromShard) on every shard it
 * rewrites, so it deletes exactly what its preview counted, or refuses.
 */
export async function collectWipeSet(
  session: VaultReader,
  selection: WipeSelection,
  nowMs: number,
): Promise<{ preview: WipePreview; shardsRead: number }> {
  const plan = planWipe(session, selection, nowMs);
  const tally = new WipeTally();
  const counts = shardConversationCounts(session.catalog);
  let shardsRead = 0;
  for (const entry of plan.shards) {
    const share = shareFromCatalog(plan, counts.get(entry.fileId));
    if (share) addShare(session.catalog, entry, share, tally);
    else {
      collectFromShard(plan, entry, await session.shard(entry), tally);
      shardsRead++;
    }
  }
  return {
    preview: previewOf(plan, tally, mediaToDestroy(session.catalog, tally.mediaReferences)),
    shardsRead,
  };
}
