import type { MessageView, SearchCursor } from '../../ipc/contract';
import { all } from '../db/sqlite';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import { MAX_SEARCH_LIMIT, runSearch } from '../search/run-search';
import type { VaultReader } from '../store/vault-reader';
import type { ExportScope } from './export-request';
import { matchesFilters } from './scope-filters';

/** Where a search result is: enough to read it back, a few dozen bytes each. */
export interface HitRef {
  conversationId: number;
  time: number;
  id: number;
}

/**
 * Every result of the export's search that passes its other filters, in transcript order: conversations in the
 * order asked for (else by their first result), then oldest first. Search pages come newest first.
 */
export async function collectSearchHits(session: VaultReader, scope: ExportScope): Promise<HitRef[]> {
  const wanted = new Set(scope.conversationIds);
  const hits: HitRef[] = [];
  let cursor: SearchCursor | undefined;
  do {
    const page = await runSearch(session, scope.query!, {
      conversationId: scope.conversationIds.length === 1 ? scope.conversationIds[0] : undefined,
      limit: MAX_SEARCH_LIMIT,
      cursor,
    });
    for (const { message: m } of page.results) {
      if (wanted.size && !wanted.has(m.conversationId)) continue;
      if (matchesFilters(scope, m)) hits.push({ conversationId: m.conversationId, time: m.time, id: m.id });
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return inTranscriptOrder(hits, scope.conversationIds);
}

/**
 * Conversations in the order asked for (else by their first message here), then oldest first: the order a
 * transcript reads in, whatever order the messages were found in.
 */
export function inTranscriptOrder(hits: HitRef[], conversationIds: readonly number[]): HitRef[] {
  const rank = new Map<number, number>();
  conversationIds.forEach((id, i) => rank.set(id, i));
  if (!conversationIds.length) {
    const first = new Map<number, number>();
    for (const h of hits) first.set(h.conversationId, Math.min(first.get(h.conversationId) ?? Infinity, h.time));
    [...first].sort((a, b) => a[1] - b[1] || a[0] - b[0]).forEach(([id], i) => rank.set(id, i));
  }
  return hits.sort(
    (a, b) => rank.get(a.conversationId)! - rank.get(b.conversationId)! || a.time - b.time || a.id - b.id,
  );
}

/** The messages of a batch of hits, in the batch's order, read from the shards that hold them. */
export async function readMessagesById(session: VaultReader, batch: readonly HitRef[]): Promise<MessageView[]> {
  const views = new MessageViews(session.catalog);
  const byId = new Map<number, MessageView>();
  for (const entry of session.listShards()) {
    const ids = batch.filter((h) => h.time >= entry.startTime && h.time < entry.endTime).map((h) => h.id);
    if (!ids.length) continue;
    const db = await session.shard(entry);
    for (const row of all<MessageRow>(
      db,
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    ))
      byId.set(row.id, views.view(row));
  }
  // A message wiped between the search and now is simply not exported.
  return batch.map((h) => byId.get(h.id)).filter((m): m is MessageView => m !== undefined);
}
