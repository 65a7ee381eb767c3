import type { SqlValue } from 'sql.js';
import { LocketError } from '../../errors';
import type { SourceDb } from '../reader-kit/open-source-db';

/** `Chat_<md5(username)>` (docs/wechat-formats.md §5.3); `ChatExt2_…` and other look-alikes do not match. */
const CHAT_TABLE = /^Chat_([0-9a-f]{32})$/;

/** A chat table row as selected: MesSvrID as decimal text, because it can exceed 2^53. */
export interface ChatRow {
  TableVer: number | null;
  MesLocalID: number;
  MesSvrID: string | null;
  CreateTime: number;
  Message: string | Uint8Array | null;
  Status: number | null;
  ImgStatus: number | null;
  Type: number;
  Des: number;
  /**
   * WCDB's compression tag for `Message` (ios-message-body.ts); undefined when the table has no such column, as
   * tables written before WCDB compressed the column have not.
   */
  WCDB_CT_Message?: number | null;
}

/** The compression tag column WCDB adds beside `Message` (WechatExporter issue #202). */
export const COMPRESSION_COLUMN = 'WCDB_CT_Message';

const REQUIRED = ['MesLocalID', 'CreateTime', 'Message', 'Type', 'Des'];
const OPTIONAL = ['TableVer', 'Status', 'ImgStatus'];

export function chatTables(db: SourceDb): { table: string; chatHash: string }[] {
  const tables: { table: string; chatHash: string }[] = [];
  for (const table of db.tableNames().sort()) {
    const match = CHAT_TABLE.exec(table);
    if (match?.[1]) tables.push({ table, chatHash: match[1] });
  }
  return tables;
}

export function countChatRows(db: SourceDb, table: string): number {
  return db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)[0]?.n ?? 0;
}

/**
 * The SELECT for a chat table, by column name; older tables may lack the optional columns. `after`: only rows whose
 * MesLocalID is above it (incremental import: the table's mark, reader-kit/source-marks.ts).
 */
function selectRows(db: SourceDb, table: string, after: number | null): string {
  const columns = new Set(db.columnNames(table));
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new LocketError(
      'source-unrecognized',
      `${db.label}: table ${table} lacks the columns ${missing.join(', ')}, so it is not a WeChat chat table Locket can read.`,
      { file: db.label, table },
    );
  }
  const optional = OPTIONAL.map((c) => (columns.has(c) ? c : `NULL AS ${c}`));
  // CAST in SQL: a 64-bit MesSvrID read as a JS number would lose its low bits.
  const svrId = columns.has('MesSvrID') ? 'CAST(MesSvrID AS TEXT) AS MesSvrID' : 'NULL AS MesSvrID';
  return `SELECT ${optional[0]}, MesLocalID, ${svrId}, CreateTime, ${messageColumns(columns)}, ${optional[1]}, ${optional[2]}, Type, Des FROM ${table}${after === null ? '' : ` WHERE MesLocalID > ${Math.trunc(after)}`} ORDER BY MesLocalID`;
}

/**
 * `Message`, and its compression tag where the table has one. A compressed value is taken as its bytes even if it
 * was stored as TEXT, so a zstd frame is never read through a text decoding that would replace its bytes.
 */
function messageColumns(columns: Set<string>): string {
  // SQLite column names are case-insensitive; the tag column is found whatever case its table declared.
  const tag = [...columns].find((c) => c.toLowerCase() === COMPRESSION_COLUMN.toLowerCase());
  if (tag === undefined) return 'Message';
  return `CASE WHEN "${tag}" > 1 THEN CAST(Message AS BLOB) ELSE Message END AS Message, "${tag}" AS ${COMPRESSION_COLUMN}`;
}

/** A received row's body and type, for telling an unnamed chat's kind before reading it (read-ios-backup.ts). */
export interface ReceivedBody {
  Message: string | Uint8Array | null;
  Type: number;
  WCDB_CT_Message: number | null;
}

/** The received rows of a chat table, one at a time; stopping early frees the statement. */
export function* receivedBodies(db: SourceDb, table: string): Generator<ReceivedBody> {
  const columns = new Set(db.columnNames(table));
  if (!REQUIRED.every((c) => columns.has(c))) return;
  const sql = `SELECT ${messageColumns(columns)}, Type FROM ${table} WHERE Des != 0 ORDER BY MesLocalID`;
  const stmt = guard(db, () => db.db.prepare(sql));
  try {
    while (guard(db, () => stmt.step())) {
      const row = stmt.getAsObject();
      yield {
        Message: messageOf(row.Message),
        Type: intOf(row.Type) ?? 0,
        WCDB_CT_Message: intOf(row[COMPRESSION_COLUMN]),
      };
    }
  } finally {
    stmt.free();
  }
}

/**
 * The rows of a chat table in batches (past `after`, its MesLocalID mark, when given), stepping one statement: only a
 * batch is in memory at a time. Stopping the iteration early frees the statement. Damage met mid-table becomes
 * `source-damaged` naming the file.
 */
export function* chatRowBatches(
  db: SourceDb,
  table: string,
  batchSize: number,
  after: number | null = null,
): Generator<ChatRow[]> {
  const sql = selectRows(db, table, after);
  const stmt = guard(db, () => db.db.prepare(sql));
  try {
    for (;;) {
      const batch: ChatRow[] = [];
      while (batch.length < batchSize && guard(db, () => stmt.step())) batch.push(toChatRow(stmt.getAsObject()));
      if (batch.length > 0) yield batch;
      if (batch.length < batchSize) return;
    }
  } finally {
    stmt.free();
  }
}

const intOf = (value: SqlValue | undefined): number | null =>
  typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null;
const messageOf = (value: SqlValue | undefined): string | Uint8Array | null =>
  typeof value === 'string' || value instanceof Uint8Array ? value : null;

function toChatRow(row: Record<string, SqlValue>): ChatRow {
  const int = intOf;
  const chatRow: ChatRow = {
    TableVer: int(row.TableVer),
    MesLocalID: int(row.MesLocalID) ?? 0,
    MesSvrID: typeof row.MesSvrID === 'string' ? row.MesSvrID : null,
    CreateTime: int(row.CreateTime) ?? 0,
    Message: messageOf(row.Message),
    Status: int(row.Status),
    ImgStatus: int(row.ImgStatus),
    Type: int(row.Type) ?? 0,
    Des: int(row.Des) ?? 0,
  };
  if (COMPRESSION_COLUMN in row) chatRow.WCDB_CT_Message = int(row[COMPRESSION_COLUMN]);
  return chatRow;
}

function guard<T>(db: SourceDb, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof LocketError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new LocketError(
      'source-damaged',
      `${db.label} in the backup is damaged and cannot be read (${detail}).`,
      { file: db.label },
      { cause: error },
    );
  }
}
