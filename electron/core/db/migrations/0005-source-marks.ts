import type { Migration } from '../migrate';

/**
 * What an import read of each source file (issue 19, incremental import), so importing the same backup again reads
 * only what is new. One row per source file: `source` is the source's format and absolute path
 * (`pc3:/backups/wxid_a`), `file` its path relative to the source root. `size`, `mtime_ms` and `quick_hash` (SHA-256
 * of the size, the first and the last MiB, and the same of a `-wal` file beside it) tell a file unchanged without
 * reading it all; `sha256` is the full hash from when it was last read, kept as its provenance. `marks` is JSON,
 * `{ "<table>": { "high": <highest local id read>, "count": <rows at or below it> } }`, for readers that can resume a
 * table past its mark; `rows` is how many message rows the file held when read (NULL when the reader did not say).
 * Nothing else depends on this table: deleting its rows only makes the next import read everything again.
 */
export const sourceMarks: Migration = {
  version: 5,
  name: '0005-source-marks',
  up(db) {
    db.exec(`
      CREATE TABLE source_marks (
        source TEXT NOT NULL,
        file TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        quick_hash TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        marks TEXT NOT NULL DEFAULT '{}',
        rows INTEGER,
        import_id INTEGER NOT NULL,
        PRIMARY KEY (source, file)
      ) STRICT;
    `);
  },
};
