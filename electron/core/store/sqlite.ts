import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** sql.js, initialised once per thread. In Node it finds sql-wasm.wasm beside its own JS. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

export type Row = Record<string, SqlValue>;
export type Params = SqlValue[] | Record<string, SqlValue>;

/** All rows of a query as objects. Integers beyond 2^53 must be selected as TEXT by the caller. */
export function all<T = Row>(db: Database, sql: string, params: Params = []): T[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

export function one<T = Row>(db: Database, sql: string, params: Params = []): T | undefined {
  return all<T>(db, sql, params)[0];
}

export function run(db: Database, sql: string, params: Params = []): void {
  db.run(sql, params);
}

/** Runs `fn` in a transaction; a throw rolls every statement back. */
export function transaction<T>(db: Database, fn: () => T): T {
  db.exec('BEGIN');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export function userVersion(db: Database): number {
  return Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}
