/** What the system says about the person's language and colour scheme, and when it changes. */
export function systemLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function systemPrefersDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

export function onSystemColorSchemeChange(listener: (isDark: boolean) => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  const relay = (event: MediaQueryListEvent) => listener(event.matches);
  query.addEventListener('change', relay);
  return () => query.removeEventListener('change', relay);
}

export function onSystemLanguageChange(listener: () => void): () => void {
  window.addEventListener('languagechange', listener);
  return () => window.removeEventListener('languagechange', listener);
}
