export type Locale = 'en' | 'zh-CN';
export type LanguagePreference = 'system' | Locale;

/** Chinese in any region or script reads the zh-CN table; everything else reads English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

export function resolveLocale(preference: LanguagePreference, systemLanguages: readonly string[]): Locale {
  return preference === 'system' ? localeFromLanguages(systemLanguages) : preference;
}

export function isLanguagePreference(value: unknown): value is LanguagePreference {
  return value === 'system' || value === 'en' || value === 'zh-CN';
}
