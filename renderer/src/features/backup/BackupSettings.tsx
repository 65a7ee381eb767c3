import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PathField } from '../../components/PathField';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectSettingsSaving, selectVaultSettings } from '../settings/settings-slice';
import { REMINDER_CHOICES, progressFraction, selectBackup } from './backup-slice';
import { BackupList } from './BackupList';
import './backup.css';

/** Settings → Backup: the folder, Back up now with its progress, the last backup, the reminder, and every backup. */
export function BackupSettings() {
  const t = useI18n();
  const backup = useAppStore(selectBackup);
  const vaultSettings = useAppStore(selectVaultSettings);
  const isSaving = useAppStore(selectSettingsSaving);
  const updateReminder = useAppStore((s) => s.settings.updateBackupReminder);
  const { load, clearResult, setFolder, backUp, cancelBackup } = backup;
  useEffect(() => {
    // A result from an earlier visit may no longer be true (a wipe since): only the list, loaded afresh, is shown.
    clearResult();
    void load();
  }, [load, clearResult]);

  const overview = backup.overview;
  const latest = overview?.backups[0] ?? null;
  const canBackUp = !backup.isBackingUp && (backup.folder.trim() !== '' || latest !== null);
  const days = vaultSettings?.backupReminderDays;
  const result = backup.lastResult;

  return (
    <section className="panel settings-group" aria-labelledby="settings-backup" data-testid="backup-settings">
      <h2 id="settings-backup">{t.t('backup.title')}</h2>
      <p className="field-help">{t.t('backup.hint')}</p>
      <dl className="facts">
        <dt>{t.t('backup.last')}</dt>
        <dd data-testid="backup-last">
          {overview?.lastBackupAt
            ? t.t('backup.lastValue', {
                when: t.format.dateTime(overview.lastBackupAt / 1000),
                size: t.format.bytes(latest?.bytes ?? 0),
              })
            : overview
              ? t.t('backup.never')
              : t.t('common.loading')}
        </dd>
      </dl>
      <PathField
        label={t.t('backup.folder')}
        value={backup.folder}
        onChange={setFolder}
        purpose="backup-folder"
        placeholder={latest?.path ?? t.t('backup.folderPlaceholder')}
        help={t.t('backup.folderHint')}
      />
      {backup.isBackingUp ? (
        <div className="backup-progress" data-testid="backup-progress">
          <ProgressBar fraction={progressFraction(backup.backupProgress)} label={t.t('backup.running')} />
          <div className="form-actions">
            <span className="field-help">
              {backup.backupProgress
                ? t.t('backup.progress', {
                    files: backup.backupProgress.files,
                    total: backup.backupProgress.totalFiles,
                    size: t.format.bytes(backup.backupProgress.bytes),
                  })
                : t.t('backup.running')}
            </span>
            <button type="button" className="button" onClick={() => void cancelBackup()}>
              {t.t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button is-primary" disabled={!canBackUp} onClick={() => void backUp()}>
            <Icon name="archive" size={16} />
            {t.t('backup.now')}
          </button>
        </div>
      )}
      {result && (
        <p className="notice is-success" role="status" data-testid="backup-result">
          <Icon name="check" size={18} />
          <span>
            {t.plural('backup.done', result.filesCopied, {
              kept: result.filesKept,
              removed: result.filesRemoved,
              size: t.format.bytes(result.bytes),
            })}
            {result.wipesCleared.length > 0 && ` ${t.plural('backup.wipesCleared', result.wipesCleared.length)}`}
          </span>
        </p>
      )}
      {backup.backupError && <ErrorNotice error={backup.backupError} />}
      <div className="setting">
        <label htmlFor="setting-backup-reminder">{t.t('backup.reminder')}</label>
        <select
          id="setting-backup-reminder"
          className="input is-select"
          value={days ?? ''}
          disabled={days === undefined || isSaving}
          onChange={(event) => void updateReminder(Number(event.target.value)).then(() => load())}
        >
          {days === undefined && <option value="">{t.t('common.loading')}</option>}
          {[...new Set([...REMINDER_CHOICES, ...(days !== undefined ? [days] : [])])]
            .sort((a, b) => a - b)
            .map((value) => (
              <option key={value} value={value}>
                {value === 0 ? t.t('backup.reminderNever') : t.plural('backup.reminderDays', value)}
              </option>
            ))}
        </select>
      </div>
      {overview && overview.backups.length > 0 && <BackupList backups={overview.backups} />}
    </section>
  );
}
