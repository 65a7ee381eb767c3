import { selectLocale } from '../features/settings/settings-slice';
import { useAppStore } from '../store/useAppStore';
import type { Locale } from './locales';
import { createTranslator, type Translator } from './translate';

const translators = new Map<Locale, Translator>();

/** The translator for the current language; the same object for as long as the language stays the same. */
export function translatorFor(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = createTranslator(locale);
    translators.set(locale, translator);
  }
  return translator;
}

export function useI18n(): Translator {
  return translatorFor(useAppStore(selectLocale));
}
