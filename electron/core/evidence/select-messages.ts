import type { MessageView } from '../../ipc/contract';
import { MessageViews } from '../archive/message-views';
import { LocketError } from '../errors';
import { all } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import type { ExportScope } from './export-request';
import { shardConversationCounts } from '../store/shard-counts';
import { locateChosenMessages } from './chosen-messages';
import { conversationMessages } from './conversation-messages';
import { matchesFilters } from './scope-filters';
import { collectSearchHits, readHitsInOrder, type HitRef } from './search-hits';

/** The messages an export covers, in the order the transcript shows them: conversation by conversation, oldest first. */
export interface MessageSelection {
  /** How many messages will come, when known before reading them. */
  total: number | null;
  messages(signal: AbortSignal): AsyncGenerator<MessageView>;
}

/**
 * Chooses the messages: whole conversations page by page (never more than a page in memory), or a search's results
 * or a selection of messages, whose positions are gathered first (ids and times only) so they can be read back in
 * conversation order.
 */
export async function selectMessages(
  session: VaultReader,
  scope: ExportScope,
  /** Stops the search a search's export runs first, even while it waits for a shard. */
  signal?: AbortSignal,
): Promise<MessageSelection> {
  const known = new Map(
    all<{ id: number; message_count: number; first: number | null; last: number | null }>(
      session.catalog,
      'SELECT id, message_count, first_message_time AS first, last_message_time AS last FROM conversations',
    ).map((r) => [r.id, r]),
  );
  for (const id of scope.conversationIds)
    if (!known.has(id)) throw new LocketError('invalid-argument', `There is no conversation ${id} in this vault.`);

  const isUnfiltered =
    scope.after === null && scope.before === null && scope.kinds.length === 0 && scope.senders.length === 0;
  // One for the whole export, so each sender's name is looked up in the catalog once.
  const views = new MessageViews(session.catalog);
  // Search hits already passed the filters; chosen messages pass them as they are read.
  if (scope.query)
    return readInOrder(
      session,
      views,
      await collectSearchHits(session, views, scope, signal),
      (hits) => hits.length,
      () => true,
    );
  if (scope.messageIds.length)
    return readInOrder(
      session,
      views,
      await locateChosenMessages(session, scope),
      (hits) => (isUnfiltered ? hits.length : null),
      (m) => matchesFilters(scope, m),
    );

  return {
    total: isUnfiltered
      ? scope.conversationIds.reduce((sum, id) => sum + (known.get(id)?.message_count ?? 0), 0)
      : null,
    async *messages(signal) {
      const counts = shardConversationCounts(session.catalog);
      for (const conversationId of scope.conversationIds) {
        // Read within the conversation's own time range (the catalog keeps it): shards outside it are never decrypted.
        const { first, last } = known.get(conversationId)!;
        const after = Math.max(scope.after ?? -Infinity, first ?? -Infinity, -Number.MAX_SAFE_INTEGER);
        const before = Math.min(scope.before ?? Infinity, last === null ? Infinity : last + 1, Number.MAX_SAFE_INTEGER);
        if (after >= before) continue;
        for await (const m of conversationMessages(session, views, counts, conversationId, after, before, signal))
          if (matchesFilters(scope, m)) yield m;
      }
    },
  };
}

function readInOrder(
  session: VaultReader,
  views: MessageViews,
  hits: HitRef[],
  total: (hits: HitRef[]) => number | null,
  keep: (m: MessageView) => boolean,
): MessageSelection {
  return {
    total: total(hits),
    async *messages(signal) {
      for await (const m of readHitsInOrder(session, views, hits, signal)) if (keep(m)) yield m;
    },
  };
}
