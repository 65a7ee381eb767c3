import type { MessageKind, MessageView } from '../../ipc/contract';
import { all } from '../db/sqlite';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import { everyMatch } from '../search/run-search';
import type { VaultReader } from '../store/vault-reader';
import type { ExportScope } from './export-request';
import { EXPORT_CANCELLED, matchesFilters, throwIfCancelled } from './scope-filters';

/** Where a search result is: enough to read it back, a few dozen bytes each, and the row when it is kept. */
export interface HitRef {
  conversationId: number;
  time: number;
  id: number;
  /** The message's row as the search read it, kept (within KEPT_ROW_BYTES) so its shard need not be read again. */
  row?: MessageRow;
}

/**
 * Bytes of rows a search's hits keep while the rest are found. The search decrypts every shard that may hold a
 * match; reading the rows back afterwards decrypted most of them a second time (all but the few the shard cache
 * still held), which cost as much as the search. Tens of thousands of text messages fit well within this; hits past
 * it are read back a window at a time, as before.
 */
const KEPT_ROW_BYTES = 64 * 1024 * 1024;

/**
 * Every result of the export's search that passes its other filters, in transcript order: conversations in the
 * order asked for (else by their first result), then oldest first. Search pages come newest first.
 */
export async function collectSearchHits(
  session: VaultReader,
  views: MessageViews,
  scope: ExportScope,
  signal?: AbortSignal,
  keptRowBytes = KEPT_ROW_BYTES,
): Promise<HitRef[]> {
  const wanted = new Set(scope.conversationIds);
  const hits: HitRef[] = [];
  let kept = 0;
  for await (const rows of everyMatch(session, scope.query!, {
    conversationId: scope.conversationIds.length === 1 ? scope.conversationIds[0] : undefined,
    cancel: signal && { signal, message: EXPORT_CANCELLED },
  }))
    for (const r of rows) {
      if (wanted.size && !wanted.has(r.conversation_id)) continue;
      // The sender is compared only when senders are chosen: then the view names the owner of their own messages.
      const m = scope.senders.length ? views.view(r) : { kind: r.kind as MessageKind, sender: r.sender, time: r.time };
      if (!matchesFilters(scope, m)) continue;
      const hit: HitRef = { conversationId: r.conversation_id, time: r.time, id: r.id };
      const bytes = rowBytes(r);
      if (kept + bytes <= keptRowBytes) {
        hit.row = r;
        kept += bytes;
      }
      hits.push(hit);
    }
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

/** Bytes of decrypted rows a window of hits may hold in memory while it is read back in transcript order. */
const WINDOW_BYTES = 32 * 1024 * 1024;
const FIRST_WINDOW = 20_000;
const MIN_WINDOW = 500;
/** Ids per statement: well under SQLite's bound-parameter limit. */
const IDS_PER_QUERY = 900;

/**
 * The messages of the hits, in the hits' (transcript) order. Transcript order jumps from shard to shard (each
 * conversation starts again from its oldest), so reading it a page at a time visited every shard for every page and,
 * with more shards than the cache holds, decrypted each shard again and again. Instead the hits are read a window at
 * a time: each shard the window touches is opened once, its rows kept (not views: a row is smaller), and the window
 * is then given out in order. A window is sized from the rows of the one before so that it holds about
 * WINDOW_BYTES, whatever the length of the messages; tens of thousands of text messages take a window or two.
 * A message wiped between the search and now is simply not exported.
 */
export async function* readHitsInOrder(
  session: VaultReader,
  views: MessageViews,
  hits: readonly HitRef[],
  signal: AbortSignal,
): AsyncGenerator<MessageView> {
  let size = FIRST_WINDOW;
  for (let at = 0; at < hits.length;) {
    throwIfCancelled(signal);
    const window = hits.slice(at, at + size);
    at += window.length;
    const rows = await readRows(
      session,
      window.filter((h) => !h.row),
      signal,
    );
    let bytes = 0;
    for (const row of rows.values()) bytes += rowBytes(row);
    if (rows.size) size = Math.max(MIN_WINDOW, Math.floor(WINDOW_BYTES / (bytes / rows.size)));
    for (const h of window) {
      const row = h.row ?? rows.get(h.id);
      if (!row) continue;
      // Let the row go once given out, so what is held shrinks as the writers consume it.
      h.row = undefined;
      rows.delete(h.id);
      yield views.view(row);
    }
  }
}

/** The rows of a window of hits, each shard that holds some of them visited once, in time order. */
async function readRows(
  session: VaultReader,
  window: readonly HitRef[],
  signal: AbortSignal,
): Promise<Map<number, MessageRow>> {
  const byTime = [...window].sort((a, b) => a.time - b.time);
  const rows = new Map<number, MessageRow>();
  if (!byTime.length) return rows;
  let from = 0;
  for (const entry of session.listShards()) {
    while (from < byTime.length && byTime[from]!.time < entry.startTime) from++;
    let to = from;
    while (to < byTime.length && byTime[to]!.time < entry.endTime) to++;
    if (to === from) continue;
    throwIfCancelled(signal);
    const db = await session.shard(entry);
    for (let at = from; at < to; at += IDS_PER_QUERY) {
      const ids = byTime.slice(at, Math.min(to, at + IDS_PER_QUERY)).map((h) => h.id);
      for (const row of all<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      ))
        rows.set(row.id, row);
    }
    from = to;
  }
  return rows;
}

/** About what a row costs in memory: its strings (two bytes a character) and the object around them. */
function rowBytes(row: MessageRow): number {
  return (
    2 * (row.text.length + (row.payload?.length ?? 0) + (row.sender?.length ?? 0) + (row.source_id?.length ?? 0)) + 120
  );
}
