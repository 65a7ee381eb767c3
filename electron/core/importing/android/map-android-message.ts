import type { SqlValue } from 'sql.js';
import { LocketError } from '../../errors';
import type { SourceMessage } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { unsignedServerId } from '../reader-kit/server-id';
import { exactInteger, integer, nonEmpty, selectList, type SourceRow } from '../reader-kit/source-rows';
import type { AndroidMediaFinder } from './find-android-media';
import { unpackAndroidType } from './unpack-android-type';

/** The 22 columns of `message` (docs/wechat-formats.md §4.3); older versions stop after `lvbuffer`. All kept in `raw`. */
export const MESSAGE_COLUMNS = [
  'msgId',
  'msgSvrId',
  'type',
  'status',
  'isSend',
  'isShowTimer',
  'createTime',
  'talker',
  'content',
  'imgPath',
  'reserved',
  'lvbuffer',
  'transContent',
  'transBrandWording',
  'talkerId',
  'bizClientMsgId',
  'bizChatId',
  'bizChatUserId',
  'msgSeq',
  'flag',
  'solitaireFoldInfo',
  'historyId',
] as const;

const REQUIRED_COLUMNS = ['msgId', 'type', 'isSend', 'createTime', 'talker', 'content'];
const INTEGER_COLUMNS = [
  'msgId',
  'type',
  'status',
  'isSend',
  'isShowTimer',
  'createTime',
  'talkerId',
  'bizChatId',
  'msgSeq',
  'flag',
];

/**
 * msgSvrId is 64-bit and read as text (§7 item 12). `content` is read as BLOB: some rows are not valid UTF-8
 * (§4.3, WD reads bytes), and sql.js would otherwise replace the bad bytes before Locket sees them.
 */
const EXPRESSIONS: Record<string, string> = {
  ...Object.fromEntries(INTEGER_COLUMNS.map((c) => [c, exactInteger(c)])),
  msgSvrId: 'CAST("msgSvrId" AS TEXT)',
  content: 'CAST("content" AS BLOB)',
};

const SYSTEM_TYPES = new Set([10000, 10002]);
/** The stored type of a call notice (unpack-android-type.ts); its body may be JSON. */
const CALL_NOTICE = 64;
/** Usernames have no spaces, colons or markup. */
const USERNAME = '[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}';
/**
 * How received group messages name their sender (§1.3), tried in this order:
 * `sender:\n` (WD, GC, WeRecord); the sticker form with a `*#*` marker, `sender:*#*\n` or `sender*#*\n` (the
 * pa_script Android reader splits on `:\n`, then on `*#*\n`); and `sender:` with no newline (WeRecord takes the
 * newline after the colon as optional), which is accepted only for a username the database knows or before an XML
 * body, so a text that merely starts with "http:" keeps its words.
 */
const GROUP_PREFIX = new RegExp(`^(${USERNAME}):\n`);
const STICKER_PREFIX = new RegExp(`^(${USERNAME}):?\\*#\\*\n`);
const BARE_PREFIX = new RegExp(`^(${USERNAME}):(?!\n)`);
/** Bodies longer than this are not looked into for a call notice's JSON. */
const MAX_NOTICE_JSON = 64 * 1024;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

/** `after`: read only messages past this msgId (incremental import, reader-kit/source-marks.ts). */
export function selectMessages(db: SourceDb, after: number | null = null): string {
  const present = db.columnNames('message');
  const missing = REQUIRED_COLUMNS.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw new LocketError(
      'source-unrecognized',
      `${db.label} has no message table with the columns of Android WeChat (missing ${missing.join(', ')}).`,
      { file: db.label },
    );
  }
  const past = after === null ? '' : ` WHERE msgId > ${after}`;
  return `SELECT ${selectList(present, MESSAGE_COLUMNS, EXPRESSIONS)} FROM message${past} ORDER BY msgId`;
}

export interface AndroidMessageContext {
  label: string;
  owner: string | null;
  media: AndroidMediaFinder;
  /** Usernames of contacts, group members and the owner (android-directory.ts). */
  knownUsernames: ReadonlySet<string>;
}

