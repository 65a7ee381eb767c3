import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { LocketError } from '../../errors';
import { all, loadSqlJs, type Params } from '../../db/sqlite';
import { readRegularFile } from './source-files';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether bytes start as a plain SQLite database does: a WeChat database still encrypted does not. */
export function hasSqliteHeader(bytes: Uint8Array): boolean {
  return (
    bytes.length >= SQLITE_MAGIC.length &&
    Buffer.from(bytes.buffer, bytes.byteOffset, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)
  );
}

export interface SourceDb {
  db: Database;
  /** Path relative to the import root, for messages and the report. */
  label: string;
  sha256: string;
  byteSize: number;
  /** Runs a query; a damaged database becomes `source-damaged` naming the file. */
  all<T>(sql: string, params?: Params): T[];
  tableNames(): string[];
  columnNames(table: string): string[];
  close(): void;
}

/**
 * Opens a database file from a backup, read into memory (one file at a time, so memory is bounded by the
 * largest single source file). A file without the SQLite header is still encrypted by WeChat (or not a
 * database): refused with `source-encrypted`, never decrypted (docs/wechat-formats.md §2.2).
 */
export async function openSourceDb(absPath: string, label: string): Promise<SourceDb> {
  let bytes: Buffer;
  try {
    // A FIFO or device named like a database would block the read for ever: only regular files are read.
    bytes = await readRegularFile(absPath);
  } catch (error) {
    throw new LocketError(
      'source-damaged',
      `Could not read ${label} from the backup (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      { file: label },
    );
  }
  if (bytes.length < 100 || !hasSqliteHeader(bytes)) {
    if (bytes.length === 0) throw new LocketError('source-damaged', `${label} is empty.`, { file: label });
    throw new LocketError(
      'source-encrypted',
      `${label} is not a readable database: it is still encrypted by WeChat, or not a database at all. ` +
        'Locket imports only unencrypted copies (for example a decrypted database or an unencrypted iPhone backup); it never decrypts WeChat data.',
      { file: label },
    );
  }
  return sourceDbFromBytes(bytes, label);
}

/**
 * A `SourceDb` over database bytes already checked to be plain SQLite: a file read by `openSourceDb`, or a database
 * image with its WAL merged in (apply-wal.ts). Damage becomes `source-damaged` naming the file.
 */
export async function sourceDbFromBytes(bytes: Uint8Array, label: string): Promise<SourceDb> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw damaged(label, error);
  }
  const source: SourceDb = {
    db,
    label,
    sha256,
    byteSize: bytes.length,
    all<T>(sql: string, params: Params = []): T[] {
      try {
        return all<T>(db, sql, params);
      } catch (error) {
        throw damaged(label, error);
      }
    },
    tableNames() {
      return source.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name);
    },
    columnNames(table: string) {
      return source.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', [table]).map((r) => r.name);
    },
    close() {
      db.close();
    },
  };
  // Touch the schema now so a truncated file fails here, with its name, rather than mid-import.
  source.tableNames();
  return source;
}

function damaged(label: string, error: unknown): LocketError {
  const detail = error instanceof Error ? error.message : String(error);
  return new LocketError(
    'source-damaged',
    `${label} in the backup is damaged and cannot be read (${detail}). Nothing was imported from it.`,
    { file: label },
    { cause: error },
  );
}
