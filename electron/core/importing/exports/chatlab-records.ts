import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { LocketError } from '../../errors';
import {
  parseChatLabHeader,
  parseChatLabMember,
  parseChatLabMessage,
  type ChatLabHeader,
  type ChatLabMember,
  type ChatLabMessage,
} from './chatlab-shape';
import { isRecord, readHead, readJsonFile } from './export-file';
import { skipped, type Skipped } from './skipped-records';

export type ChatLabItem =
  | { type: 'header'; header: ChatLabHeader }
  | { type: 'member'; member: ChatLabMember }
  | { type: 'message'; message: ChatLabMessage }
  | Skipped;

/** JSONL when the first line that is not blank or a `#` comment is a complete `_type: "header"` object (§8.5). */
export async function chatLabLayout(path: string): Promise<'json' | 'jsonl'> {
  const line = firstDataLine((await readHead(path)) ?? '');
  return line !== null && isJsonlHeaderLine(line) ? 'jsonl' : 'json';
}

export function firstDataLine(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return trimmed;
  }
  return null;
}

export function isJsonlHeaderLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) && value._type === 'header' && parseChatLabHeader(value) !== null;
  } catch {
    return false;
  }
}

/**
 * The lines of a ChatLab JSONL file, streamed: the header first (else the file is not ChatLab), then member and
 * message lines. Blank lines and `#` comments are passed over; a line that is not valid JSON or not a valid record
 * is skipped as 'malformed-line', as the format allows ("单行解析错误可跳过继续处理").
 */
export async function* chatLabJsonlItems(path: string): AsyncGenerator<ChatLabItem> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let hasHeader = false;
  try {
    for await (const rawLine of lines) {
      const line = rawLine.replace(/^\uFEFF/, '').trim();
      if (line === '' || line.startsWith('#')) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (!hasHeader) {
        const header = isRecord(value) && value._type === 'header' ? parseChatLabHeader(value) : null;
        if (!header) throw notChatLab(path);
        hasHeader = true;
        yield { type: 'header', header };
        continue;
      }
      const kind = isRecord(value) ? value._type : undefined;
      const member = kind === 'member' ? parseChatLabMember(value) : null;
      const message = kind === 'message' ? parseChatLabMessage(value) : null;
      if (member) yield { type: 'member', member };
      else if (message) yield { type: 'message', message };
      else yield skipped('malformed-line');
    }
  } catch (error) {
    if (error instanceof LocketError) throw error;
    throw new LocketError('source-damaged', `Could not read ${basename(path)}.`, { path }, { cause: error });
  } finally {
    lines.close();
    input.destroy();
  }
  if (!hasHeader) throw notChatLab(path);
}

/** A ChatLab JSON file, read whole: `chatlab` + `meta`, `members[]`, `messages[]`. */
export async function* chatLabJsonItems(path: string): AsyncGenerator<ChatLabItem> {
  const value = await readJsonFile(path);
  const header = parseChatLabHeader(value);
  if (!header || !isRecord(value) || !Array.isArray(value.messages)) throw notChatLab(path);
  yield { type: 'header', header };
  for (const element of Array.isArray(value.members) ? (value.members as unknown[]) : []) {
    const member = parseChatLabMember(element);
    yield member ? { type: 'member', member } : skipped('malformed-member');
  }
  for (const element of value.messages as unknown[]) {
    const message = parseChatLabMessage(element);
    yield message ? { type: 'message', message } : skipped('malformed-record');
  }
}

function notChatLab(path: string): LocketError {
  return new LocketError(
    'source-unrecognized',
    `${basename(path)} is not a ChatLab export: it has no ChatLab header (chatlab.version and meta).`,
    { path },
  );
}