/** One `message` row as a source message (§4.3–§4.5; sender attribution §1.3). */
export async function mapAndroidMessage(row: SourceRow, ctx: AndroidMessageContext): Promise<SourceMessage> {
  const warnings: string[] = [];
  const storedType = integer(row.type) ?? 0;
  const rawType = unpackAndroidType(storedType);
  const isSent = integer(row.isSend) === 1;
  const talker = nonEmpty(row.talker) ?? '';
  if (!talker) warnings.push('missing-conversation');
  const sourceId = unsignedServerId(nonEmpty(row.msgSvrId));
  const bytes = row.content instanceof Uint8Array ? row.content : null;
  const decoded = decodeContent(bytes, warnings);
  let content = decoded.text;

  let sender: string | null = isSent ? ctx.owner : talker || null;
  if (SYSTEM_TYPES.has(rawType)) {
    // System lines have no sender (WD `parser.py`). A join notice in a group still starts with a `name:\n` prefix
    // (WeRecord parses one for it): it is taken off an XML or JSON body so the notice itself is read.
    if (!isSent) sender = null;
    const prefix = isGroupChat(talker) && !isSent ? GROUP_PREFIX.exec(content) : null;
    if (prefix && /^[<{]/.test(content.slice(prefix[0].length).trimStart())) content = content.slice(prefix[0].length);
    if (storedType === CALL_NOTICE) content = callNoticeText(content);
  } else if (isGroupChat(talker) && !isSent) {
    const split = splitGroupSender(content, ctx.knownUsernames);
    sender = split?.sender ?? null;
    if (split) content = split.body;
    else warnings.push('missing-group-sender');
  }

  const createTimeMs = integer(row.createTime) ?? 0;
  return {
    type: 'message',
    sourceFile: ctx.label,
    sourceId,
    localId: nonEmpty(row.msgId),
    conversation: talker,
    sender,
    isSent,
    // Android stores milliseconds (§1.2); the model wants seconds. `raw.createTime` keeps the milliseconds.
    time: Math.floor(createTimeMs / 1000),
    rawType,
    // The packed high bits are not the appmsg subtype (§4.4); the classifier reads `<appmsg><type>`.
    rawSubType: null,
    content,
    raw: rawColumns(row, decoded.isValidUtf8),
    media: await ctx.media.find({ rawType, imgPath: nonEmpty(row.imgPath), sourceId, content }),
    warnings,
  };
}

/**
 * The sender and the body of a received group message (GROUP_PREFIX, STICKER_PREFIX, BARE_PREFIX), or null when
 * the body names no sender. Only the first prefix is taken; the rest of the body may contain more colons.
 */
export function splitGroupSender(
  content: string,
  knownUsernames: ReadonlySet<string>,
): { sender: string; body: string } | null {
  const match = GROUP_PREFIX.exec(content) ?? STICKER_PREFIX.exec(content);
  if (match) return { sender: match[1]!, body: content.slice(match[0].length) };
  const bare = BARE_PREFIX.exec(content);
  if (!bare) return null;
  const body = content.slice(bare[0].length);
  return knownUsernames.has(bare[1]!) || body.startsWith('<') ? { sender: bare[1]!, body } : null;
}

/**
 * A call notice is plain text, or JSON whose `msgContent` is the line WeChat shows (pa_script
 * `_process_parse_message_voip_group`); anything else is kept as it is (`raw.content` always keeps the stored body).
 */
function callNoticeText(content: string): string {
  const body = content.trim();
  if (!body.startsWith('{') || body.length > MAX_NOTICE_JSON) return content;
  try {
    const parsed: unknown = JSON.parse(body);
    const line =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).msgContent : undefined;
    return typeof line === 'string' && line.trim() !== '' ? line : content;
  } catch {
    return content;
  }
}

function decodeContent(bytes: Uint8Array | null, warnings: string[]): { text: string; isValidUtf8: boolean } {
  if (bytes === null) {
    warnings.push('null-content');
    return { text: '', isValidUtf8: true };
  }
  try {
    return { text: utf8Strict.decode(bytes), isValidUtf8: true };
  } catch {
    // Bad bytes become U+FFFD in the text; `raw.content` keeps them exactly, as base64.
    warnings.push('invalid-utf8');
    return { text: utf8Lenient.decode(bytes), isValidUtf8: false };
  }
}

/** The selected columns as JSON-safe values (model.ts `raw`): blobs base64; `content` as text when it is valid UTF-8. */
function rawColumns(row: SourceRow, contentIsUtf8: boolean): Record<string, string | number | null> {
  const raw: Record<string, string | number | null> = {};
  for (const column of MESSAGE_COLUMNS) raw[column] = jsonValue(row[column], column === 'content' && contentIsUtf8);
  return raw;
}

function jsonValue(value: SqlValue | undefined, asText: boolean): string | number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Uint8Array)
    return asText ? Buffer.from(value).toString('utf8') : Buffer.from(value).toString('base64');
  return value;
}
