import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialCatalog } from '../../../electron/core/db/migrations/0001-initial-catalog';
import { retentionAndAudit } from '../../../electron/core/db/migrations/0002-retention-and-audit';
import { mediaDetails } from '../../../electron/core/db/migrations/0003-media-details';
import { all, loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0003-media-details', () => {
  it('adds a file name and a details column to media, keeping the rows already there', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialCatalog, retentionAndAudit], 'catalog');
    db.run(
      "INSERT INTO media (file_id, content_hash, wrapped_key, byte_size, mime, ref_count, written_at) VALUES ('a', 'h', x'00', 3, 'image/png', 1, 0)",
    );
    migrate(db, [initialCatalog, retentionAndAudit, mediaDetails], 'catalog');
    expect(userVersion(db)).toBe(3);
    expect(all<{ name: string }>(db, 'SELECT name FROM pragma_table_info(?)', ['media']).map((c) => c.name)).toEqual([
      'file_id',
      'content_hash',
      'wrapped_key',
      'byte_size',
      'mime',
      'ref_count',
      'written_at',
      'file_name',
      'details',
    ]);
    expect(one(db, 'SELECT file_id, file_name, details FROM media')).toEqual({
      file_id: 'a',
      file_name: null,
      details: null,
    });
    db.close();
  });
});
