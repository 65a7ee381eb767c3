import type { ReaderOptions, SourceFormat, SourceFormatEntry } from '../model';
import { detectExportFile } from './detect-export';
import type { ExportReaderOptions } from './export-options';
import { ChatLabReader } from './read-chatlab';
import { ChatlogJsonReader } from './read-chatlog-json';
import { MemoTraceCsvReader } from './read-memotrace-csv';
import { MemoTraceTxtReader } from './read-memotrace-txt';
import { PyWxDumpCsvReader, PyWxDumpJsonReader } from './read-pywxdump';

const isFormat =
  (format: SourceFormat) =>
  async (path: string): Promise<boolean> =>
    (await detectExportFile(path)) === format;

/** What an export reader takes from the import's options: its zone, and the owner when the export does not say. */
function exportOptions(options: ReaderOptions): ExportReaderOptions {
  return {
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.knownOwner ? { knownOwner: options.knownOwner } : {}),
    ...(options.knownOwnerName ? { knownOwnerName: options.knownOwnerName } : {}),
  };
}

/**
 * One entry per export format, ready to append to `sourceFormats` (source-formats.ts). Each reader takes the
 * import's time zone and owner (README.md in this folder says what each does without them).
 */
export const exportSourceFormats: readonly SourceFormatEntry[] = [
  {
    format: 'chatlab',
    name: 'ChatLab export (JSON or JSONL)',
    storesLocalTimes: false,
    detect: isFormat('chatlab'),
    open: (path, o) => new ChatLabReader(path, exportOptions(o)),
  },
  {
    format: 'pywxdump-csv',
    name: 'PyWxDump CSV export',
    storesLocalTimes: true,
    detect: isFormat('pywxdump-csv'),
    open: (path, o) => new PyWxDumpCsvReader(path, exportOptions(o)),
  },
  {
    format: 'pywxdump-json',
    name: 'PyWxDump JSON export',
    storesLocalTimes: true,
    detect: isFormat('pywxdump-json'),
    open: (path, o) => new PyWxDumpJsonReader(path, exportOptions(o)),
  },
  {
    format: 'memotrace-csv',
    name: 'MemoTrace (WeChatMsg) CSV export',
    storesLocalTimes: false,
    detect: isFormat('memotrace-csv'),
    open: (path, o) => new MemoTraceCsvReader(path, exportOptions(o)),
  },
  {
    format: 'memotrace-txt',
    name: 'MemoTrace (WeChatMsg) TXT export',
    storesLocalTimes: true,
    detect: isFormat('memotrace-txt'),
    open: (path, o) => new MemoTraceTxtReader(path, exportOptions(o)),
  },
  {
    format: 'chatlog-json',
    name: 'chatlog JSON export',
    storesLocalTimes: true,
    detect: isFormat('chatlog-json'),
    open: (path, o) => new ChatlogJsonReader(path, exportOptions(o)),
  },
];
