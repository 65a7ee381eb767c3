import { useEffect, useState, type FormEvent } from 'react';
import { ClassPicker } from '../retention/ClassPicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DateInput } from '../../components/DateInput';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import {
  selectChat,
  selectNotice,
  selectSelectedConversation,
  selectSelection,
  type ArchiveNotice,
} from './archive-slice';
import { Avatar, GroupAvatar } from './Avatar';
import { ChatView } from './ChatView';
import { SelectionBar } from './SelectionBar';
import type { Translator } from '../../i18n/translate';

/** The open conversation: who it is with, a jump to any date, and its messages. */
export function ChatPane() {
  const t = useI18n();
  const conversation = useAppStore(selectSelectedConversation);
  const chat = useAppStore(selectChat);
  const notice = useAppStore(selectNotice);
  const dismissNotice = useAppStore((s) => s.archive.dismissNotice);
  const openExport = useAppStore((s) => s.exporting.open);
  const selection = useAppStore(selectSelection);
  const startSelecting = useAppStore((s) => s.archive.startSelecting);
  const openStats = useAppStore((s) => s.stats.open);
  const openHold = useAppStore((s) => s.retention.openHold);

  // A notice goes by itself after a while, but not while the pointer or focus rests on it: it is being read.
  // Held by notice, so a notice closed under the pointer does not hold the next one.
  const [heldNotice, setHeldNotice] = useState<ArchiveNotice | null>(null);
  const isNoticeHeld = notice !== null && heldNotice === notice;
  useEffect(() => {
    if (!notice || isNoticeHeld) return undefined;
    const timer = window.setTimeout(dismissNotice, 6000);
    return () => window.clearTimeout(timer);
  }, [notice, isNoticeHeld, dismissNotice]);

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
  const isSelecting = selection !== null && selection.conversationId === conversation.id;
  return (
    <section className={`chat-pane ${isSelecting ? 'is-selecting' : ''}`} aria-label={conversation.displayName}>
      <header className="chat-header">
        {conversation.isGroup ? (
          <GroupAvatar
            name={conversation.displayName}
            seed={conversation.username}
            members={conversation.members}
            size={36}
          />
        ) : (
          <Avatar name={conversation.displayName} seed={conversation.username} size={36} />
        )}
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
        <button
          type="button"
          className="button is-small"
          onClick={() => openStats(conversation.id)}
          title={t.t('stats.openHint')}
        >
          <Icon name="chart" size={16} />
          {t.t('stats.open')}
        </button>
        <button
          type="button"
          className="button is-small"
          onClick={() => startSelecting()}
          disabled={isSelecting}
          title={t.t('select.startHint')}
        >
          <Icon name="check" size={16} />
          {t.t('select.start')}
        </button>
        <button
          type="button"
          className="button is-small"
          onClick={() => openExport({ kind: 'conversation', conversationId: conversation.id })}
        >
          {t.t('export.open')}
        </button>
        <button
          type="button"
          className="button is-small"
          onClick={() => openHold({ conversationIds: [conversation.id], fromDay: '', toDay: '' })}
          title={t.t('retention.hold.openHint')}
        >
          <Icon name="lock" size={16} />
          {t.t('retention.hold.open')}
        </button>
        {/* A second row: the name keeps its room however many actions the first row has. */}
        <div className="chat-tools">
          <ClassPicker conversation={conversation} />
          <JumpToDate key={conversation.id} min={first} max={last} />
        </div>
      </header>
      {chat.error && <ErrorNotice error={chat.error} />}
      <ChatView key={conversation.id} conversation={conversation} chat={chat} />
      {isSelecting && <SelectionBar conversation={conversation} selection={selection} />}
      {notice && (
        <div
          className="toast"
          role="status"
          onMouseEnter={() => setHeldNotice(notice)}
          onMouseLeave={() => setHeldNotice(null)}
          onFocus={() => setHeldNotice(notice)}
          onBlur={() => setHeldNotice(null)}
        >
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
    case 'quote-not-in-vault':
      return t.t('archive.quoteNotInVault', { time: t.format.dateTime(notice.time) });
    case 'date-after-last':
      return t.t('archive.dateAfterLast', { date: notice.dayKey });
    case 'date-moved':
      return t.t('archive.dateMoved', { date: notice.dayKey, shown: t.format.dayKey(notice.shownTime) });
    case 'copied':
      return t.t('menu.copied');
    case 'copy-failed':
      return t.t('menu.copyFailed');
    case 'hold-placed':
      return t.t('menu.holdPlaced', { name: notice.name });
    case 'media-saved':
      return t.t('menu.saved');
    case 'action-failed':
      return notice.message;
    case 'class-assigned':
      return notice.className === null
        ? t.plural('archive.classCleared', notice.count)
        : t.plural('archive.classAssigned', notice.count, { name: notice.className });
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
      <DateInput
        id="jump-date"
        value={day}
        onChange={setDay}
        min={min !== null ? t.format.dayKey(min) : undefined}
        max={max !== null ? t.format.dayKey(max) : undefined}
      />
      <button type="submit" className="button is-small" disabled={!day}>
        {t.t('archive.go')}
      </button>
    </form>
  );
}
