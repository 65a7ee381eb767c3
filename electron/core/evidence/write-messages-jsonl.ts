import type { ExportMessage } from './export-message';
import { HashedFile } from './hashed-file';
import type { MessageWriter, MessageWriterFactory } from './message-writer';

export const JSONL_PATH = 'data/messages.jsonl';
/** Bumped when a field changes meaning; README "Evidence export" documents every field of this version. */
export const JSONL_SCHEMA_VERSION = 1;

/**
 * The record for one message (schema documented in the README). Every id is a string: WeChat's are 64-bit and
 * a JSON number loses them in most readers.
 */
export function jsonRecord(m: ExportMessage): Record<string, unknown> {
  return {
    id: m.id,
    sourceId: m.sourceId,
    importId: m.importId,
    conversationId: String(m.conversation.id),
    conversation: m.conversation.username,
    conversationName: m.conversation.name,
    isGroup: m.conversation.isGroup,
    time: utcIso(m.time),
    timeLocal: m.local.iso,
    timestamp: m.time,
    sender: m.sender,
    senderName: m.senderName,
    isSelf: m.isSelf,
    kind: m.kind,
    text: m.text,
    quote: m.quote && quoteRecord(m.quote),
    media: m.media.map((x) => ({
      role: x.role,
      path: x.path,
      fileName: x.fileName,
      mime: x.mime,
      bytes: x.bytes,
      missingReason: x.missingReason,
    })),
    payload: m.payload,
  };
}

/**
 * A reply's quoted message: who and what, and when it was sent in the same three forms as the message's own time
 * (left out when unknown). Only language-neutral fields: the file is the same bytes in every language.
 */
function quoteRecord(quote: NonNullable<ExportMessage['quote']>): Record<string, unknown> {
  const { senderName, text, time, local } = quote;
  if (time === null || local === null) return { senderName, text };
  return { senderName, text, time: utcIso(time), timeLocal: local.iso, timestamp: time };
}

function utcIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `data/messages.jsonl`: one JSON object per line, UTF-8, in transcript order. */
export const createJsonlWriter: MessageWriterFactory = async (root) => {
  const file = await HashedFile.create(root, JSONL_PATH);
  const writer: MessageWriter = {
    get bytes() {
      return file.bytes;
    },
    // JSON.stringify escapes U+2028/2029 since ES2019, so a record never spans two lines.
    write: (m) => file.write(`${JSON.stringify(jsonRecord(m))}\n`),
    close: () => file.close(),
    abandon: () => file.abandon(),
  };
  return writer;
};
