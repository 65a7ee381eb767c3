import { selectLocale, selectTimeZone } from '../features/settings/settings-slice';
import { useAppStore } from '../store/useAppStore';
import type { Locale } from './locales';
import { createTranslator, type Translator } from './translate';

const translators = new Map<string, Translator>();

/** The translator for a language and time zone; the same object for as long as neither changes. */
export function translatorFor(locale: Locale, timeZone?: string): Translator {
  const key = `${locale}\u0000${timeZone ?? ''}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = createTranslator(locale, timeZone);
    translators.set(key, translator);
  }
  return translator;
}

/** Words in the chosen language, dates and times in the chosen zone (Settings → Time zone). */
export function useI18n(): Translator {
  return translatorFor(useAppStore(selectLocale), useAppStore(selectTimeZone));
}
