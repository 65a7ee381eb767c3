import { useState } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { ChangeImpactDialog } from './ChangeImpactDialog';
import { keepText } from './keep-text';
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
  /** The class chosen in the list, waiting in its impact dialog: the list shows the class in force until then. */
  const [pending, setPending] = useState<{ classId: number | null; isContact: boolean } | null>(null);
  if (!classes) return null;
  const fallback = classes.find((c) => c.isDefault);
  const isContact = target === 'contact' && !conversation.isGroup;
  const chosen = isContact ? assignedToContact : (assignedToChat ?? null);
  const effective = assignedToChat ?? conversation.retentionClassId;
  const current = classes.find((c) => c.id === (effective ?? null)) ?? fallback;
  // Only this session's chat assignments are known apart from the contact's; a chat class set earlier shows in the list dot.
  const chatComesFirst = isContact && assignedToChat !== undefined && assignedToChat !== null;

  const onChange = (value: string) => {
    setPending({ classId: value === '' ? null : Number(value), isContact });
  };
  const pendingClass = pending ? classes.find((c) => c.id === pending.classId) : undefined;

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
      {pending && (
        <ChangeImpactDialog
          title={t.t(pending.isContact ? 'retention.impact.contactTitle' : 'retention.impact.chatTitle')}
          summary={t.t(pending.isContact ? 'retention.impact.contactSummary' : 'retention.impact.chatSummary', {
            chat: conversation.displayName,
            name: pendingClass
              ? t.t('retention.classWithKeep', { name: pendingClass.name, keep: keepText(t, pendingClass) })
              : t.t(pending.isContact ? 'retention.contactNoClass' : 'retention.impact.followDefault'),
          })}
          change={{
            kind: 'assign',
            classId: pending.classId,
            target: pending.isContact ? { contact: conversation.username } : { conversationId: conversation.id },
          }}
          confirmLabel={t.t('retention.impact.apply')}
          onConfirm={() =>
            pending.isContact
              ? assignContact(conversation.username, pending.classId)
              : assignConversation(conversation.id, pending.classId)
          }
          onClose={() => setPending(null)}
        />
      )}
    </span>
  );
}
