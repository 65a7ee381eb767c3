import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { ChangeImpactDialog } from './ChangeImpactDialog';
import { keepText } from './keep-text';
import { selectRetentionBusy, selectRetentionError } from './retention-slice';
import { useClasses } from './useClasses';

/**
 * Sets one class on chosen messages (or removes theirs). Reports the result through the chat's notice, so the
 * person sees how many messages changed after the dialog closes.
 */
export function AssignClassDialog({
  messageIds,
  onClose,
  onDone,
}: {
  messageIds: readonly number[];
  onClose(): void;
  onDone(): void;
}) {
  const t = useI18n();
  const classes = useClasses();
  const busy = useAppStore(selectRetentionBusy);
  const error = useAppStore(selectRetentionError);
  const assignMessages = useAppStore((s) => s.retention.assignMessages);
  const showNotice = useAppStore((s) => s.archive.showNotice);
  const [choice, setChoice] = useState<string>(() => String(classes?.find((c) => !c.isDefault)?.id ?? ''));
  /** The choice is weighed (and confirmed) in the impact dialog before anything changes. */
  const [isWeighing, setIsWeighing] = useState(false);
  const classId = choice === '' ? null : Number(choice);
  const chosen = classes?.find((c) => c.id === classId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIsWeighing(true);
  };
  const assign = async (): Promise<boolean> => {
    if (!(await assignMessages([...messageIds], classId))) return false;
    showNotice({ kind: 'class-assigned', count: messageIds.length, className: chosen?.name ?? null });
    onDone();
    return true;
  };

  if (isWeighing)
    return (
      <ChangeImpactDialog
        title={t.plural('retention.assignTitle', messageIds.length)}
        summary={t.plural('retention.impact.messagesSummary', messageIds.length, {
          name: chosen
            ? t.t('retention.classWithKeep', { name: chosen.name, keep: keepText(t, chosen) })
            : t.t('retention.assignFollowChat'),
        })}
        change={{ kind: 'assign', classId, target: { messageIds: [...messageIds] } }}
        confirmLabel={t.t('retention.assignSubmit')}
        onConfirm={assign}
        onClose={onClose}
      />
    );

  return (
    <Overlay
      title={t.plural('retention.assignTitle', messageIds.length)}
      onClose={onClose}
      className="assign-class-dialog"
    >
      <form className="form" onSubmit={submit}>
        <p className="field-help">{t.t('retention.assignHelp')}</p>
        <fieldset className="assign-class-choices" role="radiogroup" aria-label={t.t('retention.classLabel')}>
          {classes?.map((c) => (
            <label key={c.id} className="check assign-class-choice">
              <input
                type="radio"
                name="assign-class"
                value={String(c.id)}
                checked={choice === String(c.id)}
                onChange={() => setChoice(String(c.id))}
              />
              <span className="class-swatch" style={{ background: c.color }} aria-hidden="true" />
              <span className="class-name">{c.name}</span>
              <span className="class-keep">{keepText(t, c)}</span>
            </label>
          ))}
          <label className="check assign-class-choice">
            <input type="radio" name="assign-class" value="" checked={choice === ''} onChange={() => setChoice('')} />
            <span className="class-swatch is-none" aria-hidden="true" />
            <span className="class-name">{t.t('retention.assignFollowChat')}</span>
          </label>
        </fieldset>
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={onClose}>
            {t.t('common.cancel')}
          </button>
          <button type="submit" className="button is-primary" disabled={busy || !classes}>
            {t.t('retention.assignSubmit')}
          </button>
        </div>
      </form>
    </Overlay>
  );
}
