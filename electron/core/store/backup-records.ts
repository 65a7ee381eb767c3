import type { Database } from 'sql.js';
import type { BackupSummary } from '../../ipc/contract';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every backup folder the vault recorded, newest backup first, with the wipes each still holds data of. */
export function listBackups(db: ReadOnlyDatabase): BackupSummary[] {
  const pending = all<{ backup_id: number; wipe_sequence: number; wiped_at: number }>(
    db,
    'SELECT backup_id, wipe_sequence, wiped_at FROM backup_pending_wipes ORDER BY wipe_sequence',
  );
  return all<{ id: number; path: string; made_at: number; generation: number; bytes: number; files: number }>(
    db,
    'SELECT id, path, made_at, generation, bytes, files FROM backups ORDER BY made_at DESC, id DESC',
  ).map((r) => ({
    id: r.id,
    path: r.path,
    madeAt: r.made_at,
    generation: r.generation,
    bytes: r.bytes,
    files: r.files,
    pendingWipes: pending
      .filter((p) => p.backup_id === r.id)
      .map((p) => ({ auditSequence: p.wipe_sequence, wipedAt: p.wiped_at })),
  }));
}

/** The backup folders that still hold data a wipe destroyed (until their next backup). */
export function backupsHoldingWipedData(db: ReadOnlyDatabase): BackupSummary[] {
  return listBackups(db).filter((b) => b.pendingWipes.length > 0);
}

/**
 * Called in a wipe's write, before its commit: every recorded backup folder was made before this wipe, so each now
 * holds data the wipe destroys. `wipeGeneration` is the generation the wipe commits as. Returns those folders.
 */
export function markBackupsHoldingWipe(
  db: Database,
  wipeSequence: number,
  wipeGeneration: number,
  wipedAt: number,
): BackupSummary[] {
  run(
    db,
    'INSERT OR IGNORE INTO backup_pending_wipes (backup_id, wipe_sequence, wipe_generation, wiped_at) SELECT id, ?, ?, ? FROM backups WHERE generation < ?',
    [wipeSequence, wipeGeneration, wipedAt, wipeGeneration],
  );
  return backupsHoldingWipedData(db).filter((b) => b.pendingWipes.some((p) => p.auditSequence === wipeSequence));
}

export interface CompletedBackup {
  path: string;
  madeAt: number;
  generation: number;
  bytes: number;
  files: number;
}

/**
 * Records a completed backup of `generation` in `path`. The wipes committed at or before that generation are no
 * longer in the folder: their pending rows go, and their audit sequences are returned (for the audit entry).
 */
export function recordBackup(db: Database, backup: CompletedBackup): { id: number; wipesCleared: number[] } {
  run(
    db,
    'INSERT INTO backups (path, made_at, generation, bytes, files) VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET made_at = excluded.made_at, generation = excluded.generation, bytes = excluded.bytes, files = excluded.files',
    [backup.path, backup.madeAt, backup.generation, backup.bytes, backup.files],
  );
  const id = one<{ id: number }>(db, 'SELECT id FROM backups WHERE path = ?', [backup.path])!.id;
  const cleared = all<{ wipe_sequence: number }>(
    db,
    'SELECT wipe_sequence FROM backup_pending_wipes WHERE backup_id = ? AND wipe_generation <= ? ORDER BY wipe_sequence',
    [id, backup.generation],
  ).map((r) => r.wipe_sequence);
  run(db, 'DELETE FROM backup_pending_wipes WHERE backup_id = ? AND wipe_generation <= ?', [id, backup.generation]);
  return { id, wipesCleared: cleared };
}

/** Whether the reminder is due: on (`days` > 0) and that many days since the last backup, or since creation. */
export function isBackupReminderDue(
  lastBackupAt: number | null,
  createdAt: number,
  days: number,
  now: number,
): boolean {
  if (!(days > 0)) return false;
  return now - (lastBackupAt ?? createdAt) >= days * DAY_MS;
}
