import type { QuotePayload } from '../../../common/message-kinds';
import { DISPLAY_TEXT } from '../classify-message';
import type { SourceMessage } from '../model';
import { isPlausibleMessageTime } from '../reader-kit/message-time';
import { OWNER_ACCOUNT_NAME, unixSecondsOf, type ChatLabMessage } from './chatlab-shape';
import { isImpreciseId, serverIdOf } from './export-ids';
import { isUrl } from './export-media';
import { amountOf, classifyPlainText, compact, preclassified, withDetail, type Preclassified } from './preclassified';
import { rawFieldsOf } from './raw-fields';
import { skipped, type Skipped } from './skipped-records';

/** What a reply shows of the message it quotes (`QuotePayload` in electron/common/message-kinds.ts), without the server id. */
export type QuotedMessage = Omit<QuotePayload['quoted'], 'sourceId'>;

export interface ChatLabContext {
  sourceFile: string;
  conversation: string;
  owner: string | null;
  /** The message with this id when the file holds it and a reply points at it (chatlab-survey.ts). */
  quotedMessage: (messageId: string) => QuotedMessage | undefined;
}

/** ChatLab message types (§8.5) → the WeChat type pair they come from, so `rawType` reads like other sources. */
const TYPES: Readonly<Record<number, { rawType: number; rawSubType: number | null }>> = {
  0: { rawType: 1, rawSubType: null },
  1: { rawType: 3, rawSubType: null },
  2: { rawType: 34, rawSubType: null },
  3: { rawType: 43, rawSubType: null },
  4: { rawType: 49, rawSubType: 6 },
  5: { rawType: 47, rawSubType: null },
  7: { rawType: 49, rawSubType: 5 },
  8: { rawType: 48, rawSubType: null },
  20: { rawType: 49, rawSubType: 2001 },
  21: { rawType: 49, rawSubType: 2000 },
  22: { rawType: 10000, rawSubType: 4 },
  23: { rawType: 50, rawSubType: null },
  24: { rawType: 49, rawSubType: 5 },
  25: { rawType: 49, rawSubType: 57 },
  26: { rawType: 49, rawSubType: 19 },
  27: { rawType: 42, rawSubType: null },
  80: { rawType: 10000, rawSubType: null },
  81: { rawType: 10000, rawSubType: null },
};

const REPLY_TYPE = 25;
const TEXT_TYPES = new Set([0, REPLY_TYPE]);

export function toChatLabMessage(message: ChatLabMessage, ctx: ChatLabContext): SourceMessage | Skipped {
  const time = unixSecondsOf(message.timestamp);
  if (time === null) return skipped('invalid-time', ctx.conversation);
  if (!isPlausibleMessageTime(time)) return skipped('time-out-of-range', ctx.conversation);
  const content = message.content ?? '';
  const types = TYPES[message.type] ?? { rawType: 0, rawSubType: null };
  // A numeric platformMessageId is the WeChat server id (what WeChat exporters put there); any other id is local.
  const sourceId = trustedServerIdOf(message.platformMessageId);
  const platformId = typeof message.platformMessageId === 'string' ? message.platformMessageId : null;
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId,
    localId: sourceId ? null : platformId,
    conversation: ctx.conversation,
    sender: senderOf(message, ctx.owner),
    isSent: isOwnerMarked(message) || (ctx.owner !== null && message.sender === ctx.owner),
    time,
    rawType: types.rawType,
    rawSubType: types.rawSubType,
    content,
    raw: rawFieldsOf(message.record),
    media: [],
    warnings: warningsOf(message),
    preclassified: preclassifyChatLab(
      message.type,
      message.content,
      message.type === REPLY_TYPE ? quoteOf(message, ctx) : undefined,
    ),
  };
}

/** WeFlow names the owner's own messages "我" ("me"), whatever their `sender` says. */
export function isOwnerMarked(message: ChatLabMessage): boolean {
  return message.accountName?.trim() === OWNER_ACCOUNT_NAME;
}

/** The sender's username: the owner for messages marked as the owner's, else `sender` as written. */
export function senderOf(message: ChatLabMessage, owner: string | null): string {
  return isOwnerMarked(message) && owner !== null ? owner : message.sender;
}

function warningsOf(message: ChatLabMessage): string[] {
  const warnings: string[] = [];
  if (message.content === null && TEXT_TYPES.has(message.type)) warnings.push('null-content');
  const ids = [message.platformMessageId, message.replyToMessageId];
  if (ids.some((value) => isImpreciseId(value) || isRoundedId(value))) warnings.push('imprecise-id');
  return warnings;
}

