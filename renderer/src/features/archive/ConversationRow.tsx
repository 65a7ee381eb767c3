import { memo } from 'react';
import type { ConversationSummary } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { RetentionMarks } from '../retention/RetentionMarks';
import { Avatar, GroupAvatar } from './Avatar';
import { EmoticonText } from './messages/EmoticonText';
import { conversationPreview } from './preview-text';

export const CONVERSATION_ROW_HEIGHT = 68;

export const ConversationRow = memo(function ConversationRow({
  conversation,
  isSelected,
  onOpen,
}: {
  conversation: ConversationSummary;
  isSelected: boolean;
  onOpen(id: number): void;
}) {
  const t = useI18n();
  const time = conversation.lastMessageTime;
  const preview = conversationPreview(t, conversation);
  return (
    <button
      type="button"
      className={`conversation ${isSelected ? 'is-selected' : ''}`}
      onClick={() => onOpen(conversation.id)}
      aria-current={isSelected ? 'true' : undefined}
      data-conversation-id={conversation.id}
    >
      {conversation.isGroup ? (
        <GroupAvatar
          name={conversation.displayName}
          seed={conversation.username}
          members={conversation.members}
          size={42}
        />
      ) : (
        <Avatar name={conversation.displayName} seed={conversation.username} size={42} />
      )}
      <span className="conversation-body">
        <span className="conversation-top">
          <span className="conversation-name">{conversation.displayName}</span>
          {conversation.isGroup && <span className="badge">{t.t('archive.group')}</span>}
          <RetentionMarks conversationId={conversation.id} />
          {time !== null && (
            <time
              className="conversation-time"
              dateTime={new Date(time * 1000).toISOString()}
              title={t.format.dateTime(time)}
            >
              {t.format.listTime(time)}
            </time>
          )}
        </span>
        <span className="conversation-preview">{preview ? <EmoticonText text={preview} /> : '\u00a0'}</span>
      </span>
    </button>
  );
});
