import type { MessageKind } from '../model';

/**
 * The kind a WeChat base type and app subtype stand for (§6.1, §6.2), for exports that keep the numbers but not the
 * XML. Mirrors the classifier's tables (classify-message.ts), which read the same numbers from inside the XML.
 */
const BASE_KINDS: Readonly<Record<number, MessageKind>> = {
  1: 'text',
  3: 'image',
  34: 'voice',
  42: 'card',
  43: 'video',
  47: 'sticker',
  48: 'location',
  50: 'call',
  62: 'video',
  9999: 'system',
  10000: 'system',
  10002: 'system',
};

const APP_KINDS: Readonly<Record<number, MessageKind>> = {
  1: 'link',
  2: 'image',
  3: 'link',
  4: 'link',
  5: 'link',
  6: 'file',
  8: 'sticker',
  15: 'sticker',
  17: 'location',
  19: 'record',
  33: 'miniprogram',
  36: 'miniprogram',
  57: 'quote',
  62: 'system',
  74: 'file',
  76: 'link',
  92: 'link',
  2000: 'transfer',
  2001: 'red-packet',
};

export const APP_MESSAGE = 49;

export function kindOfWechatType(type: number, subType: number | null): MessageKind {
  if (type === APP_MESSAGE) return (subType === null ? undefined : APP_KINDS[subType]) ?? 'unknown';
  return BASE_KINDS[type] ?? 'unknown';
}
