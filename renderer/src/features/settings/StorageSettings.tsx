import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { progressFraction } from '../backup/backup-slice';
import { compactionRatio, selectIsOtherChangeRunning, selectStorage } from './storage-slice';

/**
 * Settings → Storage: how much of the vault is still in the format written before compression (from file headers,
 * nothing decrypted), and Compact now with its progress, cancel and the sizes before and after.
 */
export function StorageSettings() {
  const t = useI18n();
  const storage = useAppStore(selectStorage);
  const isOtherChangeRunning = useAppStore(selectIsOtherChangeRunning);
  const { load, clearResult, compact, cancel } = storage;
  useEffect(() => {
    // A result from an earlier visit may no longer be true: what is left is measured afresh.
    clearResult();
  }, [clearResult]);
  useEffect(() => {
    // Measured on each visit, and again when an import, a backup or a wipe ends: their commits rewrite files.
    if (!isOtherChangeRunning) void load();
  }, [isOtherChangeRunning, load]);

  const { status, progress, result, error } = storage;
  const ratio = result ? compactionRatio(result) : null;
  const toRewrite = status ? status.uncompressedFiles + status.outdatedFiles : 0;
  return (
    <section className="panel settings-group" aria-labelledby="settings-storage" data-testid="storage-settings">
      <h2 id="settings-storage">{t.t('storage.title')}</h2>
      <p className="field-help">{t.t('storage.hint')}</p>
      {!status && !error && <p className="field-help">{t.t('common.loading')}</p>}
      {status && toRewrite === 0 && !storage.isCompacting && (
        <p className="field-help" data-testid="storage-all-compressed">
          {t.plural('storage.allCompressed', status.files, { size: t.format.bytes(status.bytes) })}
        </p>
      )}
      {status && (toRewrite > 0 || storage.isCompacting) && (
        <>
          <dl className="facts">
            {(status.uncompressedFiles > 0 || status.outdatedFiles === 0) && (
              <>
                <dt>{t.t('storage.uncompressed')}</dt>
                <dd data-testid="storage-uncompressed">
                  {t.plural('storage.uncompressedValue', status.uncompressedFiles, {
                    total: status.files,
                    size: t.format.bytes(status.uncompressedBytes),
                  })}
                </dd>
              </>
            )}
            {status.outdatedFiles > 0 && (
              <>
                <dt>{t.t('storage.outdated')}</dt>
                <dd data-testid="storage-outdated">
                  {t.plural('storage.outdatedValue', status.outdatedFiles, {
                    total: status.files,
                    size: t.format.bytes(status.outdatedBytes),
                  })}
                </dd>
              </>
            )}
          </dl>
          <p className="field-help">{t.t('storage.compactHint')}</p>
          {storage.isCompacting ? (
            <div className="backup-progress" data-testid="storage-progress">
              <ProgressBar fraction={progressFraction(progress)} label={t.t('storage.compacting')} />
              <div className="form-actions">
                <span className="field-help">
                  {progress?.phase === 'committing' || progress?.phase === 'done'
                    ? t.t('storage.saving')
                    : progress
                      ? t.t('storage.progress', {
                          files: progress.files,
                          total: progress.totalFiles,
                          size: t.format.bytes(progress.bytes),
                          totalSize: t.format.bytes(progress.totalBytes),
                        })
                      : t.t('storage.compacting')}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={progress?.phase === 'committing' || progress?.phase === 'done'}
                  onClick={() => void cancel()}
                >
                  {t.t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                className="button is-primary"
                disabled={isOtherChangeRunning}
                onClick={() => void compact()}
              >
                <Icon name="compress" size={16} />
                {t.t('storage.compactNow')}
              </button>
              {isOtherChangeRunning && <span className="field-help">{t.t('storage.waitForOther')}</span>}
            </div>
          )}
        </>
      )}
      {result && ratio !== null && (
        <p className="notice is-success" role="status" data-testid="storage-result">
          <Icon name="check" size={18} />
          <span>
            {t.t('storage.done', {
              before: t.format.bytes(result.bytesBefore),
              after: t.format.bytes(result.bytesAfter),
              ratio: ratio.toFixed(1),
            })}
          </span>
        </p>
      )}
      {error?.code === 'cancelled' ? (
        <p className="notice is-info" role="status" data-testid="storage-cancelled">
          <Icon name="info" size={18} />
          <span>{t.t('storage.cancelled')}</span>
        </p>
      ) : (
        error && <ErrorNotice error={error} />
      )}
    </section>
  );
}
