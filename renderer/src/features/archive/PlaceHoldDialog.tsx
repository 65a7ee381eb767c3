import { useState, type FormEvent } from 'react';
import type { ConversationSummary, MessageView } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectRetentionBusy, selectRetentionError } from '../retention/retention-slice';

/** The day after a day key ("2026-03-01" → "2026-03-02"), by the calendar, whatever the zone. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/**
 * Places a legal hold from a message: on its chat, over the local day it was sent (in the zone the person reads
 * times in), through the same `holds.place` the retention screen uses. The matter, reason and who places it are
 * asked for, as there; the hold can be widened or released on the retention screen.
 */
export function PlaceHoldDialog({
  conversation,
  message,
  onClose,
}: {
  conversation: ConversationSummary;
  message: MessageView;
  onClose(): void;
}) {
  const t = useI18n();
  const placeHold = useAppStore((s) => s.retention.placeHold);
  const showNotice = useAppStore((s) => s.archive.showNotice);
  const busy = useAppStore(selectRetentionBusy);
  const error = useAppStore(selectRetentionError);
  const day = t.format.dayKey(message.time);
  const [form, setForm] = useState({ name: `${conversation.displayName} ${day}`, reason: '', placedBy: '' });
  const isReady = form.name.trim() !== '' && form.reason.trim() !== '' && form.placedBy.trim() !== '' && !busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isReady) return;
    const hold = await placeHold({
      name: form.name.trim(),
      reason: form.reason.trim(),
      placedBy: form.placedBy.trim(),
      scope: {
        conversationIds: [conversation.id],
        from: t.format.startOfDay(day),
        to: t.format.startOfDay(nextDay(day)),
      },
    });
    if (!hold) return;
    showNotice({ kind: 'hold-placed', name: hold.name });
    onClose();
  };

  return (
    <Overlay title={t.t('menu.placeHoldTitle')} onClose={onClose} className="place-hold-dialog">
      <form className="form" onSubmit={(event) => void submit(event)}>
        <p className="field-help">
          {t.t('menu.placeHoldScope', { chat: conversation.displayName, date: t.format.date(message.time) })}
        </p>
        <label className="field">
          <span>{t.t('retention.holdName')}</span>
          <input
            className="input"
            name="hold-name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t.t('retention.reason')}</span>
          <input
            className="input"
            name="hold-reason"
            value={form.reason}
            onChange={(e) => setForm({ ...form, reason: e.target.value })}
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
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={onClose}>
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
