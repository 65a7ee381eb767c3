import { createFormatter, type Formatter } from './format';
import type { Locale } from './locales';
import { en, type MessageKey, type Messages } from './messages-en';
import { zhCN } from './messages-zh-cn';

const TABLES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Base names of plural messages: every `x.other` key makes `x` a plural base (with `x.one` optional). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

export type MessageParams = Record<string, string | number>;

export interface Translator {
  readonly locale: Locale;
  readonly format: Formatter;
  t(key: MessageKey, params?: MessageParams): string;
  /** Picks `key.one` or `key.other` by the locale's plural rules; `{count}` is the formatted count. */
  plural(key: PluralKey, count: number, params?: MessageParams): string;
}

/** Fills `{name}` placeholders; numbers are formatted for the locale, unknown names are left as written. */
export function fill(template: string, params: MessageParams | undefined, format: Formatter): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? format.number(value) : value;
  });
}

export function createTranslator(locale: Locale, timeZone?: string): Translator {
  const table = TABLES[locale];
  const format = createFormatter(locale, timeZone);
  const rules = new Intl.PluralRules(locale);
  return {
    locale,
    format,
    t: (key, params) => fill(table[key], params, format),
    plural(key, count, params) {
      const rule = rules.select(count);
      const candidate = `${key}.${rule}`;
      const chosen = (candidate in table ? candidate : `${key}.other`) as MessageKey;
      return fill(table[chosen], { ...params, count }, format);
    },
  };
}
