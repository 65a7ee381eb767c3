import type { SqlValue } from 'sql.js';
import type { SourceMessage } from '../model';
import { hasZstdMagic } from '../reader-kit/decompress-zstd';
import { isGroupChat } from '../reader-kit/group-chat';
import { unsignedServerId } from '../reader-kit/server-id';
import { blob, integer, nonEmpty, text, type SourceRow } from '../reader-kit/source-rows';
import { decodeMessageContent, type DecodedContent } from './decode-message-content';
import { decodePackedInfo } from './decode-packed-info';
import type { Pc4MediaFinder } from './find-pc4-media';
import { MSG_COLUMNS } from './pc4-message-tables';
import { splitLocalType } from './split-local-type';

/** What every row of one `Msg_<md5>` table shares. */
export interface Pc4ChatContext {
  /** `db_storage/message/message_N.db`. */
  label: string;
  conversation: string;
  isGroup: boolean;
  /** The other party of a one-to-one chat; null for groups and for tables whose username is unknown. */
  peer: string | null;
  chatHash: string;
  owner: string | null;
  /** This file's `Name2Id`: `real_sender_id` → username (§3.3). */
  name2id: ReadonlyMap<number, string>;
  /**
   * Usernames the backup names anywhere (every file's Name2Id included); a `name:\n` prefix counts as a sender
   * only if it is one of them.
   */
  knownUsernames: ReadonlySet<string>;
  /** Whether a local_id of this table exists only in the `-wal` file; null when no WAL was applied. */
  walOnly: { has(localId: number): boolean } | null;
  media: Pc4MediaFinder;
}

const SYSTEM_TYPES = new Set([10000, 10002]);
/** CL: status 2 = sent (its FIXME calls it inaccurate; used only when the owner is unknown, §3.3). */
const STATUS_SENT = 2;
/**
 * `sender:\n` at the start of a group message (§1.3), also written `sender:\r\n` (issue 16; MemoTrace strips the
 * whitespace after the colon). Usernames have no spaces, colons or markup.
 */
