import { basename } from 'node:path';
import { LocketError } from '../../errors';
import { namedCsvRows } from './csv-records';
import { isRecord, readJsonFile } from './export-file';
import { PYWXDUMP_COLUMNS } from './pywxdump-message';
import { skipped, type Skipped } from './skipped-records';

export type PyWxDumpRow = Record<string, unknown>;
export type PyWxDumpItem = { type: 'row'; row: PyWxDumpRow } | Skipped;

/** Rows of a PyWxDump CSV page by column name; the header must be exactly PyWxDump's (spaces after commas allowed). */
export function pyWxDumpCsvRows(path: string): AsyncGenerator<PyWxDumpItem> {
  return namedCsvRows(path, PYWXDUMP_COLUMNS, () => notPyWxDump(path, 'CSV'));
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

function notPyWxDump(path: string, kind: 'CSV' | 'JSON'): LocketError {
  return new LocketError('source-unrecognized', `${basename(path)} is not a PyWxDump ${kind} export: it lacks PyWxDump's columns (id, MsgSvrID, type_name, …, CreateTime).`, { path });
}
