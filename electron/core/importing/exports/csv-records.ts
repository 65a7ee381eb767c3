import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { LocketError } from '../../errors';
import { CsvTokenizer } from './csv-tokenizer';
import { skipped, type Skipped } from './skipped-records';

/** One CSV record's cells, or a record the parser could not read. */
export type CsvItem = { kind: 'row'; cells: string[] } | { kind: 'skipped'; reason: 'malformed-csv-record' };

/**
 * Streams a CSV file record by record (csv-tokenizer.ts), so memory stays bounded by one record. A leading BOM is
 * dropped (MemoTrace writes one, §8.3). Both exporters write with Python's csv module, so well-formed files parse
 * strictly; in a damaged one a stray quote is kept as a character. An unclosed quote swallows the rest of the file
 * into one skipped record: nothing after it can be told apart. A record with the wrong number of cells is returned
 * as it is, for the reader to judge.
 */
export async function* csvRecords(path: string): AsyncGenerator<CsvItem> {
  const tokenizer = new CsvTokenizer();
  let isFirst = true;
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
      const text = isFirst && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
      isFirst = false;
      for (const cells of tokenizer.push(text)) yield { kind: 'row', cells };
    }
  } catch (error) {
    throw new LocketError('source-damaged', `Could not read ${basename(path)} as CSV.`, { path }, { cause: error });
  }
  const { records, hasOpenQuote } = tokenizer.end();
  for (const cells of records) yield { kind: 'row', cells };
  if (hasOpenQuote) yield { kind: 'skipped', reason: 'malformed-csv-record' };
}

/** A header row's cells as names: trimmed, since exporters differ on spaces after commas. */
export const headerNames = (cells: readonly string[]): string[] => cells.map((cell) => cell.trim());

/** True when the first line of a text is exactly these column names (spaces after commas allowed). */
export function firstLineIsHeader(text: string, columns: readonly string[]): boolean {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const cells = headerNames(firstLine.split(','));
  return cells.length === columns.length && cells.every((cell, i) => cell === columns[i]);
}

export type NamedCsvItem = { type: 'row'; row: Record<string, string> } | Skipped;

/**
 * Records of a CSV export by column name. The first record must be exactly `columns` (compared trimmed), or
 * `unrecognized()` is thrown: structure, not the file name, says what a file is. Records with another cell
 * count are skipped as 'wrong-column-count'.
 */
export function namedCsvRows(
  path: string,
  columns: readonly string[],
  unrecognized: () => Error,
): AsyncGenerator<NamedCsvItem> {
  return namedCsvRowsOfAny(path, [columns], unrecognized);
}

/**
 * Like `namedCsvRows`, for a tool whose header changed between versions: the first record must be exactly one of
 * `headers`, and every record is named by that one (a row's keys say which layout it came from).
 */
export async function* namedCsvRowsOfAny(
  path: string,
  headers: readonly (readonly string[])[],
  unrecognized: () => Error,
): AsyncGenerator<NamedCsvItem> {
  let columns: readonly string[] | null = null;
  for await (const item of csvRecords(path)) {
    if (item.kind === 'skipped') {
      yield skipped(item.reason);
      continue;
    }
    if (columns === null) {
      const names = headerNames(item.cells);
      columns =
        headers.find((header) => names.length === header.length && names.every((name, i) => name === header[i])) ??
        null;
      if (columns === null) throw unrecognized();
      continue;
    }
    if (item.cells.length !== columns.length) {
      yield skipped('wrong-column-count');
      continue;
    }
    yield { type: 'row', row: Object.fromEntries(columns.map((name, i) => [name, item.cells[i] ?? ''])) };
  }
  if (columns === null) throw unrecognized();
}
