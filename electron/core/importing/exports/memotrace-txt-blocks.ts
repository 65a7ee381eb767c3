import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { LocketError } from '../../errors';
import { skipped, type Skipped } from './skipped-records';

/** `YYYY-MM-DD HH:MM:SS <display name>`, or for system lines `YYYY-MM-DD HH:MM:SS <the notice>` (§8.3). */
export const MEMOTRACE_TXT_HEADER = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.*)$/;

/** One message block: its header's time and the rest of the header line, and the body lines (none for system lines). */
export interface MemoTraceTxtBlock {
  type: 'block';
  time: string;
  head: string;
  body: string[];
}

/**
 * Splits a MemoTrace TXT export into message blocks, streaming line by line (WM `exporter_txt.py`, §8.3). Each
 * message is `<time> <name>\n<content>\n\n`; a system line is `<time> <notice>\n\n`, so a header followed directly
 * by the blank separator is a system line. A block starts at a header-shaped line that follows a blank line (or
 * starts the file); the body is everything up to the next such header, less its trailing blank separator. A message
 * whose own text holds a blank line followed by a header-shaped line would be split there: the layout cannot tell.
 * Text before the first header is skipped as 'malformed-block'.
 */
export async function* memoTraceTxtBlocks(path: string): AsyncGenerator<MemoTraceTxtBlock | Skipped> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let current: MemoTraceTxtBlock | null = null;
  let previousBlank = true;
  let inOrphanText = false;
  let isFirstLine = true;
  try {
    for await (const rawLine of lines) {
      const line = isFirstLine ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      isFirstLine = false;
      const header = previousBlank ? MEMOTRACE_TXT_HEADER.exec(line) : null;
      if (header) {
        if (current) yield finish(current);
        current = { type: 'block', time: header[1]!, head: header[2]!, body: [] };
        inOrphanText = false;
      } else if (current) {
        current.body.push(line);
      } else if (line.trim() !== '' && !inOrphanText) {
        inOrphanText = true;
        yield skipped('malformed-block');
      }
      previousBlank = line.trim() === '';
    }
    if (current) yield finish(current);
  } catch (error) {
    throw new LocketError('source-damaged', `Could not read ${basename(path)}.`, { path }, { cause: error });
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Drops the blank separator (and any whitespace-only tail, which MemoTrace's link layout leaves). */
function finish(block: MemoTraceTxtBlock): MemoTraceTxtBlock {
  const body = [...block.body];
  while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  return { ...block, body };
}

/** Structure check for detection: the text starts with a header, and every header-shaped line follows a blank line. */
export function looksLikeMemoTraceTxt(head: string): boolean {
  const lines = head.split(/\r?\n/);
  // The last line may be cut off by the 64 KiB limit.
  if (lines.length > 1) lines.pop();
  if (!MEMOTRACE_TXT_HEADER.test(lines[0] ?? '')) return false;
  let blankLines = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') blankLines++;
    else if (MEMOTRACE_TXT_HEADER.test(line) && lines[i - 1]!.trim() !== '') return false;
  }
  return lines.length <= 2 || blankLines > 0;
}
