import type { RecordLanguage } from './record-language';

type SeededKey = 'keepForever' | 'business' | 'personal' | 'transient';
type Words = { name: string; description: string };

/**
 * The retention classes a new vault starts with, by the English name the vault stores (catalog migration 0002:
 * the vault does not know who will read it), with their words in each language. The app, the printed audit log and
 * the CLI's records show a seeded class in the reader's language until someone renames it.
 */
export const SEEDED_CLASSES: Readonly<Record<string, { key: SeededKey } & Readonly<Record<RecordLanguage, Words>>>> = {
  'Keep forever': {
    key: 'keepForever',
    en: { name: 'Keep forever', description: 'Never expires.' },
    'zh-CN': { name: '永久保留', description: '永不过期。' },
  },
  'Business records': {
    key: 'business',
    en: { name: 'Business records', description: 'Business correspondence kept for seven years.' },
    'zh-CN': { name: '业务记录', description: '业务往来消息保留七年。' },
  },
  Personal: {
    key: 'personal',
    en: { name: 'Personal', description: 'Personal chats kept for one year.' },
    'zh-CN': { name: '个人', description: '个人聊天保留一年。' },
  },
  Transient: {
    key: 'transient',
    en: { name: 'Transient', description: 'Short-lived chatter kept for thirty days.' },
    'zh-CN': { name: '临时', description: '短暂的闲聊保留三十天。' },
  },
};

/** A class's stored name as a reader of the language reads it: a seeded class in their words, any other as stored. */
export function seededClassName(storedName: string, lang: RecordLanguage): string {
  return SEEDED_CLASSES[storedName]?.[lang].name ?? storedName;
}

/** The app's `retention.seeded.*` messages in one language, from the table above. */
export function seededClassMessages(lang: RecordLanguage): {
  [K in `retention.seeded.${SeededKey}.${keyof Words}`]: string;
} {
  const messages: Record<string, string> = {};
  for (const seeded of Object.values(SEEDED_CLASSES)) {
    messages[`retention.seeded.${seeded.key}.name`] = seeded[lang].name;
    messages[`retention.seeded.${seeded.key}.description`] = seeded[lang].description;
  }
  return messages as ReturnType<typeof seededClassMessages>;
}
