import { expect } from 'vitest';
import { all, one } from '../../electron/core/db/sqlite';
import type { VaultReader } from '../../electron/core/store/vault-reader';

/**
 * Checks the catalog's per-shard counts (shard_conversations, shard_media; catalog migration 0006) against every
 * shard's own messages, decrypted, and that no count is left for a shard the directory no longer lists.
 */
export async function expectCountsMatchShards(session: VaultReader): Promise<void> {
  for (const entry of session.listShards()) {
    const db = await session.shard(entry);
    expect(
      all(
        session.catalog,
        'SELECT conversation_id, messages, oldest, newest, classed FROM shard_conversations WHERE shard_id = ? ORDER BY conversation_id',
        [entry.fileId],
      ),
    ).toEqual(
      all(
        db,
        `SELECT conversation_id, count(*) AS messages, min(time) AS oldest, max(time) AS newest,
                count(retention_class_id) AS classed
         FROM messages GROUP BY conversation_id ORDER BY conversation_id`,
      ),
    );
    expect(
      all(
        session.catalog,
        'SELECT conversation_id, media_id, refs FROM shard_media WHERE shard_id = ? ORDER BY conversation_id, media_id',
        [entry.fileId],
      ),
    ).toEqual(
      all(
        db,
        `SELECT m.conversation_id, json_extract(j.value, '$.mediaId') AS media_id, count(*) AS refs
         FROM messages AS m, json_each(m.payload, '$.media') AS j
         WHERE m.payload IS NOT NULL AND json_extract(j.value, '$.mediaId') IS NOT NULL
         GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
    );
  }
  for (const table of ['shard_conversations', 'shard_media'])
    expect(
      one(session.catalog, `SELECT count(*) AS n FROM ${table} WHERE shard_id NOT IN (SELECT file_id FROM shards)`),
    ).toEqual({ n: 0 });
}
