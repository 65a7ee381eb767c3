import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectRetentionError } from '../retention/retention-slice';
import { AuditPanel } from './AuditPanel';

/** The audit log on its own tab: what was done to the vault, and whether the record of it is intact. */
export function AuditScreen() {
  const t = useI18n();
  const error = useAppStore(selectRetentionError);
  const load = useAppStore((s) => s.retention.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="page retention">
      <header className="page-header">
        <h1>{t.t('audit.title')}</h1>
        <p className="page-lede">{t.t('audit.lede')}</p>
      </header>
      {error && <ErrorNotice error={error} />}
      <AuditPanel />
    </div>
  );
}
