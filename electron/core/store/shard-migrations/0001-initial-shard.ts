import type { Migration } from '../../db/migrate';

/**
 * A shard's messages (FORMAT.md, "Shards"). `id` is vault-wide and stable across shard splits;
 * `source_id` keeps WeChat's 64-bit id as TEXT so it never passes through a JS number.
 */
export const initialShard: Migration = {
  version: 1,
  name: '0001-initial-shard',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        source_id TEXT,
        sender TEXT,
        is_sent INTEGER NOT NULL,
        time INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        payload TEXT,
        raw ANY,
        media_id TEXT,
        retention_class_id INTEGER,
        import_id INTEGER
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages(conversation_id, time, id);
      CREATE INDEX messages_by_time ON messages(time);
    `);
  },
};
