import { expect } from 'vitest';
import { all } from '../../electron/core/db/sqlite';
import { shardConversationCounts, shardMediaReferences } from '../../electron/core/store/shard-counts';
import type { VaultReader } from '../../electron/core/store/vault-reader';

/** The shards whose counts in the catalog list messages of a conversation. */
export function shardsCounting(session: VaultReader, conversationId: number): Set<string> {
  const counts = shardConversationCounts(session.catalog);
  return new Set(
    session
      .listShards()
      .filter((s) => counts.get(s.fileId)?.some((c) => c.conversationId === conversationId))
      .map((s) => s.fileId),
  );
}

/**
 * Checks the catalog's per-shard counts (shard_counts, catalog migration 0009; first kept by 0006) against every
 * shard's own messages, decrypted, and that no count is left for a shard the directory no longer lists.
 */
export async function expectCountsMatchShards(session: VaultReader): Promise<void> {
  const counts = shardConversationCounts(session.catalog);
  for (const entry of session.listShards()) {
    const db = await session.shard(entry);
    const expected = all<{ conversationId: number; messages: number; oldest: number; newest: number; classed: number }>(
      db,
      `SELECT conversation_id AS conversationId, count(*) AS messages, min(time) AS oldest, max(time) AS newest,
              count(retention_class_id) AS classed
       FROM messages GROUP BY conversation_id ORDER BY conversation_id`,
    );
    // A shard without messages keeps no counts: the lookup answers as for a shard not counted.
    expect(counts.get(entry.fileId) ?? []).toEqual(expected);
    const byKey = (a: { conversationId: number; mediaId: string }, b: { conversationId: number; mediaId: string }) =>
      a.conversationId - b.conversationId || a.mediaId.localeCompare(b.mediaId);
    expect(shardMediaReferences(session.catalog, entry.fileId).sort(byKey)).toEqual(
      all<{ conversationId: number; mediaId: string; refs: number }>(
        db,
        `SELECT m.conversation_id AS conversationId, json_extract(j.value, '$.mediaId') AS mediaId, count(*) AS refs
         FROM messages AS m, json_each(m.payload, '$.media') AS j
         WHERE m.payload IS NOT NULL AND json_extract(j.value, '$.mediaId') IS NOT NULL
         GROUP BY 1, 2`,
      ).sort(byKey),
    );
  }
  expect(
    all(session.catalog, 'SELECT shard_id FROM shard_counts WHERE shard_id NOT IN (SELECT file_id FROM shards)'),
  ).toEqual([]);
}
