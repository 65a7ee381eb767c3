import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { initialCatalog } from '../../../electron/core/db/migrations/0001-initial-catalog';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { all, loadSqlJs, userVersion } from '../../../electron/core/db/sqlite';
import { LocketError } from '../../../electron/core/errors';

describe('catalog migration 0001-initial-catalog', () => {
  it('creates the catalog tables and sets user_version to 1', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, [initialCatalog], 'catalog');
    expect(userVersion(db)).toBe(1);
    const tables = all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(
      (r) => r.name,
    );
    expect(tables).toEqual([
      'audit_head',
      'contacts',
      'conversations',
      'group_members',
      'holds',
      'import_log',
      'keys',
      'media',
      'retention_classes',
      'settings',
      'shards',
    ]);
    // Shard ranges must be well-formed.
    expect(() => db.run("INSERT INTO shards VALUES ('x', 10, 10, 0, 0, x'', 0)")).toThrow(/CHECK/);
    db.close();
  });

  it('is the first catalog migration, and a newer catalog is refused', async () => {
    expect(catalogMigrations[0]).toBe(initialCatalog);
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(`PRAGMA user_version = ${catalogMigrations.length + 1}`);
    expect(() => migrate(db, catalogMigrations, 'catalog')).toThrow(LocketError);
    db.close();
  });
});
