import type { SourceFormat } from '../model';
import type { SourceFormatEntry } from '../source-formats';
import { detectExportFile } from './detect-export';
import { ChatLabReader } from './read-chatlab';
import { ChatlogJsonReader } from './read-chatlog-json';
import { MemoTraceCsvReader } from './read-memotrace-csv';
import { MemoTraceTxtReader } from './read-memotrace-txt';
import { PyWxDumpCsvReader, PyWxDumpJsonReader } from './read-pywxdump';

const isFormat =
  (format: SourceFormat) =>
  async (path: string): Promise<boolean> =>
    (await detectExportFile(path)) === format;

/**
 * One entry per export format, ready to append to `sourceFormats` (source-formats.ts). Each reader runs with its
 * defaults: the machine's time zone, owner and conversation from the data (README.md in this folder).
 */
export const exportSourceFormats: readonly SourceFormatEntry[] = [
  { format: 'chatlab', name: 'ChatLab export (JSON or JSONL)', detect: isFormat('chatlab'), open: (path) => new ChatLabReader(path) },
  { format: 'pywxdump-csv', name: 'PyWxDump CSV export', detect: isFormat('pywxdump-csv'), open: (path) => new PyWxDumpCsvReader(path) },
  { format: 'pywxdump-json', name: 'PyWxDump JSON export', detect: isFormat('pywxdump-json'), open: (path) => new PyWxDumpJsonReader(path) },
  { format: 'memotrace-csv', name: 'MemoTrace (WeChatMsg) CSV export', detect: isFormat('memotrace-csv'), open: (path) => new MemoTraceCsvReader(path) },
  { format: 'memotrace-txt', name: 'MemoTrace (WeChatMsg) TXT export', detect: isFormat('memotrace-txt'), open: (path) => new MemoTraceTxtReader(path) },
  { format: 'chatlog-json', name: 'chatlog JSON export', detect: isFormat('chatlog-json'), open: (path) => new ChatlogJsonReader(path) },
];
