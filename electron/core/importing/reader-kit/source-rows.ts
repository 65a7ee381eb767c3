import type { SqlValue, Statement } from 'sql.js';
import { LocketError } from '../../errors';
import type { Params } from '../../db/sqlite';
import type { SourceDb } from './open-source-db';

export type SourceRow = Record<string, SqlValue>;

/**
 * Steps through a query one row at a time, so a large MSGn.db is never copied into a JS array. A failing step
 * (a truncated or damaged page) becomes `source-damaged` naming the file, like `SourceDb.all`. Breaking out of
 * the loop frees the statement.
 */
export function* iterateRows(source: SourceDb, sql: string, params: Params = []): Generator<SourceRow> {
  let stmt: Statement;
  try {
    stmt = source.db.prepare(sql);
    stmt.bind(params);
  } catch (error) {
    throw damagedSource(source.label, error);
  }
  try {
    // Named once: `getAsObject` would ask SQLite for every column's name again on every row.
    const columns = stmt.getColumnNames();
    for (;;) {
      let values: SqlValue[];
      try {
        if (!stmt.step()) return;
        values = stmt.get();
      } catch (error) {
        throw damagedSource(source.label, error);
      }
      const row: SourceRow = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i]!;
      yield row;
    }
  } finally {
    stmt.free();
  }
}

/**
 * A select list naming each wanted column; a column this file lacks (older or newer WeChat builds) is selected as
 * NULL so callers can always address columns by name (docs/wechat-formats.md §9). `expressions` overrides a present
 * column's expression, e.g. to read a 64-bit id as text. Names match whatever their case, as SQLite matches them
 * (OpenIMMsg.db's `ChatCRMsg` spells `strTalker` and `type` where `MSG` has `StrTalker` and `Type`); each column
 * comes back under the wanted spelling.
 */
export function selectList(
  present: readonly string[],
  wanted: readonly string[],
  expressions: Record<string, string> = {},
): string {
  const have = new Set(present.map((column) => column.toLowerCase()));
  return wanted
    .map((column) =>
      have.has(column.toLowerCase()) ? `${expressions[column] ?? `"${column}"`} AS "${column}"` : `NULL AS "${column}"`,
    )
    .join(', ');
}

/** The table of `names` the database has, in the spelling it has it (SQLite matches table names whatever their case). */
export function findTable(tableNames: readonly string[], names: readonly string[]): string | null {
  for (const name of names) {
    const found = tableNames.find((t) => t.toLowerCase() === name.toLowerCase());
    if (found) return found;
  }
  return null;
}

/**
 * An integer column read without losing precision: JS numbers hold integers exactly only up to 2^53, so larger
 * values come back as decimal text (§7 item 12).
 */
export function exactInteger(column: string): string {
  const c = `"${column}"`;
  return `CASE WHEN typeof(${c}) = 'integer' AND (${c} > 9007199254740991 OR ${c} < -9007199254740991) THEN CAST(${c} AS TEXT) ELSE ${c} END`;
}

export function damagedSource(label: string, error: unknown): LocketError {
  const detail = error instanceof Error ? error.message : String(error);
  return new LocketError(
    'source-damaged',
    `${label} in the backup is damaged and cannot be read (${detail}). Nothing was imported from it.`,
    { file: label },
    { cause: error },
  );
}

export function text(value: SqlValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return Buffer.from(value).toString('utf8');
}

/** A text column where WeChat writes '' for "none". */
export function nonEmpty(value: SqlValue | undefined): string | null {
  const t = text(value);
  return t ? t : null;
}

export function integer(value: SqlValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

export function blob(value: SqlValue | undefined): Uint8Array | null {
  return value instanceof Uint8Array && value.length > 0 ? value : null;
}
