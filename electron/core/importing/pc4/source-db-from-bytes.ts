import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { LocketError } from '../../errors';
import { all, loadSqlJs, type Params } from '../../store/sqlite';
import type { SourceDb } from '../open-source-db';

/**
 * A `SourceDb` over a database image built in memory: a database with its WAL merged in (apply-wal.ts). The
 * file itself has already passed `openSourceDb`, which refuses encrypted files; this wrapper keeps the rest of its
 * contract, so damage still becomes `source-damaged` naming the file.
 *
 * It repeats the body of `openSourceDb` because that function takes a path only; an `openSourceDb` that also
 * accepted bytes would make this file unnecessary.
 */
export async function sourceDbFromBytes(bytes: Uint8Array, label: string): Promise<SourceDb> {
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
    sha256: createHash('sha256').update(bytes).digest('hex'),
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
  // Touch the schema now, as openSourceDb does, so damage fails here with the file's name.
  source.tableNames();
  return source;
}

function damaged(label: string, error: unknown): LocketError {
  const detail = error instanceof Error ? error.message : String(error);
  return new LocketError('source-damaged', `${label} (read with its -wal file) in the backup is damaged and cannot be read (${detail}). Nothing was imported from it.`, { file: label }, { cause: error });
}
