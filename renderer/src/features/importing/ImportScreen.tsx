import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { ImportPicker } from './ImportPicker';
import { ImportProgressView } from './ImportProgressView';
import { ImportReportView } from './ImportReportView';
import { selectImportStage } from './import-slice';
import './importing.css';

/** Choose a backup, see what it is, import it with progress, then read what was (and was not) imported. */
export function ImportScreen() {
  const t = useI18n();
  const stage = useAppStore(selectImportStage);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t.t('import.title')}</h1>
        <p>{t.t('import.subtitle')}</p>
      </header>
      {(stage === 'pick' || stage === 'detecting' || stage === 'detected') && <ImportPicker />}
      {(stage === 'running' || stage === 'cancelling' || stage === 'cancelled' || stage === 'failed') && (
        <ImportProgressView />
      )}
      {stage === 'done' && <ImportReportView />}
    </div>
  );
}
