import { useState } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { contactClassId, isConversationHeld, selectConversationClassMap, selectHolds } from './retention-slice';
import './retention.css';
import { useClasses } from './useClasses';

type Target = 'chat' | 'contact';

/**
 * The chat header's retention class. A group chat's class is the chat's own; a 1:1 chat also offers its contact's
 * class, which applies to that chat wherever the chat has none of its own (core: collect-wipe-set).
 */
export function ClassPicker({ conversation }: { conversation: ConversationSummary }) {
  const t = useI18n();
  const classes = useClasses();
  const assignedToChat = useAppStore(selectConversationClassMap)[conversation.id];
  const assignedToContact = useAppStore((s) => contactClassId(s, conversation));
  const holds = useAppStore(selectHolds);
  const { assignConversation, assignContact } = useAppStore((s) => s.retention);
  const [target, setTarget] = useState<Target>('chat');
  if (!classes) return null;
  const fallback = classes.find((c) => c.isDefault);
  const isContact = target === 'contact' && !conversation.isGroup;
  const chosen = isContact ? assignedToContact : (assignedToChat ?? null);
  const effective = assignedToChat ?? conversation.retentionClassId;
  const current = classes.find((c) => c.id === (effective ?? null)) ?? fallback;
  // Only this session's chat assignments are known apart from the contact's; a chat class set earlier shows in the list dot.
  const chatComesFirst = isContact && assignedToChat !== undefined && assignedToChat !== null;

  const onChange = (value: string) => {
    const classId = value === '' ? null : Number(value);
    void (isContact ? assignContact(conversation.username, classId) : assignConversation(conversation.id, classId));
  };

  return (
    <span className="class-picker">
      {isConversationHeld(holds, conversation.id) && <span className="badge is-hold">{t.t('retention.held')}</span>}
      {current && <span className="class-dot" style={{ background: current.color }} aria-hidden="true" />}
      <span className="class-picker-label" aria-hidden="true">
        {t.t('retention.classLabel')}
      </span>
      {!conversation.isGroup && (
        <select
          className="input is-select is-small is-target"
          name="chat-retention-target"
          aria-label={t.t('retention.appliesTo')}
          title={t.t('retention.contactsHelp')}
          value={target}
          onChange={(event) => setTarget(event.target.value as Target)}
        >
          <option value="chat">{t.t('retention.targetChat')}</option>
          <option value="contact">{t.t('retention.targetContact')}</option>
        </select>
      )}
      <select
        className="input is-select is-small"
        name="chat-retention-class"
        aria-label={t.t('retention.classLabel')}
        title={chatComesFirst ? t.t('retention.chatComesFirst') : undefined}
        value={chosen === null ? '' : String(chosen)}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">
          {isContact
            ? t.t('retention.contactNoClass')
            : t.t('retention.classFollowDefault', { name: fallback?.name ?? '—' })}
        </option>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </span>
  );
}
