import { describe, expect, it } from 'vitest';
import { localeFromLanguages, resolveLocale } from './locales';
import { en } from './messages-en';
import { zhCN } from './messages-zh-cn';
import { createTranslator } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message tables', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const table of [en, zhCN])
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
  });

  it('really are translated: Chinese text in every Chinese message that has English words', () => {
    const untranslated = Object.entries(zhCN).filter(
      ([key, text]) =>
        /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')) &&
        !/[\u4e00-\u9fff]/.test(text) &&
        text === en[key as keyof typeof en],
    );
    // Names and codes are the same in both: the app's name, a placeholder path, format tokens.
    expect(untranslated.map(([key]) => key).sort()).toEqual(['app.windowTitle', 'import.pathPlaceholder']);
  });
});

describe('translate', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(createTranslator('en').t('archive.shownOf', { shown: 2, total: 12345 })).toBe('2 of 12,345 conversations');
    expect(createTranslator('zh-CN').t('archive.shownOf', { shown: 2, total: 12345 })).toBe('12,345 个会话中的 2 个');
  });

  it('chooses plural forms by the language’s rules', () => {
    const t = createTranslator('en');
    expect(t.plural('archive.messageCount', 1)).toBe('1 message');
    expect(t.plural('archive.messageCount', 2)).toBe('2 messages');
    expect(t.plural('archive.messageCount', 0)).toBe('0 messages');
    expect(createTranslator('zh-CN').plural('archive.messageCount', 1)).toBe('1 条消息');
  });

  it('leaves unknown placeholders visible rather than dropping text', () => {
    expect(createTranslator('en').t('unlock.title')).toBe('Unlock {name}');
  });
});

describe('language choice', () => {
  it('follows the system: any Chinese reads zh-CN, everything else English', () => {
    expect(localeFromLanguages(['zh-CN'])).toBe('zh-CN');
    expect(localeFromLanguages(['zh-TW', 'en'])).toBe('zh-CN');
    expect(localeFromLanguages(['de-DE', 'zh'])).toBe('zh-CN');
    expect(localeFromLanguages(['en-GB', 'zh-CN'])).toBe('en');
    expect(localeFromLanguages(['fr-FR'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });

  it('lets the person override the system', () => {
    expect(resolveLocale('system', ['zh-CN'])).toBe('zh-CN');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });
});
