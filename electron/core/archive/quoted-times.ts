import type { MessageView } from '../../ipc/contract';
import { plausibleTimeOrUndefined } from '../../common/message-time';
import { all, type ReadOnlyDatabase } from '../db/sqlite';

/** How far back a quoted message is looked for: WeChat quotes recent messages; the range keeps the scan indexed. */
const LOOK_BACK_SECONDS = 90 * 86_400;

/**
 * Gives each quote on a page the time of the message it quotes (WeChat shows it under the quote). The quote's own
 * payload has it when the source carried it (`refermsg/createtime`, QuotedMessage.time); otherwise it is found by
 * server id in the same chat. Only the shards the page was already read from are searched, so no other shard is
 * decrypted for it; a quoted message outside them, wiped or never imported gets no time. The scan uses the
 * (conversation, time) index over the quotes' own time span.
 */
export async function addQuotedTimes<Shard>(
  messages: MessageView[],
  shards: readonly Shard[],
  /**
   * Opens a shard for the lookup, from the cache if it is still there. Each is queried before the next is asked for: a
   * page spread over more shards than the cache holds would otherwise query a database the cache already closed.
   */
  open: (shard: Shard) => Promise<ReadOnlyDatabase> | ReadOnlyDatabase,
): Promise<void> {
  const quotes = new Map<number, { sourceIds: Set<string>; from: number; to: number }>();
  for (const m of messages) {
    if (m.kind !== 'quote') continue;
    // Stored JSON: a vault written by hand or damaged may hold anything there, and the page formats it as a date.
    const ownTime = plausibleTimeOrUndefined(m.payload.quoted?.time);
    if (ownTime !== undefined) {
      m.quotedTime = ownTime;
      continue;
    }
    const sourceId = m.payload.quoted?.sourceId;
    if (typeof sourceId !== 'string' || sourceId === '') continue;
    const entry = quotes.get(m.conversationId) ?? { sourceIds: new Set<string>(), from: m.time, to: m.time };
    entry.sourceIds.add(sourceId);
    entry.from = Math.min(entry.from, m.time);
    entry.to = Math.max(entry.to, m.time);
    quotes.set(m.conversationId, entry);
  }
  if (quotes.size === 0) return;
  const found = new Map<string, number>();
  for (const entry of shards) {
    const db = await open(entry);
    for (const [conversationId, { sourceIds, from, to }] of quotes) {
      // SQLite takes at most 999 parameters a statement: a page of 5,000 messages may quote more.
      for (let at = 0; at < sourceIds.size; at += 500) {
        const ids = [...sourceIds].slice(at, at + 500);
        findIn(db, conversationId, from, to, ids, found);
      }
    }
  }
  for (const m of messages) {
    if (m.kind !== 'quote' || m.quotedTime !== undefined) continue;
    const time = found.get(`${m.conversationId}:${String(m.payload.quoted?.sourceId)}`);
    if (time !== undefined) m.quotedTime = time;
  }
}

function findIn(
  db: ReadOnlyDatabase,
  conversationId: number,
  from: number,
  to: number,
  ids: string[],
  found: Map<string, number>,
): void {
  const marks = ids.map(() => '?').join(', ');
  for (const row of all<{ source_id: string; time: number }>(
    db,
    `SELECT source_id, time FROM messages
       WHERE conversation_id = ? AND time >= ? AND time <= ? AND source_id IN (${marks})`,
    [conversationId, from - LOOK_BACK_SECONDS, to, ...ids],
  )) {
    found.set(`${conversationId}:${row.source_id}`, row.time);
  }
}
