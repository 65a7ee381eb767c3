import { useState, type FormEvent } from 'react';
import { Icon } from '../../components/Icon';
import { DateInput } from '../../components/DateInput';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { selectHolds, selectRetentionBusy } from './retention-slice';
import { toSeconds } from './retention-time';
import './retention.css';

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

export function HoldsPanel() {
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
              <DateInput name="hold-from" value={form.from} onChange={(day) => setForm({ ...form, from: day })} />
            </label>
            <label className="field">
              <span>{t.t('retention.to')}</span>
              <DateInput name="hold-to" value={form.to} onChange={(day) => setForm({ ...form, to: day })} />
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
