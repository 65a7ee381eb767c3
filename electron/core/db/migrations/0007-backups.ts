import type { Migration } from '../migrate';

/**
 * Backups of the vault (issue 22). `backups` has one row per backup folder: `path` is the folder as the person
 * named it (absolute), `made_at` (Unix ms) and `generation` are those of its last completed backup (the catalog
 * generation the folder holds), `bytes` and `files` what the folder held after it. `backup_pending_wipes` lists, per
 * backup folder, the wipes it still holds data of: a wipe adds a row for every backup folder (each was made before
 * it), keyed by the audit sequence of the wipe's entry and the generation the wipe committed; a backup of generation
 * G removes the rows whose `wipe_generation` is at most G (FORMAT.md, "Backups").
 */
export const backups: Migration = {
  version: 7,
  name: '0007-backups',
  up(db) {
    db.exec(`
      CREATE TABLE backups (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        made_at INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        files INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE backup_pending_wipes (
        backup_id INTEGER NOT NULL REFERENCES backups(id) ON DELETE CASCADE,
        wipe_sequence INTEGER NOT NULL,
        wipe_generation INTEGER NOT NULL,
        wiped_at INTEGER NOT NULL,
        PRIMARY KEY (backup_id, wipe_sequence)
      ) STRICT;
    `);
  },
};
