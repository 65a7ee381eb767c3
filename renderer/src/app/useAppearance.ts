import { useEffect } from 'react';
import { selectIsDark, selectLocale } from '../features/settings/settings-slice';
import { useI18n } from '../i18n/useI18n';
import { onSystemColorSchemeChange, onSystemLanguageChange, systemLanguages } from '../services/system';
import { useAppStore } from '../store/useAppStore';

/**
 * Keeps the document in step with the chosen language and theme: `lang` (which also picks Chinese glyph shapes
 * from the CJK fonts), `data-theme` for the colour tokens, and the window title. Follows the system's changes.
 */
export function useAppearance(): void {
  const locale = useAppStore(selectLocale);
  const isDark = useAppStore(selectIsDark);
  const systemChanged = useAppStore((s) => s.settings.systemChanged);
  const t = useI18n();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.t('app.windowTitle');
  }, [locale, t]);

  useEffect(() => {
    document.documentElement.dataset.theme = isDark ? 'dark' : 'light';
  }, [isDark]);

  useEffect(() => {
    const stopScheme = onSystemColorSchemeChange((prefersDark) => systemChanged({ prefersDark }));
    const stopLanguage = onSystemLanguageChange(() => systemChanged({ languages: systemLanguages() }));
    return () => {
      stopScheme();
      stopLanguage();
    };
  }, [systemChanged]);
}