const GROUP_PREFIX = /^([A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):\r?\n/;

/** One `Msg_<md5>` row as a source message (docs/wechat-formats.md §3.3; sender attribution §1.3). */
export async function mapPc4Message(row: SourceRow, ctx: Pc4ChatContext): Promise<SourceMessage> {
  const warnings: string[] = [];
  const localId = integer(row.local_id);
  const types = splitLocalType(text(row.local_type));
  if (!types) warnings.push('unreadable-type');
  const baseType = types?.baseType ?? 0;
  const subType = types?.subType ?? 0;
  const sourceId = unsignedServerId(nonEmpty(row.server_id));
  const time = integer(row.create_time) ?? 0;

  const decoded = messageBody(row);
  warnings.push(...decoded.warnings);
  let content = decoded.text;

  let isSystem = SYSTEM_TYPES.has(baseType);
  const idSender = ctx.name2id.get(integer(row.real_sender_id) ?? -1) ?? null;
  // real_sender_id naming a group (the chat itself) names no person.
  let sender = idSender !== null && !isGroupChat(idSender) ? idSender : null;
  if (ctx.isGroup) {
    const prefix = groupPrefix(content, idSender, ctx);
    if (prefix) {
      content = content.slice(prefix.length);
      // Real 4.x group system lines (and pats) start with the room's own name: the room said it, no member did.
      if (prefix.sender === ctx.conversation) isSystem = true;
      // real_sender_id, when it names someone, wins over the text (MemoTrace and WeChatDataAnalysis take the
      // sender from Name2Id and only strip the prefix; CL prefers the prefix).
      else sender ??= prefix.sender;
    }
  }
  const roomLine = isSystem && sender === null && ctx.isGroup;
  const isSent = roomLine
    ? false
    : ctx.owner !== null && sender !== null
      ? sender === ctx.owner
      : integer(row.status) === STATUS_SENT ||
        (!ctx.isGroup && sender !== null && ctx.peer !== null && sender !== ctx.peer);
  if (sender === null && !roomLine) sender = isSent ? ctx.owner : ctx.peer;
  if (isSystem && !isSent) sender = null;
  else if (sender === null) warnings.push('sender-unknown');

  if (localId !== null && ctx.walOnly?.has(localId)) warnings.push('from-wal');
  const found = await ctx.media.find({
    baseType,
    subType,
    sourceId,
    chatHash: ctx.chatHash,
    time,
    content,
    packedInfo: decodePackedInfo(blob(row.packed_info_data)),
  });
  warnings.push(...found.warnings);

  return {
    type: 'message',
    sourceFile: ctx.label,
    sourceId,
    localId: localId === null ? null : String(localId),
    conversation: ctx.conversation,
    sender,
    isSent,
    time,
    rawType: baseType,
    rawSubType: subType,
    content,
    raw: rawColumns(row, decoded.wasCompressed),
    rawLayout: 'pc4.Msg@1',
    media: found.media,
    warnings,
  };
}

/**
 * The body: `message_content`, or `compress_content` when `message_content` is empty or NULL and it is not
 * (WeChatDataAnalysis `_decode_message_content` reads both; some rows keep their XML only there). compress_content
 * has no WCDB tag column: it is decompressed on the zstd magic, else read as text. Both are bounded as
 * `decodeMessageContent` says.
 */
function messageBody(row: SourceRow): DecodedContent {
  const decoded = decodeMessageContent(bytesOf(row.message_content), integer(row.WCDB_CT_message_content));
  if (decoded.text !== '' || decoded.warnings.some((w) => w !== 'null-content')) return decoded;
  const compressed = bytesOf(row.compress_content);
  if (!compressed || compressed.length === 0) return decoded;
  const fallback = decodeMessageContent(compressed, null);
  return { ...fallback, wasCompressed: decoded.wasCompressed };
}

/**
 * The `name:\n` (or `name:\r\n`) prefix of a group message, split on the first one only, when it names a sender:
 * the user real_sender_id names, a user the backup knows, or the group itself. A body like "note:\n…" sent without
 * a prefix stays whole.
 */
function groupPrefix(
  content: string,
  idSender: string | null,
  ctx: Pc4ChatContext,
): { sender: string; length: number } | null {
  const match = GROUP_PREFIX.exec(content);
  const name = match?.[1];
  if (!match || !name) return null;
  if (name !== idSender && name !== ctx.conversation && !ctx.knownUsernames.has(name)) return null;
  return { sender: name, length: match[0].length };
}

/** The column as bytes (it is selected CAST AS BLOB); unlike `blob()`, an empty value stays an empty body. */
function bytesOf(value: SqlValue | undefined): Uint8Array | null {
  return value instanceof Uint8Array ? value : null;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The selected columns as JSON-safe values (model.ts `raw`): integers as numbers, 64-bit ids and `local_type` as
 * decimal text; `message_content`, `source` and `compress_content` as text when they are plain UTF-8, otherwise
 * (compressed, or not text) base64; `packed_info_data` as base64.
 */
function rawColumns(row: SourceRow, contentWasCompressed: boolean): Record<string, string | number | null> {
  const raw: Record<string, string | number | null> = {};
  for (const column of MSG_COLUMNS) {
    const value = row[column];
    if (value === undefined || value === null) raw[column] = null;
    else if (!(value instanceof Uint8Array)) raw[column] = value;
    else if (
      column === 'packed_info_data' ||
      (column === 'message_content' && (contentWasCompressed || row.message_content_storage === 'blob'))
    )
      raw[column] = base64(value);
    else raw[column] = utf8OrBase64(value);
  }
  return raw;
}

function utf8OrBase64(bytes: Uint8Array): string {
  if (hasZstdMagic(bytes)) return base64(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return base64(bytes);
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
