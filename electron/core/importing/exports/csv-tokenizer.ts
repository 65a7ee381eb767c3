/**
 * A CSV tokenizer for the exports Python's csv module and pandas write (RFC 4180: `,` between cells, `"` around a
 * cell that holds one, `""` for a quote inside), fed text in chunks and giving whole records.
 *
 * Why not csv-parse, which Locket used before: it looks at every character in JavaScript, about 100 ns each, so an
 * 8 MiB cell a crafted export holds took a second per pass, and an export is read twice (survey, then read; issue
 * 17). This one jumps to the next quote, comma or line end with the engine's native search, so a long cell costs
 * what copying it costs. It keeps csv-parse's rules with the options Locket gave it (`relax_quotes`,
 * `relax_column_count`, `skip_empty_lines`, `skip_records_with_error`), which the readers' tests pin down:
 *  - the record delimiter is the first of `\r\n`, `\n` or `\r` met outside quotes, and only that one from then on;
 *  - a quote opens a quoted cell only as the cell's first character; elsewhere in an unquoted cell it is text;
 *  - a quote inside a quoted cell that is neither doubled nor followed by a comma or the record's end does not close
 *    it: the cell goes on unquoted, and both quotes are text (csv-parse's relaxed quotes);
 *  - an empty line is no record; a quote still open when the text ends makes the rest of it one bad record.
 */
export class CsvTokenizer {
  private delimiter: string | null = null;
  private text = '';
  private pos = 0;
  private record: string[] = [];
  private parts: string[] = [];
  /** Inside a quoted cell. */
  private inQuotes = false;
  /** The current cell was quoted (so it is a cell even when empty). */
  private wasQuoted = false;
  /** The current cell has begun: a quote seen now is text. */
  private hasStarted = false;

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: string): string[][] {
    this.text = this.text.slice(this.pos) + chunk;
    this.pos = 0;
    return this.records(false);
  }

  /** The text has ended: the last record, if any, and whether a quote was left open (a bad record). */
  end(): { records: string[][]; hasOpenQuote: boolean } {
    const records = this.records(true);
    if (this.inQuotes) {
      this.reset();
      return { records, hasOpenQuote: true };
    }
    if (this.record.length > 0 || this.parts.length > 0 || this.wasQuoted || this.hasStarted) {
      this.endCell();
      records.push(this.endRecord());
    }
    return { records, hasOpenQuote: false };
  }

  private records(isLast: boolean): string[][] {
    const out: string[][] = [];
    const s = this.text;
    while (this.pos < s.length) {
      if (this.inQuotes) {
        const quote = s.indexOf('"', this.pos);
        if (quote < 0) {
          this.parts.push(s.slice(this.pos));
          this.pos = s.length;
          break;
        }
        // What follows the quote decides what it is: wait for it unless the text has ended.
        if (quote + 1 >= s.length && !isLast) {
          this.parts.push(s.slice(this.pos, quote));
          this.pos = quote;
          break;
        }
        const next = quote + 1;
        const recordEnd = next < s.length ? this.isRecordEnd(s, next, isLast) : 0;
        // A \r that may begin the record delimiter: wait for the next chunk to tell.
        if (recordEnd === -1) {
          this.parts.push(s.slice(this.pos, quote));
          this.pos = quote;
          break;
        }
        this.parts.push(s.slice(this.pos, quote));
        if (s[next] === '"') {
          this.parts.push('"');
          this.pos = next + 1;
          continue;
        }
        this.inQuotes = false;
        this.pos = next;
        // A closing quote is followed by a comma, the record's end or the text's end.
        if (next >= s.length || s[next] === ',' || recordEnd > 0) continue;
        // Not a closing quote: the cell goes on unquoted, both quotes kept as text (relaxed quotes).
        this.parts.unshift('"');
        this.parts.push('"');
        continue;
      }
      if (!this.hasStarted && !this.wasQuoted && s[this.pos] === '"') {
        this.inQuotes = true;
        this.wasQuoted = true;
        this.hasStarted = true;
        this.pos++;
        continue;
      }
      STOP.lastIndex = this.pos;
      const found = STOP.exec(s);
      if (!found) {
        if (this.pos < s.length) this.hasStarted = true;
        this.parts.push(s.slice(this.pos));
        this.pos = s.length;
        break;
      }
      const at = found.index;
      if (at > this.pos) {
        this.parts.push(s.slice(this.pos, at));
        this.hasStarted = true;
      }
      if (s[at] === ',') {
        this.endCell();
        this.pos = at + 1;
        continue;
      }
      const length = this.isRecordEnd(s, at, isLast);
      if (length === -1) {
        this.pos = at;
        break;
      }
      if (length === 0) {
        // A line end that is not this file's record delimiter (a lone \r in a \n file): text.
        this.parts.push(s[at]!);
        this.hasStarted = true;
        this.pos = at + 1;
        continue;
      }
      this.pos = at + length;
      const isEmptyLine = this.record.length === 0 && this.parts.length === 0 && !this.wasQuoted;
      if (isEmptyLine) continue;
      this.endCell();
      out.push(this.endRecord());
    }
    return out;
  }

  /**
   * The length of the record delimiter at `at` (learning it on the first line end), 0 when there is none, or -1
   * when the text stops in the middle of what may be one (a `\r` whose `\n` is still to come).
   */
  private isRecordEnd(s: string, at: number, isLast: boolean): number {
    const c = s[at];
    if (c !== '\r' && c !== '\n') return 0;
    if (this.delimiter === null) {
      if (c === '\r' && at + 1 >= s.length && !isLast) return -1;
      this.delimiter = c === '\r' && s[at + 1] === '\n' ? '\r\n' : c;
    }
    if (this.delimiter.length === 2 && c === '\r' && at + 1 >= s.length && !isLast) return -1;
    return s.startsWith(this.delimiter, at) ? this.delimiter.length : 0;
  }

  private endCell(): void {
    this.record.push(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''));
    this.parts = [];
    this.wasQuoted = false;
    this.hasStarted = false;
  }

  private endRecord(): string[] {
    const record = this.record;
    this.record = [];
    return record;
  }

  private reset(): void {
    this.record = [];
    this.parts = [];
    this.inQuotes = false;
    this.wasQuoted = false;
    this.hasStarted = false;
  }
}

/** Where an unquoted cell may stop: a comma or a line end. */
const STOP = /[,\r\n]/g;
