import type { ImportPhase, ImportProgress } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';
import { useAppStore } from '../../store/useAppStore';
import { progressFraction, selectImportError, selectImportProgress, selectImportStage } from './import-slice';

const PHASE_KEYS: Record<ImportPhase, MessageKey> = {
  hashing: 'import.phase.hashing',
  reading: 'import.phase.reading',
  committing: 'import.phase.committing',
  indexing: 'import.phase.indexing',
};

/** "12,000 of 20,000 messages", "3.2 MB of 8 MB" (hashing counts bytes; indexing counts messages indexed). */
export function progressCounts(t: Translator, progress: ImportProgress): string | null {
  if (progress.phase === 'committing') return null;
  const amount = (n: number) => (progress.phase === 'hashing' ? t.format.bytes(n) : t.format.number(n));
  if (progress.total === null)
    return progress.phase === 'hashing' ? amount(progress.done) : t.plural('import.messagesSoFar', progress.done);
  return progress.phase === 'hashing'
    ? t.t('import.bytesOf', { done: amount(progress.done), total: amount(progress.total) })
    : t.t('import.messagesOf', { done: progress.done, total: progress.total });
}

export function progressRate(t: Translator, progress: ImportProgress): string | null {
  if (progress.phase === 'committing' || progress.rate <= 0) return null;
  return progress.phase === 'hashing'
    ? t.t('import.bytesRate', { rate: t.format.bytes(progress.rate) })
    : t.t('import.messagesRate', { rate: Math.round(progress.rate) });
}

/** The running import (phase, counts, rate, time left, Cancel), and what happened if it stopped early. */
export function ImportProgressView() {
  const t = useI18n();
  const stage = useAppStore(selectImportStage);
  const progress = useAppStore(selectImportProgress);
  const error = useAppStore(selectImportError);
  const { cancel, startOver } = useAppStore((s) => s.imports);

  if (stage === 'cancelled' || stage === 'failed') {
    return (
      <section className="panel" aria-live="polite">
        {stage === 'cancelled' ? (
          <div className="notice is-info" role="status">
            <Icon name="info" size={18} />
            <div>
              <p className="notice-message">{t.t('import.cancelled')}</p>
              <p className="notice-detail">{t.t('import.cancelledDetail')}</p>
            </div>
          </div>
        ) : (
          error && <ErrorNotice error={error} />
        )}
        <div className="form-actions is-start">
          <button type="button" className="button is-primary" onClick={startOver}>
            {t.t('import.startOver')}
          </button>
        </div>
      </section>
    );
  }

  const fraction = progressFraction(progress);
  // The core checks for Cancel while it reads; once it is saving, the import finishes (all or nothing) regardless.
  const isCommitting = progress?.phase === 'committing';
  const phase = progress ? t.t(PHASE_KEYS[progress.phase]) : t.t('import.phase.starting');
  const counts = progress ? progressCounts(t, progress) : null;
  const rate = progress ? progressRate(t, progress) : null;
  const left =
    progress?.secondsLeft != null && progress.phase !== 'committing'
      ? t.t('import.timeLeft', { time: t.format.duration(Math.max(1, progress.secondsLeft)) })
      : null;
  return (
    <section className="panel import-progress" aria-live="polite" aria-busy="true">
      <div className="progress-head">
        <span className="progress-phase">{phase}</span>
        {fraction !== null && <span className="progress-percent">{t.format.percent(fraction)}</span>}
      </div>
      <ProgressBar fraction={fraction} label={phase} />
      <p className="progress-details">{[counts, rate, left].filter(Boolean).join(' · ') || '\u00a0'}</p>
      <p className="field-help">
        {t.t(
          isCommitting
            ? 'import.tooLateToCancel'
            : progress?.phase === 'indexing'
              ? 'import.indexingCancel'
              : 'import.safeToCancel',
        )}
      </p>
      <div className="form-actions is-start">
        <button
          type="button"
          className="button"
          onClick={() => void cancel()}
          disabled={stage === 'cancelling' || isCommitting}
        >
          {stage === 'cancelling' ? t.t('import.cancelling') : t.t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
