import type { AiScope, ErrorShape, Settings } from '../../../../electron/ipc/contract';
import { canonicalTimeZone, hostTimeZone } from '../../../../electron/common/zoned-time';
import { isLanguagePreference, resolveLocale, type LanguagePreference, type Locale } from '../../i18n/locales';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';

export type ThemePreference = 'system' | 'light' | 'dark';
/** 'system', or an IANA zone name the person chose. */
export type TimeZonePreference = string;

/** Where changing the passphrase stands: the KDF runs for about a second, so the form shows it is busy. */
export interface PassphraseChange {
  isBusy: boolean;
  isDone: boolean;
  error: ErrorShape | null;
}

declare module '../../store/state' {
  interface AppState {
    settings: SettingsSlice;
  }
}

export interface SettingsSlice extends VaultBoundSlice {
  /** This computer's choices, kept outside the vault. */
  language: LanguagePreference;
  theme: ThemePreference;
  systemLanguages: readonly string[];
  systemPrefersDark: boolean;
  /**
   * The zone times are shown in and search dates and exports use. Kept on this computer, like the language: it is
   * how this person reads times here, not a fact about the vault (an export writes its own zone into the bag).
   */
  timeZone: TimeZonePreference;
  systemTimeZone: string;
  passphraseChange: PassphraseChange;
  /** The vault's own settings; null while locked or loading. */
  vaultSettings: Settings | null;
  isSaving: boolean;
  error: ErrorShape | null;
  setLanguage(language: LanguagePreference): void;
  setTheme(theme: ThemePreference): void;
  /** 'system' or an IANA zone; a name Intl does not know is ignored. */
  setTimeZone(timeZone: TimeZonePreference): void;
  /** Re-wraps the vault's key under a new passphrase (the core checks the current one first). */
  changePassphrase(currentPassphrase: string, newPassphrase: string, rekey?: boolean): Promise<boolean>;
  resetPassphraseChange(): void;
  systemChanged(change: { languages?: readonly string[]; prefersDark?: boolean }): void;
  loadVaultSettings(): Promise<void>;
  updateAutoLock(minutes: number): Promise<boolean>;
  /** Whether unlocking previews expired messages and asks about wiping them. */
  updateReviewExpired(isOn: boolean): Promise<boolean>;
  /** Days without a backup after which a reminder shows; 0: never. */
  updateBackupReminder(days: number): Promise<boolean>;
  /** The scopes saved for AI access (`locket mcp --scope NAME`); null while locked or loading. */
  aiScopes: AiScope[] | null;
  aiScopesError: ErrorShape | null;
  loadAiScopes(): Promise<void>;
  /** Saves a scope (replacing one of its name); false when the core refused it (the error says why). */
  saveAiScope(scope: AiScope): Promise<boolean>;
  deleteAiScope(name: string): Promise<boolean>;
}

const LANGUAGE_KEY = 'language';
const THEME_KEY = 'theme';
const TIME_ZONE_KEY = 'timeZone';
const PASSPHRASE_IDLE: PassphraseChange = { isBusy: false, isDone: false, error: null };

/**
 * The vault's part of the settings, before any vault is open and again once it locks. The rest (language, theme,
 * time zone, what the system reports) belongs to this computer and stays.
 */
