import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** sql.js, initialised once per thread. In Node it finds sql-wasm.wasm beside its own JS. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/**
 * A database that may only be read: a `Database` is assignable to it, but it has none of the `Database` methods, so
 * `.exec`, `.run`, `.prepare` and `.export` on it, or passing it to `run`, `transaction` or `setSetting`, do not
 * compile. Read it through `all`, `one`, `prepareQuery`, `readSetting` and `userVersion`. It is a type only: the
 * value is the same sql.js `Database` at run time, with no wrapper and no copy. Readers (`VaultReader`) hand out this
 * type; only a `VaultWriter` hands out a writable `Database`, inside `VaultSession.write`, where the change commits.
 */
export type ReadOnlyDatabase = object & { readonly __readOnlyDatabase?: never };

export type Row = Record<string, SqlValue>;
export type Params = SqlValue[] | Record<string, SqlValue>;

/**
 * A prepared query, for a caller that steps through its rows and may stop early; the caller frees it. Like `all`, it
 * takes a read-only database: give it a SELECT (the type cannot check the SQL text).
 */
export function prepareQuery(db: Database | ReadOnlyDatabase, sql: string): Statement {
  return (db as Database).prepare(sql);
}

/** All rows of a query as objects. Integers beyond 2^53 must be selected as TEXT by the caller. */
export function all<T = Row>(db: Database | ReadOnlyDatabase, sql: string, params: Params = []): T[] {
  const stmt = prepareQuery(db, sql);
  try {
    stmt.bind(params);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

export function one<T = Row>(db: Database | ReadOnlyDatabase, sql: string, params: Params = []): T | undefined {
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

export function userVersion(db: Database | ReadOnlyDatabase): number {
  return Number((db as Database).exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}

/**
 * sql.js keeps each database as a file in Emscripten's in-memory file system; every page and journal write goes
 * through it. A rollback journal in SQLite's own memory and a larger page cache cut those calls by most of their
 * cost. Nothing here weakens durability: the database is persisted only by encrypting its export. secure_delete
 * zeroes the bytes of deleted rows, so a wiped message leaves nothing in free pages. sql.js resets pragmas on
 * export, so this runs after every export too.
 */
export function tuneInMemoryDatabase(db: Database): Database {
  db.exec(
    'PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA secure_delete = ON;',
  );
  return db;
}

/**
 * VACUUM of a database tuned by `tuneInMemoryDatabase`, without a rollback journal: VACUUM copies the rebuilt
 * database back over the old one, and the journal would keep a copy of every old page on the way (measured: 41 ms
 * instead of 73 for a 10 MiB shard). Nothing needs it: a VACUUM that fails part way leaves a database only in memory,
 * which the failed write drops (a shard reloads from its file). secure_delete stays on, so the rebuilt pages hold
 * nothing of deleted rows.
 */
export function vacuumInMemory(db: Database): void {
  db.exec('PRAGMA journal_mode = OFF; VACUUM; PRAGMA journal_mode = MEMORY;');
}

/** Sets one catalog setting (JSON-encoded). */
export function setSetting(db: Database, key: string, value: unknown): void {
  run(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
    key,
    JSON.stringify(value),
  ]);
}

/** One catalog setting, or `fallback` when it was never set. */
export function readSetting<T>(db: Database | ReadOnlyDatabase, key: string, fallback: T): T {
  const row = one<{ value: string }>(db, 'SELECT value FROM settings WHERE key = ?', [key]);
  return row ? (JSON.parse(row.value) as T) : fallback;
}
