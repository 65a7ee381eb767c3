import { useState, type FormEvent } from 'react';
import type { KeepUnit } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { keepText } from './keep-text';
import { selectRetentionBusy, type ClassDraft } from './retention-slice';
import { useClasses } from './useClasses';
import './retention.css';

const EMPTY_DRAFT: ClassDraft = { name: '', keepAmount: 1, keepUnit: 'years', color: '#4f7cac', description: '' };

export function ClassesPanel() {
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