/**
 * A server id from `platformMessageId`, unless it is a decimal string that went through a JavaScript number on
 * its way into the file (`isRoundedId`): that one names some other message, so the message goes without one and the
 * pipeline tells it apart by its fingerprint. The value stays in `raw`.
 */
function trustedServerIdOf(value: unknown): string | null {
  return isRoundedId(value) ? null : serverIdOf(value);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * True for a decimal string above 2^53 that ends in "00" and is exactly how JavaScript prints a number: WeFlow
 * writes 64-bit ids after reading them into doubles, so "211867332358183300" is some id near that, not that id.
 * A real id ends in "00" once in a hundred; those lose only their server id, not the message.
 */
export function isRoundedId(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{17,20}$/.test(value) || !value.endsWith('00')) return false;
  return BigInt(value) > MAX_SAFE && String(Number(value)) === value;
}

/** The quote of a reply: the quoted message as the file has it, else the placeholder other readers show. */
function quoteOf(message: ChatLabMessage, ctx: ChatLabContext): QuotePayload['quoted'] {
  const found = message.replyTo === null ? undefined : ctx.quotedMessage(message.replyTo);
  return { sourceId: trustedServerIdOf(message.replyToMessageId), ...(found ?? { text: DISPLAY_TEXT.quotedMessage }) };
}

/**
 * ChatLab types → kinds (§8.5): 22 poke is a system line, 24 share is a mini program when its text says so and a
 * link otherwise, 25 reply a quote (`quoted` is what the reply points at), 26 forward a record, 81 recall a revoke,
 * 99 and numbers the format does not define are unknown. `content` may be null for non-text messages; the kind's
 * placeholder is shown then. WeFlow's labels ("[文件] 报告.pdf") are left out of names and titles.
 */
export function preclassifyChatLab(
  type: number,
  content: string | null,
  quoted: QuotePayload['quoted'] = { sourceId: null, text: DISPLAY_TEXT.quotedMessage },
): Preclassified {
  const body = content ?? '';
  const detail = body.trim() || undefined;
  const unlabelled = withoutLabel(detail);
  switch (type) {
    case 0:
      return classifyPlainText(1, body);
    case 1:
    case 2:
    case 3:
    case 5:
      return preclassified(MEDIA_KINDS[type]!, null);
    case 4:
      return preclassified('file', unlabelled, { fileName: unlabelled ?? '' });
    case 7:
      return link(unlabelled);
    case 8:
      return preclassified('location', withDetail('location', unlabelled), { label: unlabelled });
    case 20:
      return preclassified('red-packet', withDetail('red-packet', unlabelled), { title: unlabelled });
    case 21:
      return preclassified('transfer', withDetail('transfer', unlabelled), {
        feeDesc: unlabelled,
        amount: amountOf(unlabelled),
      });
    case 22:
      return preclassified('system', detail, { subtype: 'pat' });
    case 23:
      return classifyPlainText(50, body);
    case 24:
      // The text keeps its label: "[小程序] 乘车码" says what it is, where a bare title would not.
      return detail && /小程序|mini ?program/i.test(detail)
        ? preclassified('miniprogram', detail, { title: unlabelled })
        : link(unlabelled);
    case REPLY_TYPE:
      return preclassified('quote', detail, { text: body, quoted: compact(quoted) });
    case 26:
      return preclassified('record', unlabelled, { title: unlabelled ?? '', items: [] });
    case 27:
      return preclassified('card', withDetail('card', unlabelled), { nickname: unlabelled });
    case 80:
      return classifyPlainText(10000, body);
    case 81:
      return preclassified('revoke', detail, { text: detail ?? DISPLAY_TEXT.kind.revoke });
    default:
      return preclassified('unknown', detail, { chatlabType: type });
  }
}

const MEDIA_KINDS: Readonly<Record<number, 'image' | 'voice' | 'video' | 'sticker'>> = {
  1: 'image',
  2: 'voice',
  3: 'video',
  5: 'sticker',
};

/**
 * The labels WeFlow writes before a message's detail ("[文件] 报告.pdf", "[链接] 标题"): they repeat the kind the
 * type number already gives, and are no part of the file name or title.
 */
const WEFLOW_LABEL =
  /^\[(?:文件|链接|图片|视频|语音|位置|名片|小程序|转账|红包|表情|动画表情|聊天记录|通话|音乐|分享)\]\s*/u;

function withoutLabel(detail: string | undefined): string | undefined {
  return detail?.replace(WEFLOW_LABEL, '').trim() || undefined;
}

function link(title: string | undefined): Preclassified {
  return preclassified('link', title, { title: title ?? '', url: title && isUrl(title) ? title : undefined });
}
