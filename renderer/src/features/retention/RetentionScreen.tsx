import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { ClassesPanel } from './ClassesPanel';
import { ContactClassesPanel } from './ContactClassesPanel';
import { HoldsPanel } from './HoldsPanel';
import { WipePanel } from './WipePanel';
import { selectRetentionError } from './retention-slice';
import './retention.css';

/** Retention: classes, legal holds, and previewed wipes with their signed certificate (the audit log has its own tab). */
export function RetentionScreen() {
  const t = useI18n();
  const error = useAppStore(selectRetentionError);
  const load = useAppStore((s) => s.retention.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="page retention">
      <header className="page-header">
        <h1>{t.t('retention.title')}</h1>
        <p className="page-lede">{t.t('retention.lede')}</p>
      </header>
      {error && <ErrorNotice error={error} />}
      <ClassesPanel />
      <ContactClassesPanel />
      <HoldsPanel />
      <WipePanel />
    </div>
  );
}
