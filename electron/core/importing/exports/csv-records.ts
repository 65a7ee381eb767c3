import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { LocketError } from '../../errors';
import { skipped, type Skipped } from './skipped-records';

/** One CSV record's cells, or a record the parser could not read. */
export type CsvItem = { kind: 'row'; cells: string[] } | { kind: 'skipped'; reason: 'malformed-csv-record' };

/**
 * Streams a CSV file record by record (csv-parse), so memory stays bounded by one record. A leading BOM is dropped
 * (MemoTrace writes one, §8.3). Both exporters write with Python's csv module, so well-formed files parse
 * strictly; in a damaged one a stray quote is kept as a character (`relax_quotes`) and a record the parser still
 * cannot read is reported as skipped rather than ending the import. An unclosed quote swallows the rest of the
 * file into one skipped record: nothing after it can be told apart. A record with the wrong number of cells is
 * returned as it is, for the reader to judge.
 */
export async function* csvRecords(path: string): AsyncGenerator<CsvItem> {
  let skipped = 0;
  const input = createReadStream(path);
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: () => {
        skipped++;
        return undefined;
      },
    }),
  );
  // pipe() does not pass a read error on; without this a missing file would leave the loop waiting forever.
  input.on('error', (error) => parser.destroy(error));
  // Skips are reported before the next record read; only their count matters, not their exact place.
  const takeSkipped = function* (): Generator<CsvItem> {
    for (; skipped > 0; skipped--) yield { kind: 'skipped', reason: 'malformed-csv-record' };
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield* takeSkipped();
      yield { kind: 'row', cells: record };
    }
    yield* takeSkipped();
  } catch (error) {
    throw new LocketError('source-damaged', `Could not read ${basename(path)} as CSV.`, { path }, { cause: error });
  }
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
