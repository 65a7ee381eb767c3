import { useState, type FormEvent } from 'react';
import type { ClassCoverage, KeepUnit, RetentionClass } from '../../../../electron/ipc/contract';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { keepText } from './keep-text';
import { ChangeImpactDialog } from './ChangeImpactDialog';
import { selectCoverage, selectRetentionBusy, type ClassDraft } from './retention-slice';
import { useClasses } from './useClasses';
import './retention.css';

const EMPTY_DRAFT: ClassDraft = { name: '', keepAmount: 1, keepUnit: 'years', color: '#4f7cac', description: '' };

export function ClassesPanel() {
  const t = useI18n();
  const classes = useClasses();
  const busy = useAppStore(selectRetentionBusy);
  const { saveClass, setDefaultClass } = useAppStore((s) => s.retention);
  const coverage = useAppStore(selectCoverage);
  const [draft, setDraft] = useState<ClassDraft | null>(null);
  /** A change waiting in its impact dialog: a new default, or an edited class whose keep period changed. */
  const [pending, setPending] = useState<
    { kind: 'default'; target: RetentionClass } | { kind: 'keep'; target: RetentionClass; draft: ClassDraft } | null
  >(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !draft.name.trim()) return;
    const editing = draft.id === undefined ? undefined : classes?.find((c) => c.id === draft.id);
    const keepAmount = draft.keepUnit ? draft.keepAmount : null;
    // Only a changed keep period changes which messages expire: that is weighed first; a new class covers nothing.
    if (editing && (editing.keepAmount !== keepAmount || editing.keepUnit !== draft.keepUnit)) {
      setPending({ kind: 'keep', target: editing, draft });
      return;
    }
    if (await saveClass(draft)) setDraft(null);
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
              <CoverageLine t={t} coverage={coverage?.find((k) => k.classId === c.id)} />
            </span>
            <span className="class-keep">{keepText(t, c)}</span>
            <span className="class-actions">
              {!c.isDefault && (
                <button
                  type="button"
                  className="button is-small is-quiet"
                  onClick={() => setPending({ kind: 'default', target: c })}
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
      {pending && (
        <ChangeImpactDialog
          title={t.t(pending.kind === 'default' ? 'retention.impact.defaultTitle' : 'retention.impact.keepTitle')}
          summary={
            pending.kind === 'default'
              ? t.t('retention.impact.defaultSummary', { name: pending.target.name, keep: keepText(t, pending.target) })
              : t.t('retention.impact.keepSummary', {
                  name: pending.target.name,
                  from: keepText(t, pending.target),
                  to: keepText(t, pending.draft),
                })
          }
          change={
            pending.kind === 'default'
              ? { kind: 'default', classId: pending.target.id }
              : {
                  kind: 'class',
                  id: pending.target.id,
                  keepAmount: pending.draft.keepUnit ? pending.draft.keepAmount : null,
                  keepUnit: pending.draft.keepUnit,
                }
          }
          confirmLabel={t.t(pending.kind === 'default' ? 'retention.makeDefault' : 'retention.saveClass')}
          onConfirm={async () => {
            if (pending.kind === 'default') {
              return setDefaultClass(pending.target.id);
            }
            if (!(await saveClass(pending.draft))) return false;
            setDraft(null);
            return true;
          }}
          onClose={() => setPending(null)}
        />
      )}
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

/** "2 chats · 1,204 messages · 310 expired now": what a class covers, once counted. */
function CoverageLine({ t, coverage }: { t: Translator; coverage: ClassCoverage | undefined }) {
  if (!coverage) return null;
  if (coverage.conversations === 0) return <span className="class-coverage">{t.t('retention.coverage.none')}</span>;
  return (
    <span className="class-coverage" data-testid="class-coverage">
      {t.plural('retention.count.chats', coverage.conversations)}
      {' · '}
      {t.plural('retention.count.messages', coverage.messages)}
      {coverage.expiredNow > 0 && (
        <>
          {' · '}
          <span className="is-expired">{t.plural('retention.coverage.expired', coverage.expiredNow)}</span>
        </>
      )}
    </span>
  );
}
