import { useEffect, useState, type FormEvent } from 'react';
import { ClassPicker } from '../retention/ClassPicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectChat, selectNotice, selectSelectedConversation, type ArchiveNotice } from './archive-slice';
import { Avatar } from './Avatar';
import { ChatView } from './ChatView';
import type { Translator } from '../../i18n/translate';

/** The open conversation: who it is with, a jump to any date, and its messages. */
export function ChatPane() {
  const t = useI18n();
  const conversation = useAppStore(selectSelectedConversation);
  const chat = useAppStore(selectChat);
  const notice = useAppStore(selectNotice);
  const dismissNotice = useAppStore((s) => s.archive.dismissNotice);
  const openExport = useAppStore((s) => s.exporting.open);

  useEffect(() => {
    if (!notice) return undefined;
    const timer = window.setTimeout(dismissNotice, 6000);
    return () => window.clearTimeout(timer);
  }, [notice, dismissNotice]);

  if (!conversation || !chat) {
    return (
      <section className="chat-pane is-empty">
        <div className="empty-state is-quiet">
          <Icon name="chat" size={36} />
          <p>{t.t('archive.choose')}</p>
        </div>
      </section>
    );
  }

  const first = conversation.firstMessageTime;
  const last = conversation.lastMessageTime;
  return (
    <section className="chat-pane" aria-label={conversation.displayName}>
      <header className="chat-header">
        <Avatar name={conversation.displayName} seed={conversation.username} size={36} />
        <div className="chat-title">
          <h1>
            {conversation.displayName}
            {conversation.isGroup && <span className="badge">{t.t('archive.group')}</span>}
          </h1>
          <p className="chat-subtitle">
            {t.plural('archive.messageCount', conversation.messageCount)}
            {first !== null && last !== null && ` · ${t.format.date(first)} – ${t.format.date(last)}`}
          </p>
        </div>
        <ClassPicker conversationId={conversation.id} />
        <button type="button" className="button is-small" onClick={() => openExport(conversation.id)}>
          {t.t('export.open')}
        </button>
        <JumpToDate key={conversation.id} min={first} max={last} />
      </header>
      {chat.error && <ErrorNotice error={chat.error} />}
      <ChatView key={conversation.id} conversation={conversation} chat={chat} />
      {notice && (
        <div className="toast" role="status">
          <Icon name="info" size={16} />
          <span>{noticeText(t, notice)}</span>
          <button type="button" className="icon-button" onClick={dismissNotice} aria-label={t.t('common.close')}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
    </section>
  );
}

function noticeText(t: Translator, notice: ArchiveNotice): string {
  switch (notice.kind) {
    case 'quote-not-loaded':
      return t.t('archive.quoteNotLoaded');
    case 'date-after-last':
      return t.t('archive.dateAfterLast', { date: notice.dayKey });
    case 'date-moved':
      return t.t('archive.dateMoved', { date: notice.dayKey, shown: t.format.dayKey(notice.shownTime) });
  }
}

function JumpToDate({ min, max }: { min: number | null; max: number | null }) {
  const t = useI18n();
  const jumpToDay = useAppStore((s) => s.archive.jumpToDay);
  const [day, setDay] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) void jumpToDay(t.format.startOfDay(day), day);
  };
  return (
    <form className="jump" onSubmit={submit}>
      <label htmlFor="jump-date" className="jump-label">
        <Icon name="calendar" size={16} />
        {t.t('archive.jumpToDate')}
      </label>
      <input
        id="jump-date"
        type="date"
        className="input is-date"
        value={day}
        onChange={(event) => setDay(event.target.value)}
        min={min !== null ? t.format.dayKey(min) : undefined}
        max={max !== null ? t.format.dayKey(max) : undefined}
      />
      <button type="submit" className="button is-small" disabled={!day}>
        {t.t('archive.go')}
      </button>
    </form>
  );
}
