import type { Database } from 'sql.js';
import type { Migration } from '../migrate';
import { packShardCounts, type ShardConversationCount, type ShardMediaReference } from '../shard-counts-codec';

/**
 * The per-shard counts of migration 0006, one row per shard instead of one per shard and conversation (issue 19): at
 * 10M messages over 2,000 chats that each reach all 560 shards, `shard_conversations` held 1.1M rows, about 120 bytes
 * each with its primary key, in a catalog that every commit (a tag, a hold) exports, deflates and encrypts whole and
 * every unlock loads whole. `shard_counts` keeps each shard's counts packed (db/shard-counts-codec.ts, FORMAT.md
 * "Packed shard counts"), about nine bytes per conversation, and a reader unpacks the one shard it needs.
 *
 * The rows are converted as they are. A shard whose rows cannot be packed (values out of the format's range, a media
 * reference without its conversation) gets no row: it is not counted, so the session counts it again from the shard
 * after unlock, as it counts a shard written before migration 0006. The dropped tables' pages are vacuumed away, and
 * the session commits the converted catalog right after the unlock that converted it (vault-session.ts).
 */
export const packedShardCounts: Migration = {
  version: 9,
  name: '0009-packed-shard-counts',
  isCompacting: true,
  up(db) {
    db.exec(`
      CREATE TABLE shard_counts (
        shard_id TEXT PRIMARY KEY NOT NULL,
        messages INTEGER NOT NULL,
        conversation_ids BLOB NOT NULL,
        conversation_counts BLOB NOT NULL,
        media_refs BLOB NOT NULL
      ) STRICT;
    `);
    const media = mediaByShard(db);
    const insert = db.prepare(
      'INSERT INTO shard_counts (shard_id, messages, conversation_ids, conversation_counts, media_refs) VALUES (?, ?, ?, ?, ?)',
    );
    const rows = db.prepare(
      'SELECT shard_id, conversation_id, messages, oldest, newest, classed FROM shard_conversations ORDER BY shard_id, conversation_id',
    );
    try {
      let shardId: string | null = null;
      let counts: ShardConversationCount[] = [];
      const flush = () => {
        const packed = shardId === null ? null : packShardCounts(counts, media.get(shardId) ?? []);
        const messages = counts.reduce((n, c) => n + c.messages, 0);
        if (packed)
          insert.run([shardId, messages, packed.conversationIds, packed.conversationCounts, packed.mediaRefs]);
      };
      while (rows.step()) {
        const [shard, conversationId, messages, oldest, newest, classed] = rows.get() as [
          string,
          number,
          number,
          number,
          number,
          number,
        ];
        if (shard !== shardId) {
          flush();
          shardId = shard;
          counts = [];
        }
        counts.push({ conversationId, messages, oldest, newest, classed });
      }
      flush();
    } finally {
      rows.free();
      insert.free();
    }
    db.exec('DROP TABLE shard_conversations; DROP TABLE shard_media;');
  },
};

/** `shard_media`'s rows by shard: one per media item kept, far fewer than the conversation rows. */
function mediaByShard(db: Database): Map<string, ShardMediaReference[]> {
  const byShard = new Map<string, ShardMediaReference[]>();
  const rows = db.prepare('SELECT shard_id, conversation_id, media_id, refs FROM shard_media');
  try {
    while (rows.step()) {
      const [shardId, conversationId, mediaId, refs] = rows.get() as [string, number, string, number];
      let list = byShard.get(shardId);
      if (!list) byShard.set(shardId, (list = []));
      list.push({ conversationId, mediaId: String(mediaId), refs });
    }
  } finally {
    rows.free();
  }
  return byShard;
}
