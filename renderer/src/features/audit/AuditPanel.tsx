import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectAudit, selectRetentionBusy, selectVerification } from '../retention/retention-slice';
import { toSeconds } from '../retention/retention-time';
import '../retention/retention.css';

export function AuditPanel() {
  const t = useI18n();
  const audit = useAppStore(selectAudit);
  const verification = useAppStore(selectVerification);
  const busy = useAppStore(selectRetentionBusy);
  const verify = useAppStore((s) => s.retention.verifyAudit);
  const shown = [...(audit ?? [])].reverse();
  return (
    <section className="panel retention-panel" aria-labelledby="retention-audit">
      <div className="panel-head">
        <h2 id="retention-audit">{t.t('retention.audit')}</h2>
        <button type="button" className="button is-small" onClick={() => void verify()} disabled={busy}>
          {t.t('retention.verify')}
        </button>
      </div>
      {verification && (
        <p
          className={`audit-verdict ${verification.isIntact ? 'is-intact' : 'is-broken'}`}
          role="status"
          data-testid="audit-verdict"
        >
          <Icon name={verification.isIntact ? 'check' : 'warning'} size={16} />
          {verification.isIntact
            ? t.plural('retention.auditIntact', verification.entries)
            : t.t('retention.auditBroken', {
                sequence: verification.firstBadSequence ?? '?',
                problem: verification.problem ?? '',
              })}
        </p>
      )}
      <div className="audit-scroll">
        <table className="table is-compact audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t.t('retention.auditTime')}</th>
              <th>{t.t('retention.auditAction')}</th>
              <th>{t.t('retention.auditDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.sequence}>
                <td className="num">{e.sequence}</td>
                <td>{t.format.dateTime(toSeconds(e.time))}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td className="audit-details">{detailsText(e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}
