import type { FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectVaultStatus } from '../vault/vault-slice';
import { DetectedSourceCard } from './DetectedSourceCard';
import { ImportOptionsFields } from './ImportOptionsFields';
import {
  canRun,
  selectDetected,
  selectDropHint,
  selectImportAccount,
  selectImportError,
  selectImportFull,
  selectImportPath,
  selectImportStage,
} from './import-slice';
import { SearchIndexPendingNotice } from './SearchIndexPendingNotice';

/** The path (typed, pasted or dropped), what Locket found there, and the Import button. */
export function ImportPicker() {
  const t = useI18n();
  const stage = useAppStore(selectImportStage);
  const path = useAppStore(selectImportPath);
  const detected = useAppStore(selectDetected);
  const account = useAppStore(selectImportAccount);
  const error = useAppStore(selectImportError);
  const dropHint = useAppStore(selectDropHint);
  const unindexed = useAppStore((s) => selectVaultStatus(s)?.counts?.unindexedMessages ?? 0);
  const full = useAppStore(selectImportFull);
  const { setPath, detect, run, setFull } = useAppStore((s) => s.imports);
  const isDetecting = stage === 'detecting';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void detect();
  };

  return (
    <div className="import-picker">
      {/* Drops anywhere on the window are handled by AppShell; this zone says so where people look for it. */}
      <div className="drop-zone">
        <Icon name="import" size={30} />
        <p className="drop-zone-title">{t.t('import.dropTitle')}</p>
        <p className="drop-zone-text">{t.t('import.dropText')}</p>
      </div>
      {unindexed > 0 && !isDetecting && <SearchIndexPendingNotice count={unindexed} />}
      {dropHint && (
        <div className="notice is-info" role="status">
          <Icon name="info" size={18} />
          <p className="notice-message">{t.t('import.dropNoPath')}</p>
        </div>
      )}
      <form className="form is-inline" onSubmit={submit}>
        <PathField
          label={t.t('import.path')}
          value={path}
          onChange={setPath}
          purpose="import-source"
          filePurpose="import-source"
          placeholder={t.t('import.pathPlaceholder')}
          help={t.t('import.pathHelp')}
          name="import-path"
        />
        <div className="form-actions is-start">
          <button type="submit" className="button" disabled={!path.trim() || isDetecting}>
            {isDetecting ? t.t('import.detecting') : t.t('import.detect')}
          </button>
        </div>
      </form>
      {error && <ErrorNotice error={error} />}
      {stage === 'detected' && (
        <section className="detected" aria-label={t.t('import.detected')}>
          {detected.map((source) => (
            <DetectedSourceCard key={source.path} source={source} />
          ))}
          <ImportOptionsFields detected={detected} />
          <label className="check import-full">
            <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
            {t.t('import.full')}
          </label>
          <p className="field-help">{t.t('import.fullHelp')}</p>
          <div className="form-actions is-start">
            <button
              type="button"
              className="button is-primary"
              onClick={() => void run()}
              disabled={!canRun({ detected, account })}
            >
              <Icon name="import" size={16} />
              {t.t('import.run')}
            </button>
            {!canRun({ detected, account }) && <span className="field-help">{t.t('import.chooseAccountFirst')}</span>}
          </div>
        </section>
      )}
    </div>
  );
}
