import type { Database } from 'sql.js';
import { shardConversationCounts, shardMediaReferences } from '../../electron/core/store/shard-counts';
import type { ShardEntry } from '../../electron/core/store/shard-entries';

/**
 * Rewrites a catalog, inside a write, as Locket 0.2.0 kept it (schema 8): the per-shard counts as the rows of catalog
 * migration 0006 (the same counts, unpacked) instead of 0009's packed rows, and no record of shard formats (0010).
 * The next unlock converts it again: what the tests and the catalog bench of that conversion start from.
 */
export function writeCatalogAsVersion8(catalog: Database, shards: readonly ShardEntry[]): void {
  catalog.exec(`
    CREATE TABLE shard_conversations (shard_id TEXT NOT NULL, conversation_id INTEGER NOT NULL,
      messages INTEGER NOT NULL, oldest INTEGER NOT NULL, newest INTEGER NOT NULL, classed INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (shard_id, conversation_id)) STRICT;
    CREATE TABLE shard_media (shard_id TEXT NOT NULL, conversation_id INTEGER NOT NULL, media_id TEXT NOT NULL,
      refs INTEGER NOT NULL, PRIMARY KEY (shard_id, conversation_id, media_id)) STRICT;`);
  const counts = shardConversationCounts(catalog);
  const conversation = catalog.prepare('INSERT INTO shard_conversations VALUES (?, ?, ?, ?, ?, ?)');
  const media = catalog.prepare('INSERT INTO shard_media VALUES (?, ?, ?, ?)');
  try {
    for (const s of shards) {
      for (const c of counts.get(s.fileId) ?? [])
        conversation.run([s.fileId, c.conversationId, c.messages, c.oldest, c.newest, c.classed]);
      for (const m of shardMediaReferences(catalog, s.fileId))
        media.run([s.fileId, m.conversationId, m.mediaId, m.refs]);
    }
  } finally {
    conversation.free();
    media.free();
  }
  catalog.exec('DROP TABLE shard_counts; ALTER TABLE shards DROP COLUMN shard_version; PRAGMA user_version = 8');
}
