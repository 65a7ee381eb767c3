import { isRecord } from './export-file';

/**
 * The records of ChatLab's exchange format v0.0.2 (hellodigua/ChatLab `docs/cn/chatlab-format.md`, §8.5), checked
 * field by field: anything without the required fields is not a record of the format. Where real writers leave out
 * a field the spec requires but a reader can do without (a message's `accountName`), it is optional here.
 */
export interface ChatLabHeader {
  version: string;
  /** `chatlab.generator`: the program that wrote the file, as the file names it; null when it does not. */
  generator: string | null;
  /** `chatlab.exportedAt` in Unix seconds (milliseconds converted), or null when absent or not a time. */
  exportedAt: number | null;
  meta: {
    name: string;
    platform: string | null;
    type: 'group' | 'private';
    groupId: string | null;
    ownerId: string | null;
  };
}

export interface ChatLabMember {
  platformId: string;
  /** Null for a sender known only from messages that do not name them (or name them only as "我"). */
  accountName: string | null;
  groupNickname: string | null;
  aliases: string[];
  /** Kept only when it is a web URL: data URLs are whole images, not addresses. */
  avatarUrl: string | null;
  isOwner: boolean;
}

export interface ChatLabMessage {
  sender: string;
  /** Required by the spec, yet left out by some writers (a QQNT exporter): the member list names the sender then. */
  accountName: string | null;
  groupNickname: string | null;
  timestamp: unknown;
  type: number;
  content: string | null;
  platformMessageId: unknown;
  /** `platformMessageId` as text, for finding the message a reply points at; null when absent. */
  messageId: string | null;
  replyToMessageId: unknown;
  /** `replyToMessageId` as text, in the same form as `messageId`. */
  replyTo: string | null;
  record: Record<string, unknown>;
}

/** What WeFlow and the ChatLab spec write as the account name of the owner's own messages: "me". */
export const OWNER_ACCOUNT_NAME = '我';

/** `{chatlab: {version, exportedAt, …}, meta: {name, platform, type, …}}`: the JSON object's head or the JSONL header line. */
export function parseChatLabHeader(value: unknown): ChatLabHeader | null {
  if (!isRecord(value) || !isRecord(value.chatlab) || !isRecord(value.meta)) return null;
  const version = text(value.chatlab.version);
  const name = text(value.meta.name);
  const type = value.meta.type;
  if (!version || name === null || (type !== 'group' && type !== 'private')) return null;
  return {
    version,
    generator: text(value.chatlab.generator),
    exportedAt: unixSecondsOf(value.chatlab.exportedAt),
    meta: {
      name,
      platform: text(value.meta.platform),
      type,
      groupId: id(value.meta.groupId),
      ownerId: id(value.meta.ownerId),
    },
  };
}

export function parseChatLabMember(value: unknown): ChatLabMember | null {
  if (!isRecord(value)) return null;
  const platformId = id(value.platformId);
  const accountName = text(value.accountName);
  if (!platformId || accountName === null) return null;
  const avatar = text(value.avatar);
  return {
    platformId,
    accountName,
    groupNickname: text(value.groupNickname) || null,
    aliases: Array.isArray(value.aliases)
      ? value.aliases.filter((a): a is string => typeof a === 'string' && a.trim() !== '')
      : [],
    avatarUrl: avatar && /^https?:\/\//i.test(avatar) ? avatar : null,
    isOwner: Array.isArray(value.roles) && value.roles.some((role) => isRecord(role) && role.id === 'owner'),
  };
}

/** A message needs a sender, an integer type and a timestamp; everything else may be missing. */
export function parseChatLabMessage(value: unknown): ChatLabMessage | null {
  if (!isRecord(value)) return null;
  const sender = id(value.sender);
  const type = value.type;
  const content = value.content;
  if (!sender || typeof type !== 'number' || !Number.isInteger(type) || !('timestamp' in value)) return null;
  if (content !== null && content !== undefined && typeof content !== 'string') return null;
  return {
    sender,
    accountName: text(value.accountName),
    groupNickname: text(value.groupNickname) || null,
    timestamp: value.timestamp,
    type,
    content: content ?? null,
    platformMessageId: value.platformMessageId,
    messageId: messageIdOf(value.platformMessageId),
    replyToMessageId: value.replyToMessageId,
    replyTo: messageIdOf(value.replyToMessageId),
    record: value,
  };
}

/** Above this a time is in milliseconds: 1e11 s is the year 5138, while 1e11 ms is 1973. */
const MILLISECONDS_FROM = 1e11;

/**
 * A ChatLab time in Unix seconds. The spec says seconds, but WeFlow writes milliseconds (1738713600000), so a value
 * beyond `MILLISECONDS_FROM` is divided by 1000. A numeric string is accepted; anything else is not a time.
 */
export function unixSecondsOf(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,16}(?:\.\d+)?$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.floor(n > MILLISECONDS_FROM ? n / 1000 : n);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Ids are strings in the format; a number is accepted when it is exact. */
function id(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/**
 * A message id as text for matching replies within the file. Unlike `id`, a bare integer beyond 2^53 is kept as
 * JavaScript prints it: both ends of a reply went through the same rounding, so they still match each other.
 */
function messageIdOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return id(value);
}
