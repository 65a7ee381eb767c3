import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { transaction, userVersion, vacuumInMemory } from './sqlite';

export interface Migration {
  /** Equals the migration's position: the first is 1. Never reused, never reordered. */
  version: number;
  name: string;
  /**
   * Drops most of what the database held: once the migrations are applied it is vacuumed, so its export (and every
   * later commit of it) leaves out the freed pages instead of carrying them zeroed, and `wasCompactedByMigration`
   * tells the session to commit the result at once rather than convert again at every unlock.
   */
  isCompacting?: boolean;
  up(db: Database): void;
}

/** Applies the migrations a database has not seen yet, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[], label: string): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = userVersion(db);
  if (current > migrations.length) {
    throw new LocketError(
      'unsupported-version',
      `The ${label} was written by a newer Locket (schema ${current}; this one knows ${migrations.length}). Update Locket to open it.`,
      { schema: current },
    );
  }
  const pending = migrations.slice(current);
  for (const m of pending) {
    transaction(db, () => {
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
    });
  }
  if (pending.some((m) => m.isCompacting)) {
    vacuumInMemory(db);
    compactedByMigration.add(db);
  }
}

const compactedByMigration = new WeakSet<Database>();

/** Whether a migration that compacts (`Migration.isCompacting`) ran on this database since it was loaded. */
export function wasCompactedByMigration(db: Database): boolean {
  return compactedByMigration.has(db);
}
