import { auditProblemText } from '../../../../electron/common/audit-problems';
import { useMemo, useState } from 'react';
import { AUDIT_ACTIONS, auditSentence, rawFields } from '../../../../electron/common/audit-sentences';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import { hostAvailable, pickSavePath, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { selectAudit, selectRetentionBusy, selectVerification } from '../retention/retention-slice';
import { toSeconds } from '../retention/retention-time';
import { selectAuditBusy, selectAuditFilter, selectCertificates } from './audit-slice';
import { auditCsv } from './audit-csv';
import { useRecordWriter } from './useRecordWriter';
import './audit.css';

/** The select's label of an action; an action a newer Locket wrote shows as recorded. */
function actionLabel(t: ReturnType<typeof useI18n>, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t.t(`audit.action.${action}` as MessageKey) : action;
}

/**
 * The audit log as sentences, newest first: who did what to what, at times in the chosen zone, with the recorded
 * fields behind a disclosure; filtered by action and days, exported as CSV or printed, and verified.
 */
export function AuditPanel() {
  const t = useI18n();
  const w = useRecordWriter();
  const audit = useAppStore(selectAudit);
  const verification = useAppStore(selectVerification);
  const busy = useAppStore(selectRetentionBusy);
  const verify = useAppStore((s) => s.retention.verifyAudit);
  const filter = useAppStore(selectAuditFilter);
  const setFilter = useAppStore((s) => s.audit.setFilter);
  const certificates = useAppStore(selectCertificates);
  const openCertificate = useAppStore((s) => s.audit.openCertificate);
  const printPdf = useAppStore((s) => s.audit.printPdf);
  const printing = useAppStore(selectAuditBusy);
  const [exportState, setExportState] = useState<'idle' | 'saved' | 'not-saved'>('idle');
  const [withRawFields, setWithRawFields] = useState(false);

  const entries = useMemo(() => audit ?? [], [audit]);
  const actions = useMemo(
    () => [...new Set([...AUDIT_ACTIONS, ...entries.map((e) => e.action)])].filter((a) => a !== 'vault-created'),
    [entries],
  );
  // Each entry's sentence, local time and day, once per log, language or zone: filtering then only compares.
  const read = useMemo(
    () =>
      new Map(
        entries.map((e) => [
          e.sequence,
          { sentence: auditSentence(w, e), time: w.dateTime(e.time), day: t.format.dayKey(toSeconds(e.time)) },
        ]),
      ),
    [entries, w, t],
  );
  const shown = useMemo(
    () =>
      entries
        .filter((e) => {
          if (filter.action && e.action !== filter.action) return false;
          const day = read.get(e.sequence)!.day;
          return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
        })
        .reverse(),
    [entries, filter, read],
  );
  const certificateOf = useMemo(
    () => new Map((certificates ?? []).flatMap((c) => (c.auditSequence === null ? [] : [[c.auditSequence, c.id]]))),
    [certificates],
  );
  const isFiltered = Boolean(filter.action || filter.from || filter.to);

  const exportCsv = async () => {
    const headers = [
      '#',
      t.t('audit.time', { zone: w.timeZone }),
      'UTC',
      t.t('audit.who'),
      t.t('audit.actionFilter'),
      t.t('audit.what'),
      t.t('audit.rawFields'),
      t.t('audit.entryHash'),
    ];
    const csv = auditCsv(w, [...shown].reverse(), headers);
    setExportState((await saveTextAs('audit-log', 'locket-audit-log.csv', csv)) ? 'saved' : 'not-saved');
  };

  // A document of its own, made by the core and printed as evidence transcripts are: the vault, the filter shown
  // here, the chain's state, then the entries shown, oldest first, in the app's language and zone.
  const exportPdf = async () => {
    const path = await pickSavePath('audit-log', 'locket-audit-log.pdf');
    if (!path) return setExportState('not-saved');
    setExportState('idle');
    const printed = await printPdf({
      outputPath: path,
      language: w.language,
      timeZone: w.timeZone,
      filter: { actions: filter.action ? [filter.action] : [], from: filter.from || null, to: filter.to || null },
      includeRawFields: withRawFields,
      // The save dialog asked before replacing a file.
      replace: true,
    });
    setExportState(printed ? 'saved' : 'not-saved');
  };

  return (
    <section className="panel audit-panel" aria-labelledby="audit-entries">
      <div className="panel-head">
        <h2 id="audit-entries">{t.t('audit.entries')}</h2>
        <div className="audit-actions">
          {exportState === 'saved' && <span className="cert-saved">{t.t('audit.exported')}</span>}
          {exportState === 'not-saved' && <span className="field-help">{t.t('audit.notExported')}</span>}
          <button
            type="button"
            className="button is-small"
            onClick={() => void exportCsv()}
            disabled={!hostAvailable('dialog.pickSavePath') || shown.length === 0}
          >
            {t.t('audit.exportCsv')}
          </button>
          <label className="audit-raw-choice">
            <input
              type="checkbox"
              name="audit-pdf-raw"
              checked={withRawFields}
              onChange={(e) => setWithRawFields(e.target.checked)}
            />
            {t.t('audit.pdfWithRawFields')}
          </label>
          <button
            type="button"
            className="button is-small"
            onClick={() => void exportPdf()}
            disabled={!hostAvailable('dialog.pickSavePath') || shown.length === 0 || printing}
            data-testid="audit-export-pdf"
          >
            {printing ? t.t('audit.printing') : t.t('audit.exportPdf')}
          </button>
          <button type="button" className="button is-small" onClick={() => void verify()} disabled={busy}>
            {t.t('retention.verify')}
          </button>
        </div>
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
                problem: auditProblemText(t.locale, verification),
              })}
        </p>
      )}
      <div className="audit-filters" role="group" aria-label={t.t('audit.entries')}>
        <label className="field">
          <span>{t.t('audit.actionFilter')}</span>
          <select
            className="input"
            name="audit-action"
            value={filter.action}
            onChange={(e) => setFilter({ action: e.target.value })}
          >
            <option value="">{t.t('audit.allActions')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.t('audit.from')}</span>
          <input
            className="input"
            type="date"
            name="audit-from"
            value={filter.from}
            onChange={(e) => setFilter({ from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t.t('audit.to')}</span>
          <input
            className="input"
            type="date"
            name="audit-to"
            value={filter.to}
            onChange={(e) => setFilter({ to: e.target.value })}
          />
        </label>
        {isFiltered && (
          <button
            type="button"
            className="button is-quiet is-small"
            onClick={() => setFilter({ action: '', from: '', to: '' })}
          >
            {t.t('audit.showAll')}
          </button>
        )}
        <span className="audit-count" data-testid="audit-count">
          {t.plural('audit.showing', shown.length, { total: t.format.number(entries.length) })}
        </span>
      </div>
      <table className="table is-compact audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t.t('audit.time', { zone: w.timeZone })}</th>
            <th>{t.t('audit.who')}</th>
            <th>{t.t('audit.what')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => {
            const { sentence, time } = read.get(e.sequence)!;
            const certificateId = e.action === 'wipe' ? certificateOf.get(e.sequence) : undefined;
            return (
              <tr key={e.sequence} data-action={e.action}>
                <td className="num">{e.sequence}</td>
                <td className="audit-time">{time}</td>
                <td className="audit-actor">{sentence.actor}</td>
                <td className="audit-sentence">
                  <p>{sentence.text}</p>
                  {certificateId !== undefined && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void openCertificate(certificateId)}
                      data-testid="audit-certificate-link"
                    >
                      <Icon name="records" size={14} />
                      {t.t('audit.openCertificate')}
                    </button>
                  )}
                  {/* Open from the start for an action this version cannot put in words. */}
                  <details className="audit-raw" open={!sentence.isKnown}>
                    <summary>{t.t('audit.rawFields')}</summary>
                    <ul>
                      <li>
                        <code>action: {e.action}</code>
                      </li>
                      {rawFields(e.details).map((f, i) => (
                        <li key={i}>
                          <code>{f}</code>
                        </li>
                      ))}
                      <li>
                        <code>
                          {t.t('audit.entryHash')}: {e.entryHash}
                        </code>
                      </li>
                    </ul>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {audit && shown.length === 0 && <p className="audit-empty">{t.t('audit.noMatch')}</p>}
    </section>
  );
}
