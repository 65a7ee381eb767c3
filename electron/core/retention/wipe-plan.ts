import type { SqlValue } from 'sql.js';
import type { Hold, RetentionClass, WipeSelection } from '../../ipc/contract';
import type { ShardEntry } from '../store/shard-entries';

export interface ConversationRules {
  name: string;
  classId: number;
  /** The catalog's range of the conversation's messages (null: it has none, or it is not known). */
  first: number | null;
  last: number | null;
}

/** Rows of a shard that the selection may cover, found by an index; `from`/`to` bound their times (to inclusive). */
export interface CandidateQuery {
  where: string;
  params: SqlValue[];
  from: number;
  to: number;
}

/**
 * What a wipe decides from the catalog alone, before reading any shard: the rules (classes, holds, each
 * conversation's class), the queries that find the messages the selection can cover, and the shards worth reading
 * (those whose time range meets one of the queries'), in time order.
 */
export interface WipePlan {
  selection: WipeSelection;
  evaluatedAt: number;
  now: number;
  classes: Map<number, RetentionClass>;
  fallback: number;
  conversations: Map<number, ConversationRules>;
  holds: Hold[];
  queries: CandidateQuery[];
  shards: ShardEntry[];
}

/** The preview's figures, added to shard by shard; also the media references the wiped messages hold. */
export class WipeTally {
  messages = 0;
  heldMessages = 0;
  readonly byClass = new Map<number, number>();
  readonly byConversation = new Map<number, number>();
  readonly byHold = new Map<number, { hold: Hold; messages: number }>();
  /** The oldest and newest time wiped, per conversation. */
  readonly wipedTimes = new Map<number, { first: number; last: number }>();
  /** How many references to each media item the wiped messages hold. */
  readonly mediaReferences = new Map<string, number>();
}
