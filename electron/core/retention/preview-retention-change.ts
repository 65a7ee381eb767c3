import type { SqlValue } from 'sql.js';
import type { KeepUnit, RetentionChange, RetentionClass, RetentionImpact } from '../../ipc/contract';
import { all } from '../db/sqlite';
import { LocketError } from '../errors';
import type { VaultReader } from '../store/vault-reader';
import {
  collectFromShard,
  mayHaveMessageClasses,
  planWipe,
  shortestKeep,
  WipeTally,
  type WipePlan,
} from './collect-wipe-set';
import { shardConversationCounts, type ShardConversationCount, type ShardCountsLookup } from '../store/shard-counts';
import type { ShardEntry } from '../store/shard-entries';
import { shareFromCatalog } from './wipe-share-from-catalog';

const TIME_LOW = -Number.MAX_SAFE_INTEGER;
const KEEP_UNITS: readonly KeepUnit[] = ['days', 'months', 'years'];

/** Messages a change moves to one class: where they are, and the class whose keep rule they follow afterwards. */
export interface Moved {
  /** A condition on a shard's `messages` table. */
  where: string;
  params: SqlValue[];
  rules: RetentionClass;
  /**
   * The conversations moved whole (their messages without a class of their own are the ones moved, counted from the
   * catalog); null: count the rows in the shards.
   */
  conversationIds: number[] | null;
  /** Only messages with a class of their own are moved: a shard the catalog says has none holds none of them. */
  isOwnClassOnly?: boolean;
}

const inList = (ids: readonly number[]): SqlValue => JSON.stringify(ids);

/** Each conversation's class before the change, and what decides it, read the way planWipe reads them. */
function conversationSources(session: VaultReader) {
  return all<{ id: number; own: number | null; contact: number | null; is_group: number; username: string }>(
    session.catalog,
    `SELECT v.id, v.retention_class_id AS own, c.retention_class_id AS contact, v.is_group, v.username
     FROM conversations v LEFT JOIN contacts c ON c.username = v.username`,
  );
}

function requireKnownClass(plan: WipePlan, classId: unknown): RetentionClass {
  const found = Number.isSafeInteger(classId) ? plan.classes.get(classId as number) : undefined;
  if (!found) throw new LocketError('invalid-argument', `There is no retention class ${String(classId)}.`);
  return found;
}

