import type { QuotedMessage } from '../../../common/message-kinds';
import { DISPLAY_TEXT } from '../classify-message';
import type { SourceMessage } from '../model';
import { isRecord } from './export-file';
import { usernameOrNull } from './export-ids';
import { localTimeToUtcSeconds } from './local-time';
import { plausibleTimeOrUndefined } from '../reader-kit/message-time';
import { amountOf, classifyPlainText, compact, preclassified, withDetail, type Preclassified } from './preclassified';
import { rawFieldsOf } from './raw-fields';
import { skipped, type Skipped } from './skipped-records';
import { APP_MESSAGE, kindOfWechatType } from './wechat-type-kind';

/** chatlog's message fields (CL `internal/model/message.go`, §8.4); `contents` holds md5, title, url, refer, …. */
export const CHATLOG_REQUIRED_KEYS = ['seq', 'time', 'talker', 'sender', 'isSelf', 'type', 'content'] as const;

export interface ChatlogContext {
  sourceFile: string;
  owner: string | null;
  /** For a `time` written without an offset, which RFC 3339 does not allow but hand-made files may have. */
  timeZone: string;
}

const RFC3339_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 `time` → UTC seconds; null when it is not a time. */
export function chatlogTime(value: unknown, timeZone: string): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (RFC3339_WITH_ZONE.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  }
  return localTimeToUtcSeconds(text.replace('T', ' ').replace(/\.\d+$/, ''), timeZone);
}

export function toChatlogMessage(item: Record<string, unknown>, ctx: ChatlogContext): SourceMessage | Skipped {
  const conversation = usernameOrNull(item.talker);
  if (!conversation) return skipped('missing-conversation');
  const time = chatlogTime(item.time, ctx.timeZone);
  if (time === null) return skipped('invalid-time', conversation);
  const type = integer(item.type);
  if (type === null) return skipped('malformed-record');
  const subType = integer(item.subType);
  const isSent = item.isSelf === true;
  const content = typeof item.content === 'string' ? item.content : '';
  const contents = isRecord(item.contents) ? item.contents : {};
  // chatlog names system lines' sender "系统消息" (system message); that is nobody's username.
  const sender = type === 10000 ? null : (usernameOrNull(item.sender) ?? (isSent ? ctx.owner : null));
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId: null,
    localId: typeof item.seq === 'number' || typeof item.seq === 'string' ? String(item.seq) : null,
    conversation,
    sender,
    isSent,
    time,
    rawType: type,
    rawSubType: subType,
    content,
    raw: rawFieldsOf(item),
    media: [],
    warnings: [],
    preclassified: preclassifyChatlog(type, subType, content, contents, ctx.timeZone),
  };
}

/**
 * chatlog renders `content` only for text, system lines, quotes (the reply), pats and transfers
 * (`[转账|发送 ￥200.00](memo)`); media and cards keep their details in `contents` (CL `ParseMediaInfo`).
 */
export function preclassifyChatlog(
  type: number,
  subType: number | null,
  content: string,
  contents: Record<string, unknown>,
  timeZone: string,
): Preclassified {
  const field = (key: string): string | undefined =>
    typeof contents[key] === 'string' && contents[key].trim() ? contents[key].trim() : undefined;
  const kind = kindOfWechatType(type, subType);
  if (type === APP_MESSAGE && subType === 62) return preclassified('system', content, { subtype: 'pat' });
  switch (kind) {
    case 'text':
      return classifyPlainText(1, content);
    case 'system':
      return classifyPlainText(10000, content);
    case 'call':
      return classifyPlainText(50, content);
    case 'image':
    case 'video':
      return preclassified(kind, null, { md5: field('md5') });
    case 'link':
      return preclassified('link', field('title'), {
        title: field('title') ?? '',
        description: field('desc'),
        url: field('url'),
      });
    case 'file':
      return preclassified('file', field('title'), { fileName: field('title') ?? '', md5: field('md5') });
    case 'record':
      return preclassified('record', field('title'), { title: field('title') ?? '', items: [] });
    case 'miniprogram':
      return preclassified('miniprogram', field('title'), { title: field('title') ?? '', url: field('url') });
    case 'quote':
      return quote(content, contents.refer, timeZone);
    case 'transfer':
      return transfer(content);
    case 'unknown':
      return preclassified('unknown', content || null, { rawType: type, rawSubType: subType });
    default:
      return preclassified(kind, null);
  }
}

/**
 * `contents.refer` is the quoted message in chatlog's own shape; it has no server id. Its `time` is `refermsg/createtime`
 * as RFC 3339 (CL `ParseMediaInfo`); a quote without one gets the epoch from chatlog, which the check leaves out.
 */
function quote(reply: string, refer: unknown, timeZone: string): Preclassified {
  let quoted: QuotedMessage = { sourceId: null, text: DISPLAY_TEXT.quotedMessage };
  if (isRecord(refer)) {
    const type = integer(refer.type);
    const text = typeof refer.content === 'string' && refer.content.trim() ? refer.content : undefined;
    const kind = type === null ? undefined : kindOfWechatType(type, integer(refer.subType));
    quoted = compact<QuotedMessage>({
      sourceId: null,
      sender: usernameOrNull(refer.sender) ?? undefined,
      senderName: typeof refer.senderName === 'string' && refer.senderName ? refer.senderName : undefined,
      kind,
      text: text ?? (kind && kind !== 'text' ? preclassified(kind, null).text : DISPLAY_TEXT.quotedMessage),
      time: plausibleTimeOrUndefined(chatlogTime(refer.time, timeZone)),
    });
  }
  return preclassified('quote', reply, { text: reply, quoted });
}

const PAY_TYPES: Readonly<Record<string, number>> = { 发送: 1, 接收: 3, 退还: 4 };

function transfer(content: string): Preclassified {
  const match = /^\[转账\|(?:(发送|接收|退还) )?([^\]]*)\](?:\(([\s\S]*)\))?$/.exec(content.trim());
  const feeDesc = match?.[2]?.trim() || undefined;
  return preclassified('transfer', withDetail('transfer', feeDesc), {
    amount: amountOf(feeDesc),
    memo: match?.[3]?.trim() || undefined,
    feeDesc,
    payType: match?.[1] ? PAY_TYPES[match[1]] : undefined,
  });
}

function integer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : null;
}
