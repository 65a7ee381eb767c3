import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { MessageKind } from '../model';
import { isOwnerMarked, preclassifyChatLab, type QuotedMessage } from './chatlab-message';
import type { ChatLabItem } from './chatlab-records';
import { plausibleTimeOrUndefined } from '../reader-kit/message-time';
import {
  OWNER_ACCOUNT_NAME,
  unixSecondsOf,
  type ChatLabHeader,
  type ChatLabMember,
  type ChatLabMessage,
} from './chatlab-shape';
import { standInUsername } from './export-ids';
import type { ExportReaderOptions } from './export-options';
import { compact } from './preclassified';

/** What the first pass over a ChatLab file learns, before any record is yielded. */
export interface ChatLabSurvey {
  header: ChatLabHeader;
  /** Members by platformId: the member records, then anyone who sent a message without one. */
  members: Map<string, ChatLabMember>;
  conversation: string;
  owner: string | null;
  messages: number;
  replies: ReplyIndex;
}

/**
 * Reads the items once: header, members, senders, the owner's marks and which messages are replied to. Only what
 * is needed later is kept, so a JSONL file of any length is surveyed in bounded memory.
 */
export async function surveyChatLab(
  path: string,
  items: AsyncIterable<ChatLabItem>,
  options: ExportReaderOptions,
): Promise<ChatLabSurvey> {
  const found = new SurveyFindings();
  for await (const item of items) found.add(item);
  // The item readers already refuse a file without a header; this keeps the type honest.
  if (!found.header)
    throw new LocketError('source-unrecognized', `${basename(path)} is not a ChatLab export: it has no header.`, {
      path,
    });
  const { header, members, senders, ownerMarked, replies, messages } = found;
  const participants = new Set([...members.keys(), ...senders.keys()]);
  const owner = options.owner ?? ownerNamedByFile(header, participants, ownerMarked) ?? options.knownOwner ?? null;
  for (const [id, sender] of senders) {
    // A sender id on messages marked "我" that is not the owner's only stands for the owner: no contact of its own.
    const standsForOwner = owner !== null && id !== owner && ownerMarked.has(id);
    if (!members.has(id) && !standsForOwner) members.set(id, sender);
  }
  const conversation = conversationOf(header, participants, owner, ownerMarked, options);
  // WeFlow lists a private chat's owner under the chat's name (the friend's) when the friend never wrote: that name
  // is the session's, not the owner's, and would name the owner after the friend.
  const ownerMember = owner === null ? undefined : members.get(owner);
  if (
    header.meta.type === 'private' &&
    ownerMember &&
    conversation !== owner &&
    !participants.has(conversation) &&
    ownerMember.accountName === header.meta.name
  ) {
    members.set(owner!, { ...ownerMember, accountName: '' });
  }
  return { header, members, conversation, owner, messages, replies };
}

class SurveyFindings {
  header: ChatLabHeader | null = null;
  readonly members = new Map<string, ChatLabMember>();
  /** Everyone who sent a message, named as their messages name them. */
  readonly senders = new Map<string, ChatLabMember>();
  /** Participants named "我" ("me"), by a member record or on their messages: the owner, as the file says. */
  readonly ownerMarked = new Set<string>();
  readonly replies = new ReplyIndex();
  messages = 0;

  add(item: ChatLabItem): void {
    if (item.type === 'header') this.header = item.header;
    else if (item.type === 'member') this.addMember(item.member);
    else if (item.type === 'message') this.addMessage(item.message);
  }

  private addMember(member: ChatLabMember): void {
    this.members.set(member.platformId, member);
    if (isPlaceholderName(member.accountName)) this.ownerMarked.add(member.platformId);
  }

  private addMessage(message: ChatLabMessage): void {
    this.messages++;
    this.replies.survey(message);
    if (isOwnerMarked(message)) this.ownerMarked.add(message.sender);
    const known = this.senders.get(message.sender);
    const accountName = isPlaceholderName(message.accountName) ? null : message.accountName;
    // A sender's first message may lack a name a later one has (a message without `accountName`).
    if (known && (known.accountName !== null || accountName === null)) return;
    this.senders.set(message.sender, {
      platformId: message.sender,
      accountName,
      groupNickname: message.groupNickname,
      aliases: [],
      avatarUrl: null,
      isOwner: false,
    });
  }
}

/** `ownerId` with WeFlow's account-folder suffix: `wxid_abc_5f43` for the account `wxid_abc`. */
const SUFFIXED_WXID = /^(wxid_[A-Za-z0-9]+)_[0-9a-f]{4}$/;
const FOLDER_SUFFIX = /^(.+)_[0-9a-f]{4}$/;

/**
 * The owner the file names: `meta.ownerId`, else the one participant named "我". WeFlow writes the name of its
 * account folder as `ownerId` (the wxid plus `_` and 4 hex digits), so when `ownerId` is no participant but is one
 * with that suffix dropped, or is a wxid with that suffix, the suffix is dropped.
 */
