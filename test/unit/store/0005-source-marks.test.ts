import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialCatalog } from '../../../electron/core/db/migrations/0001-initial-catalog';
import { retentionAndAudit } from '../../../electron/core/db/migrations/0002-retention-and-audit';
import { mediaDetails } from '../../../electron/core/db/migrations/0003-media-details';
import { indexBacklog } from '../../../electron/core/db/migrations/0004-index-backlog';
import { sourceMarks } from '../../../electron/core/db/migrations/0005-source-marks';
import { loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0005-source-marks', () => {
  it('adds an empty table of source marks to a vault written before it, keyed by source and file', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialCatalog, retentionAndAudit, mediaDetails, indexBacklog], 'catalog');
    migrate(db, [initialCatalog, retentionAndAudit, mediaDetails, indexBacklog, sourceMarks], 'catalog');
    expect(userVersion(db)).toBe(5);
    expect(one(db, 'SELECT count(*) AS n FROM source_marks')).toEqual({ n: 0 });
    db.run(
      "INSERT INTO source_marks (source, file, size, mtime_ms, quick_hash, sha256, import_id) VALUES ('pc3:/a', 'Msg/Multi/MSG0.db', 1, 2, 'q', 's', 1)",
    );
    expect(one(db, 'SELECT marks, rows FROM source_marks')).toEqual({ marks: '{}', rows: null });
    expect(() =>
      db.run(
        "INSERT INTO source_marks (source, file, size, mtime_ms, quick_hash, sha256, import_id) VALUES ('pc3:/a', 'Msg/Multi/MSG0.db', 1, 2, 'q', 's', 1)",
      ),
    ).toThrow();
    db.close();
  });
});
