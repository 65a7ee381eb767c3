import type { ExportMessage } from './export-message';
import { describeMessage } from './describe-message';
import { HashedFile } from './hashed-file';
import type { MessageWriter, MessageWriterFactory } from './message-writer';

export const CSV_PATH = 'data/messages.csv';

export const CSV_COLUMNS = [
  'message_id',
  'source_id',
  'conversation_id',
  'conversation',
  'time_local',
  'time_utc',
  'sender',
  'sender_name',
  'is_self',
  'kind',
  'text',
  'details',
  'media',
] as const;

/**
 * RFC 4180 quoting: every field in double quotes, inner quotes doubled, so commas and line breaks inside a
 * message stay in their cell. A cell a spreadsheet would run as a formula (= + - @ or a tab first) starts with
 * an apostrophe, as OWASP advises; the JSON lines keep the text exactly.
 */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(m: ExportMessage): string {
  const cells = [
    m.id,
    m.sourceId,
    String(m.conversation.id),
    m.conversation.name,
    m.local.iso,
    new Date(m.time * 1000).toISOString().replace('.000Z', 'Z'),
    m.sender,
    m.senderName,
    m.isSelf,
    m.kind,
    m.text,
    describeMessage(m),
    m.media.map((x) => x.path ?? `(${x.role} missing: ${x.missingReason ?? 'unknown'})`).join(' | '),
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** `data/messages.csv`: UTF-8 with a byte-order mark, which spreadsheet apps need to read Chinese as UTF-8. */
export const createCsvWriter: MessageWriterFactory = async (root) => {
  const file = await HashedFile.create(root, CSV_PATH);
  await file.write(`\ufeff${CSV_COLUMNS.map(csvField).join(',')}\r\n`);
  const writer: MessageWriter = {
    get bytes() {
      return file.bytes;
    },
    write: (m) => file.write(csvRow(m)),
    close: () => file.close(),
    abandon: () => file.abandon(),
  };
  return writer;
};
