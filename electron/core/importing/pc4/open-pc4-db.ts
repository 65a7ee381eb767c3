import { applyWal, type WalIgnoredReason } from '../reader-kit/apply-wal';
import { openSourceDb, type SourceDb } from '../reader-kit/open-source-db';
import { sourceDbFromBytes } from '../reader-kit/open-source-db';
import { readRegularFile } from '../reader-kit/source-files';
import type { Pc4File } from './locate-pc4';

/** What happened to a database's `-wal` file, for the import report (docs/wechat-formats.md §3.2). */
export type WalOutcome =
  | { wal: string; kind: 'applied'; framesApplied: number; framesIgnored: number }
  | { wal: string; kind: 'ignored'; reason: WalIgnoredReason | 'unreadable' };

export interface OpenedPc4Db {
  db: SourceDb;
  /** Null when the database has no `-wal` file beside it. */
  wal: WalOutcome | null;
}

/**
 * Opens a 4.x database the way SQLite would read it: with its committed WAL frames when a plain `-wal` file lies
 * beside it. The main file goes through `openSourceDb` first, so an encrypted or damaged file is refused exactly
 * as everywhere else. A WAL SQLite would ignore (still encrypted, damaged header, nothing committed) is left out
 * and the outcome says why; the database is then read as it is.
 *
 * `inspectBase` sees the database without its WAL before it is closed, so the caller can tell which rows only the
 * WAL holds.
 */
export async function openPc4Db(file: Pc4File, inspectBase?: (base: SourceDb) => void): Promise<OpenedPc4Db> {
  const base = await openSourceDb(file.absPath, file.label);
  if (!file.wal) return { db: base, wal: null };
  let main: Buffer;
  let wal: Buffer;
  try {
    [main, wal] = await Promise.all([readRegularFile(file.absPath), readRegularFile(file.wal.absPath)]);
  } catch {
    // The main file was just read, so this is the WAL: gone or unreadable since the folder was listed.
    return { db: base, wal: { wal: file.wal.label, kind: 'ignored', reason: 'unreadable' } };
  }
  const result = applyWal(main, wal);
  if (result.kind === 'ignored')
    return { db: base, wal: { wal: file.wal.label, kind: 'ignored', reason: result.reason } };
  try {
    inspectBase?.(base);
  } finally {
    base.close();
  }
  return {
    db: await sourceDbFromBytes(result.bytes, file.label),
    wal: {
      wal: file.wal.label,
      kind: 'applied',
      framesApplied: result.framesApplied,
      framesIgnored: result.framesIgnored,
    },
  };
}
