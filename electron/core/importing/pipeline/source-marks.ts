import type { Database } from 'sql.js';
import { isAbsolute, join } from 'node:path';
import { all, run, type ReadOnlyDatabase } from '../../db/sqlite';
import type { FileMark, PreviousRead, SourceFormat, TableMark } from '../model';
import { quickHash } from '../reader-kit/source-marks';

/**
 * How the catalog names a source in `source_marks`: its format and the absolute path chosen, and the account chosen
 * in a source that holds several (two accounts of one iPhone backup share files, but not what was read of them).
 */
export function sourceKey(format: SourceFormat, path: string, account?: string): string {
  return account ? `${format}:${path}#${account}` : `${format}:${path}`;
}

/**
 * What earlier imports read of the source, with each file checked now: unchanged when its size, modification time
 * and quick hash are as recorded (reader-kit/source-marks.ts). Null when nothing was recorded.
 */
export async function previousRead(
  catalog: ReadOnlyDatabase,
  format: SourceFormat,
  root: string,
  account?: string,
): Promise<PreviousRead | null> {
  const rows = all<{
    file: string;
    size: number;
    mtime_ms: number;
    quick_hash: string;
    sha256: string;
    marks: string;
    rows: number | null;
  }>(catalog, 'SELECT file, size, mtime_ms, quick_hash, sha256, marks, rows FROM source_marks WHERE source = ?', [
    sourceKey(format, root, account),
  ]);
  if (rows.length === 0) return null;
  const files: Record<string, FileMark> = {};
  for (const row of rows) {
    const now = await quickHash(isAbsolute(row.file) ? row.file : join(root, row.file)).catch(() => null);
    files[row.file] = {
      size: row.size,
      mtimeMs: row.mtime_ms,
      quickHash: row.quick_hash,
      sha256: row.sha256,
      marks: JSON.parse(row.marks) as Record<string, TableMark>,
      rows: row.rows,
      unchanged:
        now !== null && now.size === row.size && now.mtimeMs === row.mtime_ms && now.quickHash === row.quick_hash,
    };
  }
  return { files };
}

/** Records what this import read of one file (or kept of an unchanged one), replacing what was recorded. */
export function saveFileMark(
  catalog: Database,
  key: string,
  file: string,
  mark: Omit<FileMark, 'unchanged'>,
  importId: number,
): void {
  run(
    catalog,
    `INSERT INTO source_marks (source, file, size, mtime_ms, quick_hash, sha256, marks, rows, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(source, file) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
       quick_hash = excluded.quick_hash, sha256 = excluded.sha256, marks = excluded.marks, rows = excluded.rows,
       import_id = excluded.import_id`,
    [key, file, mark.size, mark.mtimeMs, mark.quickHash, mark.sha256, JSON.stringify(mark.marks), mark.rows, importId],
  );
}
