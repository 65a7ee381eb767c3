import type { SqlValue } from 'sql.js';
import { LocketError } from '../../errors';
import { RAW_LAYOUTS } from '../raw-layouts';
import type { SourceDb } from '../reader-kit/open-source-db';
import { exactInteger, integer, nonEmpty, selectList } from '../reader-kit/source-rows';

/** `Msg_<md5(username)>` (docs/wechat-formats.md §3.3); the md5 is 32 lowercase hex digits (§1.1). */
const MSG_TABLE = /^Msg_([0-9a-f]{32})$/;

/** The 17 columns of a 4.x `Msg_<md5>` table (§3.3), all kept in `raw` as the `pc4.Msg@1` list. */
export const MSG_COLUMNS = RAW_LAYOUTS['pc4.Msg@1'];

/** Without these a row cannot be placed in time or read. */
const REQUIRED_COLUMNS = ['local_id', 'local_type', 'create_time', 'message_content'];

const INTEGER_COLUMNS = [
  'local_id',
  'sort_seq',
  'real_sender_id',
  'create_time',
  'status',
  'upload_status',
  'download_status',
  'server_seq',
  'origin_source',
  'WCDB_CT_message_content',
  'WCDB_CT_source',
];

/**
 * Expressions for `selectList`. `server_id` and `local_type` are 64-bit and read as text, never through a JS
 * number (§7 item 12). The text-or-blob columns are read as BLOB: zstd bytes in a TEXT value would otherwise be
 * mangled by UTF-8 decoding (§7 item 3); `message_content_storage` keeps the storage class for `raw`.
 */
const EXPRESSIONS: Record<string, string> = {
  ...Object.fromEntries(INTEGER_COLUMNS.map((c) => [c, exactInteger(c)])),
  server_id: 'CAST("server_id" AS TEXT)',
  local_type: 'CAST("local_type" AS TEXT)',
  source: 'CAST("source" AS BLOB)',
  message_content: 'CAST("message_content" AS BLOB)',
  compress_content: 'CAST("compress_content" AS BLOB)',
};

export function msgTables(db: SourceDb): { table: string; chatHash: string }[] {
  const tables: { table: string; chatHash: string }[] = [];
  for (const table of db.tableNames().sort()) {
    const match = MSG_TABLE.exec(table);
    if (match?.[1]) tables.push({ table, chatHash: match[1] });
  }
  return tables;
}

/**
 * The SELECT for one chat table, by column name; columns a WeChat build lacks come back as NULL. `after`: only rows
 * whose local_id is above it (incremental import: the table's mark, reader-kit/source-marks.ts).
 */
export function selectMessages(db: SourceDb, table: string, after: number | null = null): string {
  const present = db.columnNames(table);
  const missing = REQUIRED_COLUMNS.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw new LocketError(
      'source-unrecognized',
      `${db.label}: table ${table} lacks the columns ${missing.join(', ')}, so it is not a WeChat 4.x chat table Locket can read.`,
      { file: db.label, table },
    );
  }
  const storage = present.includes('message_content') ? 'typeof("message_content")' : 'NULL';
  // Time order, for the reader's merge across tables: sort_seq is WeChat's ordering key (time in ms) and has an
  // index (§3.3), so this walks the index instead of sorting. Without it, local_id is the insertion order.
  const order = present.includes('sort_seq') ? '"sort_seq", "local_id"' : '"local_id"';
  const where = after === null ? '' : ` WHERE "local_id" > ${Math.trunc(after)}`;
  return `SELECT ${selectList(present, MSG_COLUMNS, EXPRESSIONS)}, ${storage} AS message_content_storage FROM "${table}"${where} ORDER BY ${order}`;
}

export function countMessages(db: SourceDb, table: string): number {
  return db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`)[0]?.n ?? 0;
}

/** `Name2Id(user_name)`: `real_sender_id` is its rowid (§3.3; CL joins on rowid). Ids are valid in this file only. */
export function readName2Id(db: SourceDb): Map<number, string> {
  const ids = new Map<number, string>();
  if (!db.tableNames().includes('Name2Id')) return ids;
  for (const row of db.all<{ id: SqlValue; user_name: SqlValue }>('SELECT rowid AS id, user_name FROM Name2Id')) {
    const id = integer(row.id);
    const name = typeof row.user_name === 'string' ? nonEmpty(row.user_name) : null;
    if (id !== null && name) ids.set(id, name);
  }
  return ids;
}

/** `TimeStamp(timestamp)`: the partition's start, in seconds (§3.3). Null when the table is absent or empty. */
export function readPartitionStart(db: SourceDb): number | null {
  if (!db.tableNames().includes('TimeStamp')) return null;
  const row = db.all<{ timestamp: SqlValue }>('SELECT timestamp FROM TimeStamp ORDER BY timestamp LIMIT 1')[0];
  return row ? integer(row.timestamp) : null;
}
