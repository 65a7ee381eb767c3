import type { SourceMessage } from '../model';
import { RAW_LAYOUTS } from '../raw-layouts';
import { CONTENT_TOO_LARGE, MAX_CONTENT_BYTES, wholeUtf8Prefix } from '../reader-kit/content-bound';
import { decodeUtf8 } from '../reader-kit/decode-utf8';
import { isGroupChat } from '../reader-kit/group-chat';
import { unsignedServerId } from '../reader-kit/server-id';
import { blob, exactInteger, integer, nonEmpty, text, type SourceRow } from '../reader-kit/source-rows';
import { bytesExtraSender, decodeBytesExtra, type BytesExtraItem } from './decode-bytes-extra';
import { decompressLz4BlockPrefix } from './decompress-lz4-block';
import type { Pc3MediaFinder } from './find-pc3-media';

/** The 26 columns of `MSG` (docs/wechat-formats.md §2.3), all kept in `raw` as the `pc3.MSG@1` list. */
export const MSG_COLUMNS = RAW_LAYOUTS['pc3.MSG@1'];

/** Without these a row cannot be placed in a conversation or in time. */
export const REQUIRED_MSG_COLUMNS = ['localId', 'MsgSvrID', 'Type', 'IsSender', 'CreateTime', 'StrTalker'];

const INTEGER_COLUMNS = [
  'localId',
  'TalkerId',
  'Type',
  'SubType',
  'IsSender',
  'CreateTime',
  'Sequence',
  'StatusEx',
  'FlagEx',
  'Status',
  'MsgServerSeq',
  'MsgSequence',
  'Reserved0',
  'Reserved1',
  'Reserved2',
  'Reserved3',
];

/**
 * Column expressions for `selectList`: MsgSvrID is 64-bit and read as text, never through a JS number (§7 item 12);
 * the other integer columns come back as text only if they do not fit a double exactly.
 */
export const MSG_EXPRESSIONS: Record<string, string> = {
  ...Object.fromEntries(INTEGER_COLUMNS.map((c) => [c, exactInteger(c)])),
  MsgSvrID: 'CAST("MsgSvrID" AS TEXT)',
};

const TYPE_APP = 49;
const TYPE_SYSTEM = 10000;
const TYPE_SYSTEM_XML = 10002;

export interface MessageContext {
  /** `Msg/Multi/MSGn.db`. */
  label: string;
  owner: string | null;
  /** This file's `Name2ID` in row order: TalkerId - 1 indexes it (§2.3). Used only when StrTalker is empty. */
  name2id: readonly string[];
  media: Pc3MediaFinder;
}

/** One `MSG` row as a source message (§2.3–§2.5; sender attribution §1.3). */
export async function mapPc3Message(row: SourceRow, context: MessageContext): Promise<SourceMessage> {
  const warnings: string[] = [];
  const type = integer(row.Type) ?? 0;
  const subType = integer(row.SubType);
  const isSent = integer(row.IsSender) === 1;
  const sourceId = unsignedServerId(nonEmpty(row.MsgSvrID));

  let conversation = nonEmpty(row.StrTalker);
  if (!conversation) {
    const talkerId = integer(row.TalkerId);
    conversation = talkerId ? (context.name2id[talkerId - 1] ?? null) : null;
    warnings.push(conversation ? 'talker-from-name2id' : 'missing-conversation');
  }
  conversation ??= '';

  let bytesExtra: BytesExtraItem[] = [];
  const bytesExtraBlob = blob(row.BytesExtra);
  if (bytesExtraBlob) {
    try {
      bytesExtra = decodeBytesExtra(bytesExtraBlob);
    } catch {
      warnings.push('bytes-extra-unreadable');
    }
  }

  const content = messageContent(row, type, warnings);
  const sender = messageSender({ isSent, conversation, type, bytesExtra, owner: context.owner, warnings });
  const media = await context.media.find({ type, subType, sourceId, content, bytesExtra });

  return {
    type: 'message',
    sourceFile: context.label,
    sourceId,
    localId: text(row.localId),
    conversation,
    sender,
    isSent,
    time: integer(row.CreateTime) ?? 0,
    rawType: type,
    rawSubType: subType,
    content,
    raw: rawColumns(row),
    rawLayout: 'pc3.MSG@1',
    media,
    warnings,
  };
}

/**
 * StrContent, except for app messages (Type 49), whose XML is the LZ4 block in CompressContent (quotes 49/57
 * always, §2.5): StrContent is empty there, or holds only a short text beside it, which would lose the card. An
 * app message whose StrContent is itself the XML keeps it. StrContent on PC 3.x never carries a `sender:\n`
 * prefix (§1.3), so the body is kept whole, `:\n` included. A block that expands past MAX_CONTENT_BYTES keeps that
 * much text with the warning 'content-too-large'.
 */
export function messageContent(row: SourceRow, type: number, warnings: string[]): string {
  const strContent = text(row.StrContent);
  const compressed = blob(row.CompressContent);
  if (type === TYPE_APP && compressed && !isXml(strContent)) {
    // Bounded (issue 17, item 3): past MAX_CONTENT_BYTES the text is cut there; raw keeps the compressed block.
    const decoded = decompressLz4BlockPrefix(compressed, MAX_CONTENT_BYTES);
    if (decoded?.truncated) {
      warnings.push(CONTENT_TOO_LARGE);
      return decodeText(wholeUtf8Prefix(decoded.bytes), warnings);
    }
    if (decoded) return decodeText(decoded.bytes, warnings);
    warnings.push('compressed-content-unreadable');
    return strContent ?? '';
  }
  if (strContent === null) {
    warnings.push('null-content');
    return '';
  }
  return strContent;
}

function isXml(content: string | null): boolean {
  return content !== null && /^\s*</.test(content);
}

function decodeText(bytes: Uint8Array, warnings: string[]): string {
  const decoded = decodeUtf8(bytes);
  warnings.push(...decoded.warnings);
  return decoded.text;
}

/**
 * §1.3: the owner for sent messages; the StrTalker for received one-to-one messages; for received group
 * messages the last BytesExtra item of type 1 (StrTalker is the group there; `bytesExtraSender`). System lines
 * have no sender.
 */
function messageSender(m: {
  isSent: boolean;
  conversation: string;
  type: number;
  bytesExtra: BytesExtraItem[];
  owner: string | null;
  warnings: string[];
}): string | null {
  if (m.isSent) return m.owner;
  if (m.type === TYPE_SYSTEM || m.type === TYPE_SYSTEM_XML) return null;
  if (!isGroupChat(m.conversation)) return m.conversation || null;
  const sender = bytesExtraSender(m.bytesExtra);
  if (!sender) m.warnings.push('sender-unknown');
  return sender;
}

/**
 * The selected columns as JSON-safe values, blobs as base64 (model.ts `raw`): the row itself, converted in place
 * once the message is read from it. It holds exactly MSG_COLUMNS in order (`selectList`), as the `pc3.MSG@1`
 * layout requires, and a second object per message would cost more than the conversion.
 */
function rawColumns(row: SourceRow): Record<string, string | number | null> {
  for (const column of MSG_COLUMNS) {
    const value = row[column];
    if (value instanceof Uint8Array)
      row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    else if (value === undefined) row[column] = null;
  }
  return row as Record<string, string | number | null>;
}
