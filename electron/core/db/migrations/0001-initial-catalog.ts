import type { Migration } from '../migrate';

/** The catalog as vault format v1 starts it (FORMAT.md, "Catalog"). */
export const initialCatalog: Migration = {
  version: 1,
  name: '0001-initial-catalog',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE keys (
        name TEXT PRIMARY KEY,
        public_key BLOB NOT NULL,
        wrapped_secret BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE shards (
        file_id TEXT PRIMARY KEY,
        start_time INTEGER NOT NULL,
        end_time INTEGER NOT NULL,
        message_count INTEGER NOT NULL,
        byte_size INTEGER NOT NULL,
        wrapped_key BLOB NOT NULL,
        written_at INTEGER NOT NULL,
        CHECK (start_time < end_time)
      ) STRICT;
      CREATE UNIQUE INDEX shards_by_start ON shards(start_time);

      CREATE TABLE media (
        file_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        wrapped_key BLOB NOT NULL,
        byte_size INTEGER NOT NULL,
        mime TEXT,
        ref_count INTEGER NOT NULL DEFAULT 0,
        written_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE contacts (
        username TEXT PRIMARY KEY,
        alias TEXT,
        nickname TEXT,
        remark TEXT,
        avatar_url TEXT,
        retention_class_id INTEGER REFERENCES retention_classes(id)
      ) STRICT;

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        is_group INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0,
        first_message_time INTEGER,
        last_message_time INTEGER,
        last_message_preview TEXT,
        retention_class_id INTEGER REFERENCES retention_classes(id)
      ) STRICT;

      CREATE TABLE group_members (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
        username TEXT NOT NULL,
        group_nickname TEXT,
        PRIMARY KEY (conversation_id, username)
      ) STRICT;

      CREATE TABLE retention_classes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        keep_amount INTEGER,
        keep_unit TEXT CHECK (keep_unit IN ('days', 'months', 'years') OR keep_unit IS NULL),
        color TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE holds (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        reason TEXT NOT NULL,
        placed_by TEXT NOT NULL,
        placed_at INTEGER NOT NULL,
        released_at INTEGER,
        released_by TEXT,
        scope TEXT NOT NULL
      ) STRICT;

      CREATE TABLE import_log (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        source_format TEXT NOT NULL,
        source_path TEXT NOT NULL,
        reader_version TEXT NOT NULL,
        source_files TEXT NOT NULL DEFAULT '[]',
        report TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sequence INTEGER NOT NULL,
        entry_hash BLOB NOT NULL
      ) STRICT;
    `);
  },
};
