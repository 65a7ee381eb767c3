import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PathField } from '../../components/PathField';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { progressFraction } from '../importing/import-slice';
import { AuthLayout } from './AuthLayout';
import { selectDemoProgress, selectVaultBusy, selectVaultError, selectVaultPath, suggestDemoPath } from './vault-slice';

/** "Try the sample archive": asks only for a folder, then makes a demo vault from the bundled sample and opens it. */
export function DemoScreen() {
  const t = useI18n();
  const busy = useAppStore(selectVaultBusy);
  const error = useAppStore(selectVaultError);
  const progress = useAppStore(selectDemoProgress);
  const lastPath = useAppStore(selectVaultPath);
  const { createDemo, show } = useAppStore((s) => s.vault);
  const [path, setPath] = useState(() => suggestDemoPath(lastPath));
  const isReady = path.trim() !== '' && !busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isReady) void createDemo(path.trim());
  };

  return (
    <AuthLayout title={t.t('demo.title')} subtitle={<p>{t.t('demo.subtitle')}</p>}>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <PathField
          label={t.t('demo.folder')}
          value={path}
          onChange={setPath}
          purpose="vault-create"
          placeholder={t.t('demo.folderPlaceholder')}
          help={t.t('demo.folderHelp')}
          autoFocus
          name="demo-path"
        />
        {busy && (
          <div className="demo-progress" aria-live="polite">
            <ProgressBar fraction={progress ? progressFraction(progress) : null} label={t.t('demo.importing')} />
            <p className="field-help">
              {progress && progress.phase === 'reading'
                ? t.plural('import.messagesSoFar', progress.done)
                : t.t('demo.importing')}
            </p>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={() => show('welcome')} disabled={busy}>
            {t.t('common.back')}
          </button>
          <button type="submit" className="button is-primary" disabled={!isReady}>
            {busy ? t.t('demo.creating') : t.t('demo.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
