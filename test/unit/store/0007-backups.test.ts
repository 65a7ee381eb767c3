import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { backups } from '../../../electron/core/db/migrations/0007-backups';
import { loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';
import {
  isBackupReminderDue,
  listBackups,
  markBackupsHoldingWipe,
  recordBackup,
} from '../../../electron/core/store/backup-records';

describe('catalog migration 0007-backups', () => {
  it('adds empty backup tables to a vault written before it; a backup clears only the wipes it postdates', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    const before = catalogMigrations.slice(0, catalogMigrations.indexOf(backups));
    migrate(db, before, 'catalog');
    migrate(db, catalogMigrations.slice(0, catalogMigrations.indexOf(backups) + 1), 'catalog');
    expect(userVersion(db)).toBe(backups.version);
    expect(one(db, 'SELECT count(*) AS n FROM backups')).toEqual({ n: 0 });

    const made = { path: '/backups/a', madeAt: 1000, generation: 5, bytes: 10, files: 3 };
    expect(recordBackup(db, made)).toEqual({ id: 1, wipesCleared: [] });
    // Wipes at generations 7 and 9; a backup of generation 8 clears the first only.
    expect(markBackupsHoldingWipe(db, 11, 7, 2000).map((b) => b.path)).toEqual(['/backups/a']);
    markBackupsHoldingWipe(db, 12, 9, 3000);
    expect(recordBackup(db, { ...made, madeAt: 4000, generation: 8 })).toEqual({ id: 1, wipesCleared: [11] });
    expect(listBackups(db)).toEqual([
      {
        id: 1,
        path: '/backups/a',
        madeAt: 4000,
        generation: 8,
        bytes: 10,
        files: 3,
        pendingWipes: [{ auditSequence: 12, wipedAt: 3000 }],
      },
    ]);
    db.close();
  });
});

describe('the backup reminder', () => {
  it('is due once the chosen number of days passed since the last backup, or since creation, and never when off', () => {
    const day = 24 * 60 * 60 * 1000;
    expect(isBackupReminderDue(null, 0, 7, 7 * day - 1)).toBe(false);
    expect(isBackupReminderDue(null, 0, 7, 7 * day)).toBe(true);
    expect(isBackupReminderDue(10 * day, 0, 7, 12 * day)).toBe(false);
    expect(isBackupReminderDue(10 * day, 0, 1, 12 * day)).toBe(true);
    expect(isBackupReminderDue(null, 0, 0, 1000 * day)).toBe(false);
  });
});