function ownerNamedByFile(
  header: ChatLabHeader,
  participants: ReadonlySet<string>,
  ownerMarked: ReadonlySet<string>,
): string | null {
  const ownerId = header.meta.ownerId;
  if (ownerId === null) return ownerMarked.size === 1 ? [...ownerMarked][0]! : null;
  if (participants.has(ownerId)) return ownerId;
  const unsuffixed = FOLDER_SUFFIX.exec(ownerId)?.[1];
  if (unsuffixed !== undefined && participants.has(unsuffixed)) return unsuffixed;
  return SUFFIXED_WXID.exec(ownerId)?.[1] ?? ownerId;
}

/**
 * One conversation per file. Its id, in order: `options.conversation`; for a group `meta.groupId`; for a private
 * chat the one participant who is neither the owner nor named "我"; else a stand-in `name:<meta.name>`. The
 * stand-in is the honest answer when the file names no friend: WeFlow can write a private chat whose only member
 * and sender is the owner (all its messages are the owner's), and `meta.name` is then all it says of the friend.
 */
function conversationOf(
  header: ChatLabHeader,
  participants: ReadonlySet<string>,
  owner: string | null,
  ownerMarked: ReadonlySet<string>,
  options: ExportReaderOptions,
): string {
  if (options.conversation) return options.conversation;
  if (header.meta.type === 'group') return header.meta.groupId ?? standInUsername(header.meta.name);
  const others = [...participants].filter((id) => id !== owner && !ownerMarked.has(id));
  return owner !== null && others.length === 1 ? others[0]! : standInUsername(header.meta.name);
}

/** A member's name in the chat: the group nickname, else the account name; never the "我" placeholder. */
export function displayNameOf(member: ChatLabMember | undefined): string | undefined {
  return realName(member?.groupNickname) ?? accountNameOf(member);
}

/** A member's own name (their account name), unless it is only the "我" placeholder. */
export function accountNameOf(member: ChatLabMember | undefined): string | undefined {
  return realName(member?.accountName);
}

function realName(name: string | null | undefined): string | undefined {
  return name?.trim() && !isPlaceholderName(name) ? name : undefined;
}

/** "我" ("me") stands for the owner, whoever that is: it is not a name. */
function isPlaceholderName(name: string | null): boolean {
  return name?.trim() === OWNER_ACCOUNT_NAME;
}

/** What a reply needs of the message it quotes, kept from the pass that met that message. */
interface QuotedSummary {
  sender: string;
  isOwnerMarked: boolean;
  /** The name written on the message itself, if any. */
  name: string | null;
  kind: MessageKind;
  text: string;
  /** When it was sent (UTC seconds), when its `timestamp` is a plausible message time. */
  time: number | undefined;
}

/** Quoted previews are short: the whole message is in the archive under its own id. */
const QUOTED_TEXT_MAX = 200;

/**
 * Messages that replies point at (`replyToMessageId`), by their `platformMessageId`. The survey notes every id some
 * message replies to, and keeps a summary of a message met after a reply to it; the read pass keeps one of each
 * replied-to message it meets before the replies. Only replied-to messages are kept, each as a short summary.
 */
export class ReplyIndex {
  private readonly repliedTo = new Set<string>();
  private readonly summaries = new Map<string, QuotedSummary>();

  /** The survey pass: notes what this message replies to, and keeps it if an earlier message replied to it. */
  survey(message: ChatLabMessage): void {
    this.remember(message);
    if (message.replyTo !== null) this.repliedTo.add(message.replyTo);
  }

  /** The read pass: keeps this message if any message replies to it. */
  remember(message: ChatLabMessage): void {
    if (message.messageId === null || !this.repliedTo.has(message.messageId)) return;
    this.summaries.set(message.messageId, summaryOf(message));
  }

  /** The quoted message with its sender (the owner for one marked "我") and the name the file gives them. */
  quoted(
    messageId: string,
    owner: string | null,
    members: ReadonlyMap<string, ChatLabMember>,
  ): QuotedMessage | undefined {
    const summary = this.summaries.get(messageId);
    if (!summary) return undefined;
    const sender = summary.isOwnerMarked && owner !== null ? owner : summary.sender;
    return compact<QuotedMessage>({
      sender,
      senderName: summary.name ?? displayNameOf(members.get(sender)),
      kind: summary.kind,
      text: summary.text,
      time: summary.time,
    });
  }
}

function summaryOf(message: ChatLabMessage): QuotedSummary {
  const { kind, text } = preclassifyChatLab(message.type, message.content);
  const name = realName(message.groupNickname) ?? realName(message.accountName) ?? null;
  return {
    sender: message.sender,
    isOwnerMarked: isOwnerMarked(message),
    name,
    kind,
    text: shortened(text),
    time: plausibleTimeOrUndefined(unixSecondsOf(message.timestamp)),
  };
}

function shortened(text: string): string {
  const codePoints = Array.from(text);
  return codePoints.length > QUOTED_TEXT_MAX ? `${codePoints.slice(0, QUOTED_TEXT_MAX - 1).join('')}…` : text;
}
