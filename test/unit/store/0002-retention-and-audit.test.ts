import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialCatalog } from '../../../electron/core/db/migrations/0001-initial-catalog';
import { retentionAndAudit } from '../../../electron/core/db/migrations/0002-retention-and-audit';
import { all, loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0002-retention-and-audit', () => {
  it('seeds the default retention classes, makes "Keep forever" the default, and adds the audit tables', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialCatalog], 'catalog');
    migrate(db, [initialCatalog, retentionAndAudit], 'catalog');
    expect(userVersion(db)).toBe(2);
    expect(all(db, 'SELECT name, keep_amount, keep_unit FROM retention_classes ORDER BY id')).toEqual([
      { name: 'Keep forever', keep_amount: null, keep_unit: null },
      { name: 'Business records', keep_amount: 7, keep_unit: 'years' },
      { name: 'Personal', keep_amount: 1, keep_unit: 'years' },
      { name: 'Transient', keep_amount: 30, keep_unit: 'days' },
    ]);
    const defaultId = JSON.parse(
      one<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'defaultRetentionClassId'")!.value,
    );
    expect(one(db, 'SELECT name FROM retention_classes WHERE id = ?', [defaultId])).toEqual({ name: 'Keep forever' });
    expect(
      all<{ name: string }>(db, 'SELECT name FROM pragma_table_info(?)', ['audit_log']).map((c) => c.name),
    ).toEqual(['sequence', 'time', 'action', 'details', 'previous_hash', 'entry_hash']);
    expect(() =>
      db.run("INSERT INTO retention_classes (name, keep_amount, keep_unit, color) VALUES ('Bad', 3, 'weeks', '#000')"),
    ).toThrow(/CHECK/);
    db.close();
  });
});