/** The messages a change moves, grouped by the class they follow afterwards. */
export function movedBy(session: VaultReader, plan: WipePlan, change: RetentionChange): Moved[] {
  if (!change || typeof change !== 'object') throw new LocketError('invalid-argument', 'Say which change to weigh.');
  const sources = conversationSources(session);
  const isClass = (id: number | null): id is number => id !== null && plan.classes.has(id);
  const wholeConversations = (ids: number[], rules: RetentionClass): Moved[] =>
    ids.length
      ? [
          {
            // Messages with a class of their own keep it whatever their chat's class.
            where: 'conversation_id IN (SELECT value FROM json_each(?)) AND retention_class_id IS NULL',
            params: [inList(ids)],
            rules,
            conversationIds: ids,
          },
        ]
      : [];

  if (change.kind === 'default') {
    const rules = requireKnownClass(plan, change.classId);
    if (rules.id === plan.fallback) return [];
    // The chats that follow the default: no class of their own, and (1:1) none from their contact.
    const following = sources
      .filter((s) => !isClass(s.own) && (s.is_group ? true : !isClass(s.contact)))
      .map((s) => s.id);
    return wholeConversations(following, rules);
  }

  if (change.kind === 'class') {
    if (change.id === undefined) return [];
    const existing = requireKnownClass(plan, change.id);
    const isForever = change.keepAmount === null && change.keepUnit === null;
    if (
      !isForever &&
      (!KEEP_UNITS.includes(change.keepUnit as KeepUnit) ||
        !Number.isInteger(change.keepAmount) ||
        (change.keepAmount as number) < 1)
    )
      throw new LocketError(
        'invalid-argument',
        'A keep period is a whole number of days, months or years (or forever).',
      );
    const rules = { ...existing, keepAmount: change.keepAmount, keepUnit: change.keepUnit };
    const following = [...plan.conversations].filter(([, c]) => c.classId === existing.id).map(([id]) => id);
    const moved = wholeConversations(following, rules);
    if (mayHaveMessageClasses(session.catalog))
      moved.push({
        where: 'retention_class_id = ?',
        params: [existing.id],
        rules,
        conversationIds: null,
        isOwnClassOnly: true,
      });
    return moved;
  }

  if (change.kind !== 'assign') throw new LocketError('invalid-argument', 'Unknown kind of retention change.');
  const chosen = change.classId === null ? null : requireKnownClass(plan, change.classId);
  const target = change.target;
  if (target && typeof target === 'object' && 'conversationId' in target) {
    const source = sources.find((s) => s.id === target.conversationId);
    if (!source)
      throw new LocketError('invalid-argument', `There is no conversation ${String(target.conversationId)}.`);
    const after =
      chosen ?? (!source.is_group && isClass(source.contact) ? plan.classes.get(source.contact)! : undefined);
    return wholeConversations([source.id], after ?? plan.classes.get(plan.fallback)!);
  }
  if (target && typeof target === 'object' && 'contact' in target) {
    if (typeof target.contact !== 'string' || !target.contact)
      throw new LocketError('invalid-argument', 'Choose a contact by their WeChat id.');
    // A contact's class reaches their 1:1 chats that have no class of their own.
    const chats = sources.filter((s) => s.username === target.contact && !s.is_group && !isClass(s.own));
    return wholeConversations(
      chats.map((s) => s.id),
      chosen ?? plan.classes.get(plan.fallback)!,
    );
  }
  if (
    target &&
    typeof target === 'object' &&
    'messageIds' in target &&
    Array.isArray(target.messageIds) &&
    target.messageIds.length > 0 &&
    target.messageIds.every(Number.isInteger)
  ) {
    const ids = inList([...new Set(target.messageIds)]);
    if (chosen)
      return [{ where: 'id IN (SELECT value FROM json_each(?))', params: [ids], rules: chosen, conversationIds: null }];
    // Back to their chat's class: one group per class the chats follow.
    const byClass = new Map<number, number[]>();
    for (const [id, c] of plan.conversations) byClass.set(c.classId, [...(byClass.get(c.classId) ?? []), id]);
    return [...byClass].map(([classId, conversations]) => ({
      where: 'id IN (SELECT value FROM json_each(?)) AND conversation_id IN (SELECT value FROM json_each(?))',
      params: [ids, inList(conversations)],
      rules: plan.classes.get(classId)!,
      conversationIds: null,
    }));
  }
  throw new LocketError('invalid-argument', 'Assign a class to a conversation, a contact or messages.');
}

/** The plan with every class replaced by `rules`: each message it reads then expires by those rules alone. */
export function underRules(plan: WipePlan, rules: RetentionClass): WipePlan {
  const classes = new Map([...plan.classes.keys()].map((id) => [id, rules]));
  classes.set(plan.fallback, rules);
  return { ...plan, classes };
}

/**
 * Expiry before and after the change, for the moved chats' messages in one shard, told from the catalog's
 * per-conversation counts (wipe-share-from-catalog.ts), or null when only reading the shard tells (a chat's
 * messages there straddle a cutoff or a hold's edge). Each conversation's messages there are then all expired or
 * none, all held or none, under either rule: exactly what collectFromShard finds row by row. Messages with a class
 * of their own are not moved: they are taken out of the counts, and the times of all the chat's messages there
 * still bound those of the rest.
 */
