import type { ImportRecord, SourceDescription, SourceFormat, SourceReader } from '../model';
import type { ExportReaderOptions } from './export-options';
import { resolveTimeZone } from './local-time';
import type { SkipTally } from './skipped-records';

/**
 * What the readers of one export file with local times share: the path and the person's options, the time zone
 * checked when the reader is built (an unknown zone is refused then, not mid-import), the tally of skipped records,
 * and a first pass over the file (`survey`) made once and dropped on `close`.
 */
export abstract class ExportFileReader<Survey> implements SourceReader {
  abstract readonly format: SourceFormat;
  readonly version = '1';
  /** Records that could not be read, by reason; each is also a warning on a neighbouring message. */
  readonly skipped: SkipTally = {};
  /** The IANA zone the export's local times were written in. */
  protected readonly timeZone: string;
  private surveyed: Promise<Survey> | null = null;

  constructor(
    protected readonly path: string,
    protected readonly options: ExportReaderOptions = {},
  ) {
    this.timeZone = resolveTimeZone(options.timeZone);
  }

  abstract describe(): Promise<SourceDescription>;
  abstract read(signal?: AbortSignal): AsyncIterable<ImportRecord>;

  async close(): Promise<void> {
    this.surveyed = null;
  }

  /** What `describe` and `read` need to know before any record: the first pass, made once. */
  protected abstract survey(): Promise<Survey>;

  protected prepare(): Promise<Survey> {
    this.surveyed ??= this.survey();
    return this.surveyed;
  }
}
