import { certificateProblemText } from '../../../../electron/common/certificate-problems';
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import { hostAvailable, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { certificateFile } from '../retention/retention-slice';
import { selectAuditBusy, selectCertificates, selectOpenedCertificate } from './audit-slice';
import { ReadableCertificate } from './ReadableCertificate';
import { useRecordWriter } from './useRecordWriter';
import './audit.css';

const RULES: Record<string, MessageKey> = {
  expired: 'audit.rule.expired',
  conversation: 'audit.rule.conversation',
  messages: 'audit.rule.messages',
};

/** The wipe certificates the vault keeps: listed, reopened beside their signed JSON, verified again, saved. */
export function CertificatesPanel() {
  const t = useI18n();
  const w = useRecordWriter();
  const certificates = useAppStore(selectCertificates);
  const opened = useAppStore(selectOpenedCertificate);
  const busy = useAppStore(selectAuditBusy);
  const open = useAppStore((s) => s.audit.openCertificate);
  const verifyAgain = useAppStore((s) => s.audit.verifyOpened);
  const close = useAppStore((s) => s.audit.closeCertificate);
  // Which certificate was saved (or not): another one opened shows no stale "Saved."
  const [saved, setSaved] = useState<{ id: number; isSaved: boolean } | null>(null);
  const saveState = !opened || saved?.id !== opened.id ? 'idle' : saved.isSaved ? 'saved' : 'not-saved';
  const viewer = useRef<HTMLDivElement>(null);
  const openedId = opened?.id;
  useEffect(() => {
    if (openedId !== undefined) viewer.current?.scrollIntoView({ block: 'nearest' });
  }, [openedId]);

  return (
    <section className="panel audit-panel" aria-labelledby="audit-certificates">
      <div className="panel-head">
        <h2 id="audit-certificates">{t.t('audit.certificates')}</h2>
      </div>
      <p className="field-help">{t.t('audit.certificatesHelp')}</p>
      {certificates && certificates.length === 0 && <p className="audit-empty">{t.t('audit.noCertificates')}</p>}
      {certificates && certificates.length > 0 && (
        <table className="table is-compact certificates-table">
          <thead>
            <tr>
              <th>{t.t('audit.time', { zone: w.timeZone })}</th>
              <th>{t.t('audit.rule')}</th>
              <th className="num">{t.t('audit.messages')}</th>
              <th className="num">{t.t('audit.chats')}</th>
              <th className="num">{t.t('audit.entry')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id} className={opened?.id === c.id ? 'is-open' : ''}>
                <td className="audit-time">{w.dateTime(c.issuedAt)}</td>
                <td>{RULES[c.rule] ? t.t(RULES[c.rule]!) : c.rule}</td>
                <td className="num">{t.format.number(c.messages)}</td>
                <td className="num">{t.format.number(c.conversations)}</td>
                <td className="num">{c.auditSequence === null ? '' : `#${c.auditSequence}`}</td>
                <td>
                  <button type="button" className="button is-small" onClick={() => void open(c.id)} disabled={busy}>
                    {t.t('audit.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && (
        <div className="certificate-viewer" ref={viewer} data-testid="opened-certificate">
          <div className="panel-head">
            <h3>
              <Icon name="records" size={16} />
              {t.t('audit.certificateTitle', { id: opened.id })}
            </h3>
            <button type="button" className="button is-quiet is-small" onClick={close}>
              {t.t('common.close')}
            </button>
          </div>
          <p
            className={!opened.check ? 'field-help' : opened.check.isValid ? 'cert-valid' : 'cert-invalid'}
            role="status"
            data-testid="certificate-verdict"
          >
            {!opened.check
              ? t.t('audit.checking')
              : opened.check.isValid
                ? t.t('retention.certificateValid', { fingerprint: opened.check.fingerprint ?? '' })
                : certificateProblemText(t.locale, opened.check.problemCode ?? opened.check.problem ?? '')}
          </p>
          <div className="certificate-columns">
            <section aria-label={t.t('audit.readable')}>
              <h4 className="certificate-column-head">{t.t('audit.readable')}</h4>
              <ReadableCertificate body={opened.certificate.body} />
            </section>
            <section aria-label={t.t('audit.signedJson')}>
              <h4 className="certificate-column-head">{t.t('audit.signedJson')}</h4>
              <pre className="certificate-json">
                {JSON.stringify({ body: opened.certificate.body, signature: opened.certificate.signature }, null, 2)}
              </pre>
            </section>
          </div>
          <div className="form-actions">
            {saveState === 'saved' && <span className="cert-saved">{t.t('retention.certificateSaved')}</span>}
            {saveState === 'not-saved' && <span className="field-help">{t.t('retention.certificateNotSaved')}</span>}
            <button type="button" className="button" onClick={() => void verifyAgain()} disabled={busy}>
              {t.t('audit.verifyAgain')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!hostAvailable('dialog.pickSavePath')}
              onClick={() =>
                void saveTextAs(
                  'certificate',
                  `locket-wipe-certificate-${opened.id}.json`,
                  certificateFile(opened.certificate),
                ).then((isSaved) => setSaved({ id: opened.id, isSaved }))
              }
            >
              {t.t('retention.saveCertificate')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