const vaultFree = {
  passphraseChange: PASSPHRASE_IDLE,
  vaultSettings: null,
  isSaving: false,
  error: null,
  aiScopes: null,
  aiScopesError: null,
} satisfies Partial<SettingsSlice>;

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
  const storedZone = preferences.read(TIME_ZONE_KEY);
  /** Bumped by the lock: the vault's settings read before it are not shown after it. */
  let vaultOpened = 0;

  return {
    language: isLanguagePreference(storedLanguage) ? storedLanguage : 'system',
    theme: isThemePreference(storedTheme) ? storedTheme : 'system',
    systemLanguages: ctx.deps.systemLanguages,
    systemPrefersDark: ctx.deps.systemPrefersDark,
    timeZone: storedZone && canonicalTimeZone(storedZone) ? storedZone : 'system',
    systemTimeZone: ctx.deps.systemTimeZone ?? hostTimeZone(),
    ...vaultFree,

    setLanguage(language) {
      preferences.write(LANGUAGE_KEY, language === 'system' ? null : language);
      patch({ language });
    },

    setTheme(theme) {
      preferences.write(THEME_KEY, theme === 'system' ? null : theme);
      patch({ theme });
    },

    setTimeZone(timeZone) {
      if (timeZone !== 'system' && !canonicalTimeZone(timeZone)) return;
      preferences.write(TIME_ZONE_KEY, timeZone === 'system' ? null : timeZone);
      patch({ timeZone });
    },

    async changePassphrase(currentPassphrase, newPassphrase, rekey = false) {
      patch({ passphraseChange: { isBusy: true, isDone: false, error: null } });
      try {
        const status = await client.request('vault.changePassphrase', {
          currentPassphrase,
          newPassphrase,
          ...(rekey ? { rekey } : {}),
        });
        patch({ passphraseChange: { isBusy: false, isDone: true, error: null } });
        // A replaced key comes with a new recovery code: it gets the full screen, as at creation, not a notice.
        if (status.recoveryCode) ctx.get().vault.showReplacedRecoveryCode(status.recoveryCode);
        return true;
      } catch (error) {
        patch({ passphraseChange: { isBusy: false, isDone: false, error: errorShapeOf(error) } });
        return false;
      }
    },

    resetPassphraseChange() {
      patch({ passphraseChange: PASSPHRASE_IDLE });
    },

    systemChanged({ languages, prefersDark }) {
      patch({
        ...(languages ? { systemLanguages: languages } : {}),
        ...(prefersDark !== undefined ? { systemPrefersDark: prefersDark } : {}),
      });
    },

    async loadVaultSettings() {
      const opened = vaultOpened;
      try {
        const vaultSettings = await client.request('settings.get', undefined);
        if (opened === vaultOpened) patch({ vaultSettings, error: null });
      } catch (error) {
        if (opened === vaultOpened) patch({ error: errorShapeOf(error) });
      }
    },

    async updateAutoLock(minutes) {
      patch({ isSaving: true, error: null });
      try {
        patch({
          vaultSettings: await client.request('settings.update', { autoLockMinutes: minutes }),
          isSaving: false,
        });
        return true;
      } catch (error) {
        patch({ isSaving: false, error: errorShapeOf(error) });
        return false;
      }
    },

    async updateReviewExpired(isOn) {
      patch({ isSaving: true, error: null });
      try {
        patch({
          vaultSettings: await client.request('settings.update', { reviewExpiredOnUnlock: isOn }),
          isSaving: false,
        });
        return true;
      } catch (error) {
        patch({ isSaving: false, error: errorShapeOf(error) });
        return false;
      }
    },

    async updateBackupReminder(days) {
      patch({ isSaving: true, error: null });
      try {
        patch({
          vaultSettings: await client.request('settings.update', { backupReminderDays: days }),
          isSaving: false,
        });
        return true;
      } catch (error) {
        patch({ isSaving: false, error: errorShapeOf(error) });
        return false;
      }
    },

    async loadAiScopes() {
      const opened = vaultOpened;
      try {
        const aiScopes = await client.request('settings.aiScopes', undefined);
        if (opened === vaultOpened) patch({ aiScopes, aiScopesError: null });
      } catch (error) {
        if (opened === vaultOpened) patch({ aiScopesError: errorShapeOf(error) });
      }
    },

    async saveAiScope(scope) {
      const opened = vaultOpened;
      try {
        const aiScopes = await client.request('settings.saveAiScope', scope);
        if (opened === vaultOpened) patch({ aiScopes, aiScopesError: null });
        return opened === vaultOpened;
      } catch (error) {
        if (opened === vaultOpened) patch({ aiScopesError: errorShapeOf(error) });
        return false;
      }
    },

    async deleteAiScope(name) {
      const opened = vaultOpened;
      try {
        const aiScopes = await client.request('settings.deleteAiScope', { name });
        if (opened === vaultOpened) patch({ aiScopes, aiScopesError: null });
        return opened === vaultOpened;
      } catch (error) {
        if (opened === vaultOpened) patch({ aiScopesError: errorShapeOf(error) });
        return false;
      }
    },

    resetOnLock() {
      vaultOpened++;
      patch({ ...vaultFree });
    },
  };
}

export const selectLocale = (state: AppState): Locale =>
  resolveLocale(state.settings.language, state.settings.systemLanguages);
export const selectIsDark = (state: AppState): boolean =>
  state.settings.theme === 'system' ? state.settings.systemPrefersDark : state.settings.theme === 'dark';
/** The zone to show times in and to send with searches and exports: the chosen one, else the system's. */
export const selectTimeZone = (state: AppState): string =>
  state.settings.timeZone === 'system' ? state.settings.systemTimeZone : state.settings.timeZone;
export const selectTimeZonePreference = (state: AppState) => state.settings.timeZone;
export const selectSystemTimeZone = (state: AppState) => state.settings.systemTimeZone;
export const selectPassphraseChange = (state: AppState) => state.settings.passphraseChange;
export const selectLanguagePreference = (state: AppState) => state.settings.language;
export const selectThemePreference = (state: AppState) => state.settings.theme;
export const selectVaultSettings = (state: AppState) => state.settings.vaultSettings;
export const selectSettingsSaving = (state: AppState) => state.settings.isSaving;
export const selectSettingsError = (state: AppState) => state.settings.error;
