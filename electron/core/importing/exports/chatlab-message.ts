import { DISPLAY_TEXT } from '../classify-message';
import type { MessageKind, SourceMessage } from '../model';
import type { ChatLabMessage } from './chatlab-shape';
import { isImpreciseId, serverIdOf } from './export-ids';
import { isUrl } from './export-media';
import { amountOf, classifyPlainText, preclassified, withDetail, type Preclassified } from './preclassified';
import { rawFieldsOf } from './raw-fields';
import { skipped, type Skipped } from './skipped-records';

export interface ChatLabContext {
  sourceFile: string;
  conversation: string;
  owner: string | null;
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

const TEXT_TYPES = new Set([0, 25]);

export function toChatLabMessage(message: ChatLabMessage, ctx: ChatLabContext): SourceMessage | Skipped {
  const time = secondsOf(message.timestamp);
  if (time === null) return skipped('invalid-time');
  const warnings: string[] = [];
  if (message.content === null && TEXT_TYPES.has(message.type)) warnings.push('null-content');
  if (isImpreciseId(message.platformMessageId) || isImpreciseId(message.replyToMessageId)) warnings.push('imprecise-id');
  const content = message.content ?? '';
  const types = TYPES[message.type] ?? { rawType: 0, rawSubType: null };
  // A numeric platformMessageId is the WeChat server id (what WeChat exporters put there); any other id is local.
  const sourceId = serverIdOf(message.platformMessageId);
  const platformId = typeof message.platformMessageId === 'string' ? message.platformMessageId : null;
  return {
    type: 'message',
    sourceFile: ctx.sourceFile,
    sourceId,
    localId: sourceId ? null : platformId,
    conversation: ctx.conversation,
    sender: message.sender,
    isSent: ctx.owner !== null && message.sender === ctx.owner,
    time,
    rawType: types.rawType,
    rawSubType: types.rawSubType,
    content,
    raw: rawFieldsOf(message.record),
    media: [],
    warnings,
    preclassified: preclassifyChatLab(message.type, message.content, message.replyToMessageId),
  };
}

/**
 * ChatLab types → kinds (§8.5): 22 poke is a system line, 24 share is a mini program when its text says so and a
 * link otherwise, 25 reply a quote (with `replyToMessageId` as the quoted server id when numeric), 26 forward a
 * record, 81 recall a revoke, 99 and numbers the format does not define are unknown. `content` may be null for
 * non-text messages; the kind's placeholder is shown then.
 */
export function preclassifyChatLab(type: number, content: string | null, replyTo: unknown): Preclassified {
  const body = content ?? '';
  const detail = body.trim() || undefined;
  switch (type) {
    case 0:
      return classifyPlainText(1, body);
    case 1:
    case 2:
    case 3:
    case 5:
      return preclassified(MEDIA_KINDS[type]!, null);
    case 4:
      return preclassified('file', detail, { fileName: detail ?? '' });
    case 7:
      return link(detail);
    case 8:
      return preclassified('location', withDetail('location', detail), { label: detail });
    case 20:
      return preclassified('red-packet', withDetail('red-packet', detail), { title: detail });
    case 21:
      return preclassified('transfer', withDetail('transfer', detail), { feeDesc: detail, amount: amountOf(detail) });
    case 22:
      return preclassified('system', detail, { subtype: 'pat' });
    case 23:
      return classifyPlainText(50, body);
    case 24:
      return detail && /小程序|mini ?program/i.test(detail) ? preclassified('miniprogram', detail, { title: detail }) : link(detail);
    case 25:
      return preclassified('quote', detail, { text: body, quoted: { sourceId: serverIdOf(replyTo), text: DISPLAY_TEXT.quotedMessage } });
    case 26:
      return preclassified('record', detail, { title: detail ?? '', items: [] });
    case 27:
      return preclassified('card', withDetail('card', detail), { nickname: detail });
    case 80:
      return classifyPlainText(10000, body);
    case 81:
      return preclassified('revoke', detail, { text: detail ?? DISPLAY_TEXT.kind.revoke });
    default:
      return preclassified('unknown', detail, { chatlabType: type });
  }
}

const MEDIA_KINDS: Readonly<Record<number, MessageKind>> = { 1: 'image', 2: 'voice', 3: 'video', 5: 'sticker' };

function link(detail: string | undefined): Preclassified {
  return preclassified('link', detail, { title: detail ?? '', url: detail && isUrl(detail) ? detail : undefined });
}

/** `timestamp` is Unix seconds (§8.5); a numeric string is accepted, anything else is not a time. */
function secondsOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}(?:\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}
