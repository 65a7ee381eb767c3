import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { isConversationHeld, selectClasses, selectConversationClassMap, selectHolds } from './retention-slice';
import './retention.css';

/** The chat header's retention class: shows the class this session knows of and assigns another to the whole chat. */
export function ClassPicker({ conversationId }: { conversationId: number }) {
  const t = useI18n();
  const classes = useAppStore(selectClasses);
  const assigned = useAppStore(selectConversationClassMap)[conversationId];
  const holds = useAppStore(selectHolds);
  const assign = useAppStore((s) => s.retention.assignConversation);
  if (!classes) return null;
  const fallback = classes.find((c) => c.isDefault);
  const current = classes.find((c) => c.id === assigned) ?? fallback;
  return (
    <span className="class-picker">
      {isConversationHeld(holds, conversationId) && <span className="badge is-hold">{t.t('retention.held')}</span>}
      {current && <span className="class-dot" style={{ background: current.color }} aria-hidden="true" />}
      <select
        className="input is-select is-small"
        name="chat-retention-class"
        aria-label={t.t('retention.classLabel')}
        value={assigned === undefined || assigned === null ? '' : String(assigned)}
        onChange={(event) => void assign(conversationId, event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{t.t('retention.classFollowDefault', { name: fallback?.name ?? '—' })}</option>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </span>
  );
}
