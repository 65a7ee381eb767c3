import type { MessageView } from '../../ipc/contract';
import { MESSAGE_COLUMNS, type MessageViews, type MessageRow } from '../archive/message-views';
import { all } from '../db/sqlite';
import type { ShardCountsLookup } from '../store/shard-counts';
import type { VaultReader } from '../store/vault-reader';
import { throwIfCancelled } from './scope-filters';

/** Rows read from a shard at a time: never more of a long chat than this in memory. */
const PAGE = 2000;

/**
 * Every message of one conversation within [after, before), oldest first. Only shards that hold some of the chat
 * are decrypted: those the catalog counts messages of it in (shard_conversations, kept with every shard write), and
 * those it has no counts for yet (written before catalog migration 0006). Each shard is read through its
 * (conversation, time, id) index a page at a time, where browsing's listMessages, which takes any conversation or
 * none, walked the time index past every other chat's messages of the same days.
 */
export async function* conversationMessages(
  session: VaultReader,
  views: MessageViews,
  /** The catalog's per-shard counts (shardConversationCounts), read once for the whole export. */
  counts: ShardCountsLookup,
  conversationId: number,
  after: number,
  before: number,
  signal: AbortSignal,
): AsyncGenerator<MessageView> {
  for (const entry of session.listShards()) {
    if (entry.messageCount === 0 || entry.endTime <= after || entry.startTime >= before) continue;
    const counted = counts.get(entry.fileId);
    if (counted && !counted.some((c) => c.conversationId === conversationId && c.messages > 0)) continue;
    let cursor = { time: after, id: -1 };
    for (;;) {
      throwIfCancelled(signal);
      // Fetched again for every page: between pages the shard may have left the cache for another reader's.
      const db = await session.shard(entry);
      const rows = all<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages
         WHERE conversation_id = ?1 AND time < ?2 AND (time > ?3 OR (time = ?3 AND id > ?4))
         ORDER BY time, id LIMIT ?5`,
        [conversationId, before, cursor.time, cursor.id, PAGE],
      );
      for (const row of rows) yield views.view(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      cursor = { time: last.time, id: last.id };
    }
  }
}
