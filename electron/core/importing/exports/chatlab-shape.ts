import { isRecord } from './export-file';

/**
 * The records of ChatLab's exchange format v0.0.2 (hellodigua/ChatLab `docs/cn/chatlab-format.md`, §8.5), checked
 * field by field: anything without the required fields is not a record of the format.
 */
export interface ChatLabHeader {
  version: string;
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
  accountName: string;
  groupNickname: string | null;
  aliases: string[];
  /** Kept only when it is a web URL: data URLs are whole images, not addresses. */
  avatarUrl: string | null;
  isOwner: boolean;
}

export interface ChatLabMessage {
  sender: string;
  accountName: string;
  groupNickname: string | null;
  timestamp: unknown;
  type: number;
  content: string | null;
  platformMessageId: unknown;
  replyToMessageId: unknown;
  record: Record<string, unknown>;
}

/** `{chatlab: {version, exportedAt, …}, meta: {name, platform, type, …}}`: the JSON object's head or the JSONL header line. */
export function parseChatLabHeader(value: unknown): ChatLabHeader | null {
  if (!isRecord(value) || !isRecord(value.chatlab) || !isRecord(value.meta)) return null;
  const version = text(value.chatlab.version);
  const name = text(value.meta.name);
  const type = value.meta.type;
  if (!version || name === null || (type !== 'group' && type !== 'private')) return null;
  return { version, meta: { name, platform: text(value.meta.platform), type, groupId: id(value.meta.groupId), ownerId: id(value.meta.ownerId) } };
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
    aliases: Array.isArray(value.aliases) ? value.aliases.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [],
    avatarUrl: avatar && /^https?:\/\//i.test(avatar) ? avatar : null,
    isOwner: Array.isArray(value.roles) && value.roles.some((role) => isRecord(role) && role.id === 'owner'),
  };
}

export function parseChatLabMessage(value: unknown): ChatLabMessage | null {
  if (!isRecord(value)) return null;
  const sender = id(value.sender);
  const accountName = text(value.accountName);
  const type = value.type;
  const content = value.content;
  if (!sender || accountName === null || typeof type !== 'number' || !Number.isInteger(type) || !('timestamp' in value)) return null;
  if (content !== null && content !== undefined && typeof content !== 'string') return null;
  return {
    sender,
    accountName,
    groupNickname: text(value.groupNickname) || null,
    timestamp: value.timestamp,
    type,
    content: content ?? null,
    platformMessageId: value.platformMessageId,
    replyToMessageId: value.replyToMessageId,
    record: value,
  };
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
