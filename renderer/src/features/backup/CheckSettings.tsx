import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import { useAppStore } from '../../store/useAppStore';
import type { CheckProblemKind } from '../../../../electron/ipc/contract';
import { progressFraction, selectBackup } from './backup-slice';

const PROBLEM_LABELS: Record<CheckProblemKind, MessageKey> = {
  missing: 'check.problem.missing',
  damaged: 'check.problem.damaged',
  'wrong-count': 'check.problem.wrongCount',
  'wrong-filter': 'check.problem.wrongFilter',
  'wrong-size': 'check.problem.wrongSize',
  'wrong-hash': 'check.problem.wrongHash',
  unreferenced: 'check.problem.unreferenced',
  'audit-broken': 'check.problem.auditBroken',
};

/** Settings → Check: a full scrub of the open vault, with progress, cancel and every problem named. */
export function CheckSettings() {
  const t = useI18n();
  const backup = useAppStore(selectBackup);
  const { check, cancelCheck } = backup;
  const report = backup.checkReport;
  return (
    <section className="panel settings-group" aria-labelledby="settings-check" data-testid="check-settings">
      <h2 id="settings-check">{t.t('check.title')}</h2>
      <p className="field-help">{t.t('check.hint')}</p>
      {backup.isChecking ? (
        <div className="backup-progress" data-testid="check-progress">
          <ProgressBar fraction={progressFraction(backup.checkProgress)} label={t.t('check.running')} />
          <div className="form-actions">
            <span className="field-help">
              {backup.checkProgress
                ? t.t('check.progress', { files: backup.checkProgress.files, total: backup.checkProgress.totalFiles })
                : t.t('check.running')}
            </span>
            <button type="button" className="button" onClick={() => void cancelCheck()}>
              {t.t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void check()}>
            <Icon name="check" size={16} />
            {t.t('check.now')}
          </button>
        </div>
      )}
      {report && report.isIntact && (
        <p className="notice is-success" role="status" data-testid="check-result">
          <Icon name="check" size={18} />
          <span>
            {t.plural('check.intact', report.shards, {
              messages: report.messages,
              media: report.mediaFiles,
              size: t.format.bytes(report.bytes),
            })}
          </span>
        </p>
      )}
      {report && !report.isIntact && (
        <div className="notice is-error" role="alert" data-testid="check-result">
          <Icon name="warning" size={18} />
          <div>
            <p className="notice-message">{t.plural('check.problems', report.problems.length)}</p>
            <ul className="check-problems">
              {report.problems.map((p) => (
                <li key={`${p.file}:${p.problem}`}>
                  <strong>{t.t(PROBLEM_LABELS[p.problem])}</strong> <span className="is-path">{p.file}</span>
                  <span className="notice-detail">{p.detail}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {backup.checkError && <ErrorNotice error={backup.checkError} />}
    </section>
  );
}
