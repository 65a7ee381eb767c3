import type { ErrorShape, Settings } from '../../../../electron/ipc/contract';
import { isLanguagePreference, resolveLocale, type LanguagePreference, type Locale } from '../../i18n/locales';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext } from '../../store/app-store';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface SettingsSlice {
  /** This computer's choices, kept outside the vault. */
  language: LanguagePreference;
  theme: ThemePreference;
  systemLanguages: readonly string[];
  systemPrefersDark: boolean;
  /** The vault's own settings; null while locked or loading. */
  vaultSettings: Settings | null;
  isSaving: boolean;
  error: ErrorShape | null;
  setLanguage(language: LanguagePreference): void;
  setTheme(theme: ThemePreference): void;
  systemChanged(change: { languages?: readonly string[]; prefersDark?: boolean }): void;
  loadVaultSettings(): Promise<void>;
  updateAutoLock(minutes: number): Promise<boolean>;
  /** Whether unlocking previews expired messages and asks about wiping them. */
  updateReviewExpired(isOn: boolean): Promise<boolean>;
  forgetVaultSettings(): void;
}

const LANGUAGE_KEY = 'language';
const THEME_KEY = 'theme';

/** The choices offered for auto-lock; 0 means never. The core accepts 0 to 1440. */
export const AUTO_LOCK_CHOICES = [1, 5, 10, 15, 30, 60, 120, 240, 0] as const;

function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

export function createSettingsSlice(ctx: SliceContext): SettingsSlice {
  const { client, preferences } = ctx.deps;
  const patch = (p: Partial<SettingsSlice>) => patchSlice(ctx, 'settings', p);
  const storedLanguage = preferences.read(LANGUAGE_KEY);
  const storedTheme = preferences.read(THEME_KEY);

  return {
    language: isLanguagePreference(storedLanguage) ? storedLanguage : 'system',
    theme: isThemePreference(storedTheme) ? storedTheme : 'system',
    systemLanguages: ctx.deps.systemLanguages,
    systemPrefersDark: ctx.deps.systemPrefersDark,
    vaultSettings: null,
    isSaving: false,
    error: null,

    setLanguage(language) {
      preferences.write(LANGUAGE_KEY, language === 'system' ? null : language);
      patch({ language });
    },

    setTheme(theme) {
      preferences.write(THEME_KEY, theme === 'system' ? null : theme);
      patch({ theme });
    },

    systemChanged({ languages, prefersDark }) {
      patch({ ...(languages ? { systemLanguages: languages } : {}), ...(prefersDark !== undefined ? { systemPrefersDark: prefersDark } : {}) });
    },

    async loadVaultSettings() {
      try {
        patch({ vaultSettings: await client.request('settings.get', undefined), error: null });
      } catch (error) {
        patch({ error: errorShapeOf(error) });
      }
    },

    async updateAutoLock(minutes) {
      patch({ isSaving: true, error: null });
      try {
        patch({ vaultSettings: await client.request('settings.update', { autoLockMinutes: minutes }), isSaving: false });
        return true;
      } catch (error) {
        patch({ isSaving: false, error: errorShapeOf(error) });
        return false;
      }
    },

    async updateReviewExpired(isOn) {
      patch({ isSaving: true, error: null });
      try {
        patch({ vaultSettings: await client.request('settings.update', { reviewExpiredOnUnlock: isOn }), isSaving: false });
        return true;
      } catch (error) {
        patch({ isSaving: false, error: errorShapeOf(error) });
        return false;
      }
    },

    forgetVaultSettings() {
      patch({ vaultSettings: null, isSaving: false, error: null });
    },
  };
}

export const selectLocale = (state: AppState): Locale => resolveLocale(state.settings.language, state.settings.systemLanguages);
export const selectIsDark = (state: AppState): boolean =>
  state.settings.theme === 'system' ? state.settings.systemPrefersDark : state.settings.theme === 'dark';
export const selectLanguagePreference = (state: AppState) => state.settings.language;
export const selectThemePreference = (state: AppState) => state.settings.theme;
export const selectVaultSettings = (state: AppState) => state.settings.vaultSettings;
export const selectSettingsSaving = (state: AppState) => state.settings.isSaving;
export const selectSettingsError = (state: AppState) => state.settings.error;
