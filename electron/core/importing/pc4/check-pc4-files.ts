import { promises as fs } from 'node:fs';
import { LocketError } from '../../errors';
import { databasePageSize, scanWal } from '../reader-kit/apply-wal';
import { hasSqliteHeader, openSourceDb } from '../reader-kit/open-source-db';
import { openRegularFile, readRegularFile } from '../reader-kit/source-files';
import type { Pc4File } from './locate-pc4';
import type { WalOutcome } from './open-pc4-db';

const HEADER_BYTES = 100;

/**
 * Checks a database before anything is read, from its first 100 bytes only: a file that is not plain SQLite goes
 * to `openSourceDb`, which refuses it with the `source-encrypted` (or `source-damaged`) error every importer uses
 * (docs/wechat-formats.md §3.2). When a `-wal` file lies beside it, says what SQLite would take from it, reading the
 * WAL but not the database.
 */
export async function checkPc4File(file: Pc4File): Promise<WalOutcome | null> {
  const header = await readHeader(file);
  if (header.length < HEADER_BYTES || !hasSqliteHeader(header)) {
    const db = await openSourceDb(file.absPath, file.label);
    db.close();
  }
  if (!file.wal) return null;
  let wal: Buffer;
  try {
    wal = await readRegularFile(file.wal.absPath);
  } catch {
    return { wal: file.wal.label, kind: 'ignored', reason: 'unreadable' };
  }
  const scan = scanWal(wal, databasePageSize(header));
  if (scan.kind === 'ignored') return { wal: file.wal.label, kind: 'ignored', reason: scan.reason };
  return {
    wal: file.wal.label,
    kind: 'applied',
    framesApplied: scan.committedFrames,
    framesIgnored: scan.framesIgnored,
  };
}

async function readHeader(file: Pc4File): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await openRegularFile(file.absPath);
  } catch (error) {
    throw new LocketError(
      'source-damaged',
      `Could not read ${file.label} from the backup.`,
      { file: file.label },
      { cause: error },
    );
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return header.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
