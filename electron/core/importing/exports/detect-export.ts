import type { SourceFormat } from '../model';
import { firstDataLine, isJsonlHeaderLine } from './chatlab-records';
import { parseChatLabHeader } from './chatlab-shape';
import { CHATLOG_REQUIRED_KEYS } from './chatlog-message';
import { firstLineIsHeader } from './csv-records';
import { isRecord, readHead } from './export-file';
import { readJsonHead } from './json-head';
import { MEMOTRACE_COLUMNS } from './memotrace-csv-survey';
import { looksLikeMemoTraceTxt } from './memotrace-txt-blocks';
import { PYWXDUMP_COLUMNS, PYWXDUMP_CSV_HEADERS } from './pywxdump-rows';

/**
 * What export format a file is, from its first 64 KiB and by structure alone, never its name (a renamed file is
 * still found; a file named like an export but shaped otherwise is not):
 * - a header row: PyWxDump's 9 columns, or the 8 of PyWxDump 3.0 and earlier (`content` for `msg` and `src`), or
 *   MemoTrace's 12 (§8.2, §8.3; BOM or not, spaces after commas or not);
 * - JSON: a ChatLab object (`chatlab.version` + `meta`, §8.5), or an array whose first element has PyWxDump's keys
 *   or chatlog's (§8.4);
 * - JSONL whose first data line is a ChatLab header;
 * - MemoTrace TXT's `YYYY-MM-DD HH:MM:SS name` blocks separated by blank lines.
 * Null when none fits (an empty array included: nothing says what it is).
 */
export async function detectExportFile(path: string): Promise<SourceFormat | null> {
  const head = await readHead(path);
  if (head === null || head.includes('\0')) return null;
  const text = head.trimStart();
  if (text.startsWith('{') || text.startsWith('[') || text.startsWith('#')) return detectJson(head);
  if (PYWXDUMP_CSV_HEADERS.some((columns) => firstLineIsHeader(text, columns))) return 'pywxdump-csv';
  if (firstLineIsHeader(text, MEMOTRACE_COLUMNS)) return 'memotrace-csv';
  if (looksLikeMemoTraceTxt(head)) return 'memotrace-txt';
  return null;
}

function detectJson(head: string): SourceFormat | null {
  const firstLine = firstDataLine(head);
  if (firstLine !== null && isJsonlHeaderLine(firstLine)) return 'chatlab';
  const json = readJsonHead(head);
  if (json?.kind === 'object') {
    const chatlab = json.entries.get('chatlab');
    const meta = json.entries.get('meta');
    // `meta` may lie beyond the first 64 KiB only if `chatlab` carries a huge description; the version is enough then.
    if (
      isRecord(chatlab) &&
      typeof chatlab.version === 'string' &&
      (meta === undefined || parseChatLabHeader({ chatlab, meta }) !== null)
    )
      return 'chatlab';
    return null;
  }
  const first = json?.elements[0];
  if (!isRecord(first)) return null;
  if (PYWXDUMP_COLUMNS.every((key) => key in first)) return 'pywxdump-json';
  if (CHATLOG_REQUIRED_KEYS.every((key) => key in first) && typeof first.isSelf === 'boolean') return 'chatlog-json';
  return null;
}
