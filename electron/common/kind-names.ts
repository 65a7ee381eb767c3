import { PLACEHOLDER_TOKENS, type MessageKind } from './message-kinds';
import type { RecordLanguage } from './record-language';

/** A kind, or "message" for one whose kind is not known (a quoted message whose body is not in the vault). */
export type NamedKind = MessageKind | 'message';

/**
 * Message kinds by name, in each language Locket speaks: the one table the app (its `kind.*` messages are made
 * from it), the evidence bags (transcript placeholders, the provenance page) and the CLI read, so a kind is never
 * named two ways. Typed per language over every kind, so a new kind without a name in both does not compile.
 */
export const KIND_NAMES: Readonly<Record<RecordLanguage, Readonly<Record<NamedKind, string>>>> = {
  // The English names are the placeholder tokens vaults store ("[Image]"), but for text, which has none, and a
  // record, which the app calls a chat history; a token never changes, a name here may (override it here).
  en: { ...PLACEHOLDER_TOKENS, text: 'Text', record: 'Chat history' },
  'zh-CN': {
    message: '消息',
    text: '文字',
    image: '图片',
    voice: '语音',
    video: '视频',
    sticker: '表情',
    link: '链接',
    file: '文件',
    quote: '引用',
    record: '聊天记录',
    transfer: '转账',
    'red-packet': '红包',
    location: '位置',
    card: '名片',
    call: '通话',
    system: '系统消息',
    revoke: '消息已撤回',
    miniprogram: '小程序',
    unknown: '暂不支持的消息',
  },
};

/** The kind names of one language as message-table entries (`kind.image`: "Image"), for the app's i18n tables. */
export function kindMessages(lang: RecordLanguage): { [K in NamedKind as `kind.${K}`]: string } {
  return Object.fromEntries(Object.entries(KIND_NAMES[lang]).map(([kind, name]) => [`kind.${kind}`, name])) as {
    [K in NamedKind as `kind.${K}`]: string;
  };
}
