import type { ChangeEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { localeFromLanguages, type LanguagePreference } from '../../i18n/locales';
import { useAppStore } from '../../store/useAppStore';
import { selectVaultStatus } from '../vault/vault-slice';
import {
  AUTO_LOCK_CHOICES,
  selectLanguagePreference,
  selectSettingsError,
  selectSettingsSaving,
  selectThemePreference,
  selectVaultSettings,
  type ThemePreference,
} from './settings-slice';
import { BackupSettings } from '../backup/BackupSettings';
import { CheckSettings } from '../backup/CheckSettings';
import { AiAccessSetting } from './AiAccessSetting';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { SigningKeySetting } from './SigningKeySetting';
import { StorageSettings } from './StorageSettings';
import { TimeZoneSetting } from './TimeZoneSetting';
import './settings.css';

const THEMES: ThemePreference[] = ['system', 'light', 'dark'];

/**
 * Language, theme and time zone (this computer), auto-lock and passphrase (this vault), Lock now, backup, check and
 * storage (compacting), and facts about the vault.
 */
export function SettingsScreen() {
  const t = useI18n();
  const language = useAppStore(selectLanguagePreference);
  const theme = useAppStore(selectThemePreference);
  const systemLanguages = useAppStore((s) => s.settings.systemLanguages);
  const vaultSettings = useAppStore(selectVaultSettings);
  const isSaving = useAppStore(selectSettingsSaving);
  const error = useAppStore(selectSettingsError);
  const status = useAppStore(selectVaultStatus);
  const { setLanguage, setTheme, updateAutoLock, updateReviewExpired } = useAppStore((s) => s.settings);
  const lock = useAppStore((s) => s.vault.lock);
  const systemName = localeFromLanguages(systemLanguages) === 'zh-CN' ? '简体中文' : 'English';
  const minutes = vaultSettings?.autoLockMinutes;
  const choices =
    minutes === undefined || (AUTO_LOCK_CHOICES as readonly number[]).includes(minutes)
      ? AUTO_LOCK_CHOICES
      : [...AUTO_LOCK_CHOICES, minutes];

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t.t('settings.title')}</h1>
      </header>

      <section className="panel settings-group" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t.t('settings.appearance')}</h2>
        <div className="setting">
          <label htmlFor="setting-language">{t.t('settings.language')}</label>
          <select
            id="setting-language"
            className="input is-select"
            value={language}
            onChange={(event: ChangeEvent<HTMLSelectElement>) => setLanguage(event.target.value as LanguagePreference)}
          >
            <option value="system">{t.t('settings.followSystem', { name: systemName })}</option>
            <option value="en" lang="en">
              English
            </option>
            <option value="zh-CN" lang="zh-CN">
              简体中文
            </option>
          </select>
        </div>
        <div className="setting">
          <span id="setting-theme-label">{t.t('settings.theme')}</span>
          <div className="segmented" role="radiogroup" aria-labelledby="setting-theme-label">
            {THEMES.map((value) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={theme === value}
                className={theme === value ? 'is-active' : ''}
                onClick={() => setTheme(value)}
              >
                {t.t(`settings.theme.${value}`)}
              </button>
            ))}
          </div>
        </div>
        <TimeZoneSetting />
      </section>

      <section className="panel settings-group" aria-labelledby="settings-security">
        <h2 id="settings-security">{t.t('settings.security')}</h2>
        <div className="setting">
          <label htmlFor="setting-autolock">{t.t('settings.autoLock')}</label>
          <select
            id="setting-autolock"
            className="input is-select"
            value={minutes ?? ''}
            disabled={minutes === undefined || isSaving}
            onChange={(event) => void updateAutoLock(Number(event.target.value))}
          >
            {minutes === undefined && <option value="">{t.t('common.loading')}</option>}
            {choices.map((value) => (
              <option key={value} value={value}>
                {value === 0
                  ? t.t('settings.autoLockNever')
                  : value >= 60 && value % 60 === 0
                    ? t.plural('settings.hours', value / 60)
                    : t.plural('settings.minutes', value)}
              </option>
            ))}
          </select>
        </div>
        <p className="field-help">{t.t('settings.autoLockHint')}</p>
        {/* The box beside its words, as everywhere: at the far end of the row it read as belonging to nothing. */}
        <label className="checkbox" htmlFor="setting-review-expired">
          <input
            id="setting-review-expired"
            type="checkbox"
            checked={vaultSettings?.reviewExpiredOnUnlock ?? false}
            disabled={!vaultSettings || isSaving}
            onChange={(event) => void updateReviewExpired(event.target.checked)}
          />
          <span>{t.t('settings.reviewExpired')}</span>
        </label>
        <p className="field-help">{t.t('settings.reviewExpiredHint')}</p>
        {error && <ErrorNotice error={error} />}
        <div className="setting">
          <span>{t.t('settings.lockNow')}</span>
          <button type="button" className="button" onClick={() => void lock()}>
            <Icon name="lock" size={16} />
            {t.t('nav.lock')}
          </button>
        </div>
      </section>

      <section className="panel settings-group" aria-labelledby="settings-passphrase">
        <h2 id="settings-passphrase">{t.t('settings.passphrase')}</h2>
        <p className="field-help">{t.t('settings.passphraseHint')}</p>
        <ChangePassphraseForm />
      </section>

      <BackupSettings />
      <CheckSettings />
      {status?.state === 'unlocked' && <StorageSettings />}
      {status?.state === 'unlocked' && <AiAccessSetting />}

      {status && status.state === 'unlocked' && (
        <section className="panel settings-group" aria-labelledby="settings-vault">
          <h2 id="settings-vault">{t.t('settings.vault')}</h2>
          <dl className="facts">
            <dt>{t.t('settings.vaultPath')}</dt>
            <dd className="is-path">{status.path}</dd>
            {status.createdAt !== null && (
              <>
                <dt>{t.t('settings.vaultCreated')}</dt>
                <dd>{t.format.dateTime(status.createdAt > 1e11 ? status.createdAt / 1000 : status.createdAt)}</dd>
              </>
            )}
            {status.counts && (
              <>
                <dt>{t.t('settings.vaultContents')}</dt>
                <dd>
                  {t.t('settings.vaultCounts', {
                    conversations: status.counts.conversations,
                    messages: status.counts.messages,
                    media: status.counts.mediaFiles,
                  })}
                </dd>
              </>
            )}
            {status.kdf && (
              <>
                <dt>{t.t('settings.vaultKdf')}</dt>
                <dd>
                  {t.t('settings.vaultKdfValue', {
                    passes: t.plural('settings.passes', status.kdf.opsLimit),
                    memory: t.format.bytes(status.kdf.memLimitKiB * 1024),
                  })}
                </dd>
              </>
            )}
            {status.formatVersion !== null && (
              <>
                <dt>{t.t('settings.vaultFormat')}</dt>
                <dd>{status.formatVersion}</dd>
              </>
            )}
          </dl>
          {status.signingKeyFingerprint && <SigningKeySetting fingerprint={status.signingKeyFingerprint} />}
        </section>
      )}
    </div>
  );
}
