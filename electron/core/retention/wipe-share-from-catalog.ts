import type { Hold, KeepUnit } from '../../ipc/contract';
import type { ReadOnlyDatabase } from '../db/sqlite';
import { shardMediaReferences, type ShardConversationCount } from '../store/shard-counts';
import type { ShardEntry } from '../store/shard-entries';
import type { WipePlan, WipeTally } from './wipe-plan';

const DAY = 86_400;
/** The earliest second a JS Date represents: before it expiresAt answers NaN, which never counts as expired. */
const DATE_MIN = -8_640_000_000_000;

/**
 * The times of one conversation a selection covers: every time in [from, sureBefore) is covered, none at or after
 * maybeBefore; between the two (a calendar keep period near a month's end, where expiresAt is not monotonic) only
 * reading each message tells.
 */
interface Window {
  from: number;
  sureBefore: number;
  maybeBefore: number;
}

/** A piece of one shard's share: `messages` of a conversation, all wiped (no holds) or all kept by `holds`. */
interface SharePiece {
  conversationId: number;
  classId: number;
  messages: number;
  oldest: number;
  newest: number;
  holds: Hold[];
}

/** What a selection covers in one shard, told from the catalog's counts alone. */
export interface ShardShare {
  pieces: SharePiece[];
  /** How many of its messages the wipe deletes. */
  wiped: number;
}

const longestKeep = (amount: number, unit: KeepUnit) =>
  amount * DAY * (unit === 'days' ? 1 : unit === 'months' ? 31 : 366);
const shortestKeep = (amount: number, unit: KeepUnit) =>
  amount * DAY * (unit === 'days' ? 1 : unit === 'months' ? 28 : 365);

/** The class a conversation's messages have when they carry none of their own (as collectFromShard decides). */
function classOf(plan: WipePlan, conversationId: number): number {
  return plan.conversations.get(conversationId)?.classId ?? plan.fallback;
}

function windowOf(plan: WipePlan, conversationId: number): Window | null {
  const selection = plan.selection;
  if (selection.kind === 'conversation') {
    if (conversationId !== selection.conversationId) return null;
    const before = selection.before ?? Infinity;
    return { from: selection.after ?? -Infinity, sureBefore: before, maybeBefore: before };
  }
  if (selection.kind !== 'expired') return null;
  const cls = plan.classes.get(classOf(plan, conversationId)) ?? plan.classes.get(plan.fallback)!;
  if (cls.keepAmount === null || cls.keepUnit === null) return null;
  // Expired: expiresAt(time) <= now. A message at most the longest keep old has surely expired; one younger than the
  // shortest keep has not (for days both are the same: the window is exact).
  return {
    from: DATE_MIN,
    sureBefore: plan.now - longestKeep(cls.keepAmount, cls.keepUnit) + 1,
    maybeBefore: plan.now - shortestKeep(cls.keepAmount, cls.keepUnit) + 1,
  };
}

/** Whether every time in [oldest, newest] is in [from, before), none is, or some may be (null: read the shard). */
function relation(oldest: number, newest: number, from: number, before: number): 'all' | 'none' | null {
  if (newest < from || oldest >= before) return 'none';
  if (oldest >= from && newest < before) return 'all';
  return null;
}

/**
 * What the selection covers in a shard, from the catalog's per-conversation counts (store/shard-counts.ts), or null
 * when only reading the shard tells: its counts are missing (written before catalog migration 0006), the selection
 * names message ids, or some conversation's messages there straddle a cutoff (the selection's or a hold's) or carry
 * classes of their own that the selection depends on. Exact where it answers: the per-message decision
 * (collectFromShard) would find the same.
 */
export function shareFromCatalog(
  plan: WipePlan,
  counts: readonly ShardConversationCount[] | undefined,
): ShardShare | null {
  if (!counts || plan.selection.kind === 'messages') return null;
  const pieces: SharePiece[] = [];
  let wiped = 0;
  for (const c of counts) {
    const window = windowOf(plan, c.conversationId);
    // A message's own class decides its expiry and the class it is counted under.
    if (c.classed > 0 && (plan.selection.kind === 'expired' || window)) return null;
    if (!window) continue;
    const sure = relation(c.oldest, c.newest, window.from, window.sureBefore);
    const maybe = relation(c.oldest, c.newest, window.from, window.maybeBefore);
    if (maybe === 'none') continue;
    if (sure !== 'all') return null;
    const holds: Hold[] = [];
    for (const h of plan.holds) {
      if (!h.scope.conversationIds.includes(c.conversationId)) continue;
      const kept = relation(c.oldest, c.newest, h.scope.from ?? -Infinity, h.scope.to ?? Infinity);
      if (kept === null) return null;
      if (kept === 'all') holds.push(h);
    }
    pieces.push({ ...c, classId: classOf(plan, c.conversationId), holds });
    if (!holds.length) wiped += c.messages;
  }
  return { pieces, wiped };
}

/** Adds a shard's share told from the catalog to the tally, as collectFromShard adds what it reads. */
export function addShare(catalog: ReadOnlyDatabase, entry: ShardEntry, share: ShardShare, tally: WipeTally): void {
  const wiped = new Set<number>();
  for (const p of share.pieces) {
    if (p.holds.length) {
      tally.heldMessages += p.messages;
      for (const h of p.holds)
        tally.byHold.set(h.id, { hold: h, messages: (tally.byHold.get(h.id)?.messages ?? 0) + p.messages });
      continue;
    }
    tally.messages += p.messages;
    tally.byClass.set(p.classId, (tally.byClass.get(p.classId) ?? 0) + p.messages);
    tally.byConversation.set(p.conversationId, (tally.byConversation.get(p.conversationId) ?? 0) + p.messages);
    const times = tally.wipedTimes.get(p.conversationId);
    if (!times) tally.wipedTimes.set(p.conversationId, { first: p.oldest, last: p.newest });
    else {
      times.first = Math.min(times.first, p.oldest);
      times.last = Math.max(times.last, p.newest);
    }
    wiped.add(p.conversationId);
  }
  // One query per shard, not per conversation: an expiry can wipe from thousands of chats.
  if (wiped.size)
    for (const { conversationId, mediaId, refs } of shardMediaReferences(catalog, entry.fileId))
      if (wiped.has(conversationId))
        tally.mediaReferences.set(mediaId, (tally.mediaReferences.get(mediaId) ?? 0) + refs);
}