function expiryFromCatalog(
  before: WipePlan,
  after: WipePlan,
  counts: readonly ShardConversationCount[],
): Pick<RetentionImpact, 'expiredNow' | 'newlyExpired' | 'held'> | null {
  const moved = counts.map((c) => ({ ...c, messages: c.messages - c.classed, classed: 0 }));
  const afterShare = shareFromCatalog(after, moved);
  const beforeShare = afterShare && shareFromCatalog(before, moved);
  if (!afterShare || !beforeShare) return null;
  const expiredBefore = new Set(beforeShare.pieces.filter((p) => !p.holds.length).map((p) => p.conversationId));
  const tally = { expiredNow: 0, newlyExpired: 0, held: 0 };
  for (const p of afterShare.pieces) {
    if (p.holds.length) tally.held += p.messages;
    else {
      tally.expiredNow += p.messages;
      if (!expiredBefore.has(p.conversationId)) tally.newlyExpired += p.messages;
    }
  }
  return tally;
}

/**
 * How many messages of each conversation carry a class of their own (all classes together: those do not follow
 * their chat's), from the catalog's per-shard counts; a shard written before catalog migration 0006 and not counted
 * yet is read. None when no message was ever given a class (the audit log says so), as ownClassCounts decides.
 */
async function ownClassTotals(
  session: VaultReader,
  shards: readonly ShardEntry[],
  perShard: ShardCountsLookup,
): Promise<Map<number, number>> {
  const totals = new Map<number, number>();
  if (!mayHaveMessageClasses(session.catalog)) return totals;
  const add = (id: number, n: number) => n && totals.set(id, (totals.get(id) ?? 0) + n);
  for (const entry of shards) {
    const told = perShard.get(entry.fileId);
    if (told) for (const c of told) add(c.conversationId, c.classed);
    else
      for (const r of all<{ conversation_id: number; n: number }>(
        await session.shard(entry),
        'SELECT conversation_id, count(*) AS n FROM messages WHERE retention_class_id IS NOT NULL GROUP BY conversation_id',
      ))
        add(r.conversation_id, r.n);
  }
  return totals;
}

/**
 * What a retention change would do, counted without making it: which messages change class, and of those which
 * would be expired right after it, as a wipe of expired messages would count them before and after. Chats moved
 * whole are counted from the catalog (their message counts, less those with a class of their own, and per shard
 * each chat's count, oldest and newest time); a shard is read only where the catalog cannot tell (a chat straddles
 * the expiry cutoff or a hold's edge there, or has messages with a class of their own) or when the change moves
 * messages one by one. Such shards are read by the wipe's own code (collectFromShard) on the same rows twice, under
 * the rules as they are and as the change makes them. Equal to previewRetentionChangeByScan, which reads every
 * shard old enough (a test compares both).
 */
export async function previewRetentionChange(
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
  const perShard = shardConversationCounts(session.catalog);
  const shards = session.listShards().filter((s) => s.messageCount > 0);
  // A shard the catalog counted with no message of a class of its own cannot hold one.
  const mayHoldOwnClass = (entry: ShardEntry) => perShard.get(entry.fileId)?.some((c) => c.classed > 0) ?? true;
  let own: Map<number, number> | undefined;
  for (const moved of movedBy(session, plan, change)) {
    if (moved.conversationIds) {
      own ??= await ownClassTotals(session, shards, perShard);
      // A conversation without messages is not listed anywhere in the app: it is not counted either.
      for (const id of moved.conversationIds) {
        const following = Math.max(0, (counts.get(id) ?? 0) - (own.get(id) ?? 0));
        if (!following) continue;
        conversations.add(id);
        impact.messages += following;
      }
    } else {
      // Messages chosen one by one (or carrying a class of their own): counted where they are.
      for (const entry of shards) {
        if (moved.isOwnClassOnly && !mayHoldOwnClass(entry)) continue;
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
    const movedChats = moved.conversationIds ? new Set(moved.conversationIds) : null;
    for (const entry of shards) {
      if (entry.startTime > bound) continue;
      if (moved.isOwnClassOnly && !mayHoldOwnClass(entry)) continue;
      const shardCounts = perShard.get(entry.fileId);
      if (movedChats && shardCounts) {
        const told = expiryFromCatalog(
          before,
          after,
          shardCounts.filter((c) => movedChats.has(c.conversationId)),
        );
        if (told) {
          impact.expiredNow += told.expiredNow;
          impact.newlyExpired += told.newlyExpired;
          impact.held += told.held;
          continue;
        }
      }
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
