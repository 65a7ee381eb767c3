import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectRetentionError } from '../retention/retention-slice';
import { selectAuditError } from './audit-slice';
import { AuditPanel } from './AuditPanel';
import { BagCheckPanel } from './BagCheckPanel';
import { CertificatesPanel } from './CertificatesPanel';
import './audit.css';

/**
 * The audit log on its own tab: what was done to the vault, in words, the wipe certificates it issued, and a check
 * of any evidence bag.
 */
export function AuditScreen() {
  const t = useI18n();
  const error = useAppStore(selectAuditError);
  const retentionError = useAppStore(selectRetentionError);
  const load = useAppStore((s) => s.audit.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="page audit">
      <header className="page-header">
        <h1>{t.t('audit.title')}</h1>
        <p className="page-lede">{t.t('audit.lede')}</p>
      </header>
      {(error ?? retentionError) && <ErrorNotice error={(error ?? retentionError)!} />}
      <AuditPanel />
      <CertificatesPanel />
      <BagCheckPanel />
    </div>
  );
}
