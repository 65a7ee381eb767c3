import { useEffect, useState, type FormEvent } from 'react';
import type { KeepUnit, WipePreview } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { hostAvailable, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { ContactClassesPanel } from './ContactClassesPanel';
import { keepText } from './keep-text';
import {
  certificateFile,
  selectAudit,
  selectCertificate,
  selectCertificateCheck,
  selectHolds,
  selectRetentionBusy,
  selectRetentionError,
  selectVerification,
  selectWipePreview,
  type ClassDraft,
} from './retention-slice';
import './retention.css';
import { useClasses } from './useClasses';

/** Retention: classes, legal holds, previewed wipes with their signed certificate, and the audit log. */
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
      <AuditPanel />
    </div>
  );
}

const EMPTY_DRAFT: ClassDraft = { name: '', keepAmount: 1, keepUnit: 'years', color: '#4f7cac', description: '' };

function ClassesPanel() {
  const t = useI18n();
  const classes = useClasses();
  const busy = useAppStore(selectRetentionBusy);
  const { saveClass, setDefaultClass } = useAppStore((s) => s.retention);
  const [draft, setDraft] = useState<ClassDraft | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (draft && draft.name.trim() && (await saveClass(draft))) setDraft(null);
  };
  return (
    <section className="panel retention-panel" aria-labelledby="retention-classes">
      <div className="panel-head">
        <h2 id="retention-classes">{t.t('retention.classes')}</h2>
        <button
          type="button"
          className="button is-small"
          onClick={() => setDraft({ ...EMPTY_DRAFT })}
          disabled={draft !== null}
        >
          {t.t('retention.newClass')}
        </button>
      </div>
      <p className="field-help">{t.t('retention.classesHelp')}</p>
      <ul className="class-list">
        {classes?.map((c) => (
          <li key={c.id} className="class-row" data-class-id={c.id}>
            <span className="class-swatch" style={{ background: c.color }} aria-hidden="true" />
            <span className="class-main">
              <span className="class-name">
                {c.name}
                {c.isDefault && <span className="badge">{t.t('retention.default')}</span>}
              </span>
              {c.description && <span className="class-description">{c.description}</span>}
            </span>
            <span className="class-keep">{keepText(t, c)}</span>
            <span className="class-actions">
              {!c.isDefault && (
                <button
                  type="button"
                  className="button is-small is-quiet"
                  onClick={() => void setDefaultClass(c.id)}
                  disabled={busy}
                >
                  {t.t('retention.makeDefault')}
                </button>
              )}
              <button
                type="button"
                className="button is-small"
                onClick={() =>
                  setDraft({
                    id: c.id,
                    name: c.name,
                    keepAmount: c.keepAmount,
                    keepUnit: c.keepUnit,
                    color: c.color,
                    description: c.description,
                  })
                }
              >
                {t.t('retention.edit')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {draft && (
        <form
          className="form class-editor"
          onSubmit={(event) => void submit(event)}
          aria-label={t.t(draft.id === undefined ? 'retention.newClass' : 'retention.editClass')}
        >
          <div className="form-grid">
            <label className="field">
              <span>{t.t('retention.name')}</span>
              <input
                className="input"
                name="class-name"
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                required
                autoFocus
              />
            </label>
            <div className="field">
              <span>{t.t('retention.keep')}</span>
              <div className="field-row">
                <input
                  className="input is-number"
                  type="number"
                  min={1}
                  name="class-keep-amount"
                  aria-label={t.t('retention.keepAmount')}
                  value={draft.keepAmount ?? ''}
                  disabled={draft.keepUnit === null}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      keepAmount: e.target.value === '' ? null : Math.max(1, Math.floor(Number(e.target.value))),
                    })
                  }
                />
                <select
                  className="input is-select"
                  name="class-keep-unit"
                  aria-label={t.t('retention.keepUnit')}
                  value={draft.keepUnit ?? 'forever'}
                  onChange={(e) => {
                    const unit = e.target.value === 'forever' ? null : (e.target.value as KeepUnit);
                    setDraft({ ...draft, keepUnit: unit, keepAmount: unit === null ? null : (draft.keepAmount ?? 1) });
                  }}
                >
                  <option value="days">{t.t('retention.days')}</option>
                  <option value="months">{t.t('retention.months')}</option>
                  <option value="years">{t.t('retention.years')}</option>
                  <option value="forever">{t.t('retention.forever')}</option>
                </select>
              </div>
            </div>
            <label className="field">
              <span>{t.t('retention.color')}</span>
              <input
                className="input is-color"
                type="color"
                name="class-color"
                value={draft.color}
                onChange={(e) => setDraft({ ...draft, color: e.target.value })}
              />
            </label>
          </div>
          <label className="field">
            <span>{t.t('retention.description')}</span>
            <input
              className="input"
              name="class-description"
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </label>
          <div className="form-actions">
            <button type="button" className="button is-quiet" onClick={() => setDraft(null)}>
              {t.t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button is-primary"
              disabled={busy || !draft.name.trim() || (draft.keepUnit !== null && !draft.keepAmount)}
            >
              {t.t('retention.saveClass')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Hold and audit times arrive in milliseconds; the formatter takes seconds (seconds pass through unchanged). */
export function toSeconds(time: number): number {
  return Math.floor(time > 1e11 ? time / 1000 : time);
}

/** The day after `2026-03-01`, as a day key. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/**
 * A hold's days, both inclusive, as the core's range: from the start of the first day to the start of the day
 * after the last (exclusive), in the time zone the person reads times in.
 */
function holdRange(
  startOfDay: (day: string) => number,
  from: string,
  to: string,
): { from: number | null; to: number | null } {
  return { from: from ? startOfDay(from) : null, to: to ? startOfDay(nextDay(to)) : null };
}

function HoldsPanel() {
  const t = useI18n();
  const holds = useAppStore(selectHolds);
  const conversations = useAppStore(selectConversations);
  const busy = useAppStore(selectRetentionBusy);
  const { placeHold, releaseHold } = useAppStore((s) => s.retention);
  const [isPlacing, setIsPlacing] = useState(false);
  const [form, setForm] = useState({
    name: '',
    reason: '',
    placedBy: '',
    conversationIds: [] as number[],
    from: '',
    to: '',
  });
  const [releasedBy, setReleasedBy] = useState('');
  const nameOf = (id: number) => conversations?.find((c) => c.id === id)?.displayName ?? `#${id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const hold = await placeHold({
      name: form.name.trim(),
      reason: form.reason.trim(),
      placedBy: form.placedBy.trim(),
      scope: { conversationIds: form.conversationIds, ...holdRange(t.format.startOfDay, form.from, form.to) },
    });
    if (hold) {
      setIsPlacing(false);
      setReleasedBy(form.placedBy.trim());
      setForm({ name: '', reason: '', placedBy: form.placedBy, conversationIds: [], from: '', to: '' });
    }
  };
  const isReady = form.name.trim() && form.reason.trim() && form.placedBy.trim() && !busy;
  return (
    <section className="panel retention-panel" aria-labelledby="retention-holds">
      <div className="panel-head">
        <h2 id="retention-holds">{t.t('retention.holds')}</h2>
        <button type="button" className="button is-small" onClick={() => setIsPlacing(true)} disabled={isPlacing}>
          {t.t('retention.placeHold')}
        </button>
      </div>
      <p className="field-help">{t.t('retention.holdsHelp')}</p>
      {holds && holds.length === 0 && <p className="pane-empty">{t.t('retention.noHolds')}</p>}
      <ul className="hold-list">
        {holds?.map((h) => (
          <li key={h.id} className={`hold-row ${h.releasedAt !== null ? 'is-released' : ''}`} data-hold-id={h.id}>
            <div className="hold-main">
              <span className="hold-name">
                <Icon name="lock" size={14} />
                {h.name}
                {h.releasedAt !== null && <span className="badge">{t.t('retention.released')}</span>}
              </span>
              <span className="hold-reason">{h.reason}</span>
              <span className="hold-meta">
                {t.t('retention.holdBy', { by: h.placedBy, date: t.format.date(toSeconds(h.placedAt)) })}
                {' · '}
                {h.scope.conversationIds.length === 0
                  ? t.t('retention.allConversations')
                  : h.scope.conversationIds.map(nameOf).join(', ')}
                {' · '}
                {h.scope.from === null && h.scope.to === null
                  ? t.t('retention.allTime')
                  : t.t('retention.range', {
                      from: h.scope.from === null ? '…' : t.format.date(h.scope.from),
                      to: h.scope.to === null ? '…' : t.format.date(h.scope.to - 1),
                    })}
                {h.releasedAt !== null &&
                  ` · ${t.t('retention.releasedBy', { by: h.releasedBy ?? '', date: t.format.date(toSeconds(h.releasedAt)) })}`}
              </span>
            </div>
            {h.releasedAt === null && (
              <span className="hold-release">
                <input
                  className="input is-small"
                  placeholder={t.t('retention.yourName')}
                  aria-label={t.t('retention.releasedByLabel')}
                  value={releasedBy}
                  onChange={(e) => setReleasedBy(e.target.value)}
                  name={`release-by-${h.id}`}
                />
                <button
                  type="button"
                  className="button is-small"
                  disabled={!releasedBy.trim() || busy}
                  onClick={() => void releaseHold(h.id, releasedBy.trim())}
                >
                  {t.t('retention.release')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {isPlacing && (
        <form
          className="form hold-editor"
          onSubmit={(event) => void submit(event)}
          aria-label={t.t('retention.placeHold')}
        >
          <div className="form-grid">
            <label className="field">
              <span>{t.t('retention.holdName')}</span>
              <input
                className="input"
                name="hold-name"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
                autoFocus
              />
            </label>
            <label className="field">
              <span>{t.t('retention.placedBy')}</span>
              <input
                className="input"
                name="hold-by"
                value={form.placedBy}
                onChange={(e) => setForm({ ...form, placedBy: e.target.value })}
              />
            </label>
          </div>
          <label className="field">
            <span>{t.t('retention.reason')}</span>
            <input
              className="input"
              name="hold-reason"
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </label>
          <fieldset className="field hold-conversations">
            <legend>{t.t('retention.holdConversations')}</legend>
            {conversations?.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  name={`hold-conversation-${c.id}`}
                  checked={form.conversationIds.includes(c.id)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      conversationIds: e.target.checked
                        ? [...form.conversationIds, c.id]
                        : form.conversationIds.filter((id) => id !== c.id),
                    })
                  }
                />
                {c.displayName}
              </label>
            ))}
            <p className="field-help">{t.t('retention.holdConversationsHelp')}</p>
          </fieldset>
          <div className="form-grid">
            <label className="field">
              <span>{t.t('retention.from')}</span>
              <input
                className="input"
                type="date"
                name="hold-from"
                value={form.from}
                onChange={(e) => setForm({ ...form, from: e.target.value })}
              />
            </label>
            <label className="field">
              <span>{t.t('retention.to')}</span>
              <input
                className="input"
                type="date"
                name="hold-to"
                value={form.to}
                onChange={(e) => setForm({ ...form, to: e.target.value })}
              />
            </label>
          </div>
          <div className="form-actions">
            <button type="button" className="button is-quiet" onClick={() => setIsPlacing(false)}>
              {t.t('common.cancel')}
            </button>
            <button type="submit" className="button is-primary" disabled={!isReady}>
              {t.t('retention.placeHoldSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function WipePanel() {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const preview = useAppStore(selectWipePreview);
  const certificate = useAppStore(selectCertificate);
  const check = useAppStore(selectCertificateCheck);
  const busy = useAppStore(selectRetentionBusy);
  const { previewWipe, executeWipe, clearPreview } = useAppStore((s) => s.retention);
  const [target, setTarget] = useState<string>('expired');
  const [isConfirming, setIsConfirming] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'not-saved'>('idle');
  const runPreview = () => {
    setSaveState('idle');
    void previewWipe(
      target === 'expired' ? { kind: 'expired' } : { kind: 'conversation', conversationId: Number(target) },
    );
  };
  const save = async () => {
    if (!certificate) return;
    try {
      setSaveState(
        (await saveTextAs('certificate', 'locket-wipe-certificate.json', certificateFile(certificate)))
          ? 'saved'
          : 'not-saved',
      );
    } catch {
      setSaveState('not-saved');
    }
  };
  return (
    <section className="panel retention-panel" aria-labelledby="retention-wipe">
      <h2 id="retention-wipe">{t.t('retention.wipe')}</h2>
      <p className="field-help">{t.t('retention.wipeHelp')}</p>
      <div className="field-row wipe-target">
        <select
          className="input is-select"
          name="wipe-target"
          value={target}
          onChange={(e) => (setTarget(e.target.value), clearPreview())}
          aria-label={t.t('retention.wipeWhat')}
        >
          <option value="expired">{t.t('retention.wipeExpired')}</option>
          {conversations?.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {t.t('retention.wipeConversation', { name: c.displayName })}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={runPreview} disabled={busy}>
          {t.t('retention.preview')}
        </button>
      </div>
      {preview && <PreviewView preview={preview} />}
      {preview && (
        <div className="form-actions">
          <button
            type="button"
            className="button is-danger"
            disabled={busy || preview.messages === 0}
            onClick={() => setIsConfirming(true)}
          >
            {t.plural('retention.wipeButton', preview.messages)}
          </button>
        </div>
      )}
      {isConfirming && preview && (
        <Overlay title={t.t('retention.confirmTitle')} onClose={() => setIsConfirming(false)} className="dialog">
          <p>
            {t.t('retention.confirmText', {
              messages: preview.messages,
              conversations: preview.byConversation.length,
              media: preview.media.files,
            })}
          </p>
          {preview.held.messages > 0 && <p>{t.plural('retention.confirmHeld', preview.held.messages)}</p>}
          <div className="form-actions">
            <button type="button" className="button is-quiet" onClick={() => setIsConfirming(false)}>
              {t.t('common.cancel')}
            </button>
            <button
              type="button"
              className="button is-danger"
              onClick={() => {
                setIsConfirming(false);
                void executeWipe(preview);
              }}
            >
              {t.plural('retention.wipeButton', preview.messages)}
            </button>
          </div>
        </Overlay>
      )}
      {certificate && (
        <div className="certificate" data-testid="wipe-certificate">
          <h3>
            <Icon name="check" size={16} />
            {t.t('retention.certificate')}
          </h3>
          {check && (
            <p className={check.isValid ? 'cert-valid' : 'cert-invalid'}>
              {check.isValid
                ? t.t('retention.certificateValid', { fingerprint: check.fingerprint ?? '' })
                : (check.problem ?? '')}
            </p>
          )}
          <pre className="certificate-text">{certificate.text}</pre>
          <div className="form-actions">
            {saveState === 'saved' && <span className="cert-saved">{t.t('retention.certificateSaved')}</span>}
            {saveState === 'not-saved' && <span className="field-help">{t.t('retention.certificateNotSaved')}</span>}
            <button
              type="button"
              className="button"
              onClick={() => void save()}
              disabled={!hostAvailable('dialog.pickSavePath')}
            >
              {t.t('retention.saveCertificate')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

export function PreviewView({ preview }: { preview: WipePreview }) {
  const t = useI18n();
  // The preview names classes as the vault stores them; the app names them as everywhere else.
  const classes = useClasses();
  return (
    <div className="wipe-preview" data-testid="wipe-preview">
      <p className="wipe-total">
        {t.t('retention.previewTotal', {
          messages: preview.messages,
          files: preview.media.files,
          bytes: t.format.bytes(preview.media.bytes),
        })}
      </p>
      <div className="wipe-tables">
        <table className="table is-compact">
          <caption>{t.t('retention.byClass')}</caption>
          <tbody>
            {preview.byClass.map((c) => (
              <tr key={c.classId}>
                <td>{classes?.find((k) => k.id === c.classId)?.name ?? c.name}</td>
                <td className="num">{t.format.number(c.messages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table is-compact">
          <caption>{t.t('retention.byConversation')}</caption>
          <tbody>
            {preview.byConversation.map((c) => (
              <tr key={c.conversationId}>
                <td>{c.displayName}</td>
                <td className="num">{t.format.number(c.messages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.held.messages > 0 ? (
        <p className="wipe-held">
          <Icon name="lock" size={14} />
          {t.t('retention.heldKeep', {
            messages: preview.held.messages,
            holds: preview.held.byHold.map((h) => `${h.name} (${t.format.number(h.messages)})`).join(', '),
          })}
        </p>
      ) : (
        <p className="field-help">{t.t('retention.noneHeld')}</p>
      )}
    </div>
  );
}

function AuditPanel() {
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
