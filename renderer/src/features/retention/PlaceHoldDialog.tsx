import { useMemo, useState, type FormEvent } from 'react';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { selectHoldDraft, selectRetentionBusy, selectRetentionError, type HoldDraft } from './retention-slice';
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

/** The place-a-hold dialog, wherever it was opened from (one at a time, app-wide). */
export function PlaceHoldDialog() {
  const draft = useAppStore(selectHoldDraft);
  // Keyed by the draft, so each opening starts from what it was opened with.
  return draft ? <PlaceHoldForm key={JSON.stringify(draft)} draft={draft} /> : null;
}

function PlaceHoldForm({ draft }: { draft: HoldDraft }) {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const busy = useAppStore(selectRetentionBusy);
  const error = useAppStore(selectRetentionError);
  const { placeHold, closeHold } = useAppStore((s) => s.retention);
  const [form, setForm] = useState({
    name: '',
    reason: '',
    placedBy: '',
    conversationIds: draft.conversationIds,
    from: draft.fromDay,
    to: draft.toDay,
  });
  const [filter, setFilter] = useState('');
  const draftChosen = useMemo(() => new Set(form.conversationIds), [form.conversationIds]);
  // By name, those that match the filter plus those already chosen (a chosen chat never hides): a vault can hold
  // hundreds, and a row never moves when it is ticked.
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    return [...(conversations ?? [])]
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .filter(
        (c) =>
          !needle ||
          draftChosen.has(c.id) ||
          c.displayName.toLocaleLowerCase().includes(needle) ||
          c.username.toLocaleLowerCase().includes(needle),
      );
  }, [conversations, filter, draftChosen]);
  const toggle = (id: number, isChecked: boolean) =>
    setForm({
      ...form,
      conversationIds: isChecked ? [...form.conversationIds, id] : form.conversationIds.filter((x) => x !== id),
    });
  const isRangeValid = !form.from || !form.to || form.from <= form.to;
  const isReady =
    form.name.trim() &&
    form.reason.trim() &&
    form.placedBy.trim() &&
    form.conversationIds.length > 0 &&
    isRangeValid &&
    !busy;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isReady) return;
    const hold = await placeHold({
      name: form.name.trim(),
      reason: form.reason.trim(),
      placedBy: form.placedBy.trim(),
      scope: { conversationIds: form.conversationIds, ...holdRange(t.format.startOfDay, form.from, form.to) },
    });
    if (hold) closeHold();
  };
  const row = (c: { id: number; displayName: string; messageCount: number }) => (
    <label key={c.id} className="check hold-chat">
      <input
        type="checkbox"
        name={`hold-conversation-${c.id}`}
        checked={draftChosen.has(c.id)}
        onChange={(e) => toggle(c.id, e.target.checked)}
      />
      <span className="hold-chat-name">{c.displayName}</span>
      <span className="hold-chat-count">{t.plural('retention.count.messages', c.messageCount)}</span>
    </label>
  );
  return (
    <Overlay title={t.t('retention.placeHold')} onClose={closeHold} className="dialog place-hold-dialog">
      <form className="form place-hold-form" onSubmit={(event) => void submit(event)}>
        <p className="field-help">{t.t('retention.holdsHelp')}</p>
        <div className="form-grid">
          <label className="field">
            <span>{t.t('retention.holdName')}</span>
            <input
              className="input"
              name="hold-name"
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              data-autofocus
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
          <legend>
            {t.t('retention.holdConversations')}
            <span className="hold-chosen-count">
              {' '}
              {t.plural('retention.hold.chosenChats', form.conversationIds.length)}
            </span>
          </legend>
          <div className="hold-filter">
            <Icon name="search" size={14} />
            <input
              type="search"
              className="input is-small"
              name="hold-filter"
              placeholder={t.t('retention.hold.filter')}
              aria-label={t.t('retention.hold.filter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <div className="hold-chat-list" role="group" aria-label={t.t('retention.holdConversations')}>
            {shown.map(row)}
            {shown.length === 0 && <p className="field-help">{t.t('retention.hold.noMatch')}</p>}
          </div>
        </fieldset>
        <div className="form-grid">
          <label className="field">
            <span>{t.t('retention.hold.fromDay')}</span>
            <DateInput name="hold-from" value={form.from} onChange={(day) => setForm({ ...form, from: day })} />
          </label>
          <label className="field">
            <span>{t.t('retention.hold.toDay')}</span>
            <DateInput name="hold-to" value={form.to} onChange={(day) => setForm({ ...form, to: day })} />
          </label>
        </div>
        <p className="field-help">
          {isRangeValid ? t.t('retention.hold.daysHelp') : t.t('retention.hold.rangeBackwards')}
        </p>
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={closeHold}>
            {t.t('common.cancel')}
          </button>
          <button type="submit" className="button is-primary" disabled={!isReady}>
            {t.t('retention.placeHoldSubmit')}
          </button>
        </div>
      </form>
    </Overlay>
  );
}
