import { basename } from 'node:path';
import { LocketError } from '../../errors';
import { namedCsvRowsOfAny } from './csv-records';
import { isRecord, readJsonFile } from './export-file';
import { skipped, type Skipped } from './skipped-records';

export type PyWxDumpRow = Record<string, unknown>;

/** One exported row with PyWxDump's current field names (`msg`, `src`), whatever layout the file had. */
export interface PyWxDumpRowItem {
  type: 'row';
  row: PyWxDumpRow;
  /** The record as the file has it, when `row` was mapped from an older layout: it is what the vault keeps as raw. */
  original?: Record<string, string>;
  /** What the mapping had to guess, for the message's warnings. */
  warnings?: readonly string[];
}

export type PyWxDumpItem = PyWxDumpRowItem | Skipped;

/** PyWxDump's CSV header, exactly (PWD `api/export/exportCSV.py`, §8.2); the JSON objects have these keys plus `extra`. */
export const PYWXDUMP_COLUMNS = [
  'id',
  'MsgSvrID',
  'type_name',
  'is_sender',
  'talker',
  'room_name',
  'msg',
  'src',
  'CreateTime',
] as const;

/**
 * PyWxDump 3.0 and earlier (PWD `dbpreprocess/export/exportCSV.py`) wrote 8 columns: `msg` and `src` were one
 * `content` cell, the JSON text of `{"src": …, "msg": …}`. Later versions split it into the 9 columns of §8.2.
 */
export const PYWXDUMP_V3_COLUMNS = [
  'id',
  'MsgSvrID',
  'type_name',
  'is_sender',
  'talker',
  'room_name',
  'content',
  'CreateTime',
] as const;

/** The CSV headers PyWxDump has written, newest first; detection and the reader accept exactly these. */
export const PYWXDUMP_CSV_HEADERS: readonly (readonly string[])[] = [PYWXDUMP_COLUMNS, PYWXDUMP_V3_COLUMNS];

/** Warning on a 3.0-layout row whose `content` is not PyWxDump's JSON object: its text is kept as `msg`. */
export const CONTENT_NOT_JSON = 'content-not-json';

/**
 * Rows of a PyWxDump CSV page by column name. The header must be exactly one of PyWxDump's (spaces after commas
 * allowed); rows of the 3.0 layout come out with the current field names.
 */
export async function* pyWxDumpCsvRows(path: string): AsyncGenerator<PyWxDumpItem> {
  for await (const item of namedCsvRowsOfAny(path, PYWXDUMP_CSV_HEADERS, () => notPyWxDump(path, 'CSV'))) {
    yield item.type === 'row' && 'content' in item.row ? fromV3Row(item.row) : item;
  }
}

/** Objects of a PyWxDump JSON export: one array, every element an object with the PyWxDump keys. */
export async function* pyWxDumpJsonRows(path: string): AsyncGenerator<PyWxDumpItem> {
  const parsed = await readJsonFile(path);
  if (!Array.isArray(parsed)) throw notPyWxDump(path, 'JSON');
  for (const element of parsed as unknown[]) {
    if (!isRecord(element) || !PYWXDUMP_COLUMNS.every((key) => key in element)) yield skipped('malformed-record');
    else yield { type: 'row', row: element };
  }
}

/**
 * A 3.0 row → the current fields. A `content` that is not the JSON object PyWxDump wrote (a damaged or hand-edited
 * cell) still holds the message's words, so it is kept as the text with a warning rather than dropped: the row
 * stays a message, and the raw record keeps the cell as it was. A `src` that is not text (3.0 put a forwarded
 * record's items there as an object) is no media path; the raw record keeps it too.
 */
function fromV3Row(original: Record<string, string>): PyWxDumpRowItem {
  const { content = '', ...fields } = original;
  const body = contentOf(content);
  if (!body) return { type: 'row', row: { ...fields, msg: content, src: '' }, original, warnings: [CONTENT_NOT_JSON] };
  return { type: 'row', row: { ...fields, ...body }, original };
}

function contentOf(content: string): { msg: string; src: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !('msg' in parsed)) return null;
  const { msg, src } = parsed;
  return {
    msg: typeof msg === 'string' ? msg : msg === null || msg === undefined ? '' : JSON.stringify(msg),
    src: typeof src === 'string' ? src : '',
  };
}

function notPyWxDump(path: string, kind: 'CSV' | 'JSON'): LocketError {
  return new LocketError(
    'source-unrecognized',
    `${basename(path)} is not a PyWxDump ${kind} export: it lacks PyWxDump's columns (id, MsgSvrID, type_name, …, CreateTime).`,
    { path },
  );
}
