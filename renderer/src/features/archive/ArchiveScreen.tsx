import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from './archive-slice';
import { ChatPane } from './ChatPane';
import { ConversationList } from './ConversationList';
import './archive.css';

/** Conversations on the left, the open chat on the right; an empty vault points to Import instead. */
export function ArchiveScreen() {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const go = useAppStore((s) => s.navigation.go);
  if (conversations && conversations.length === 0) {
    return (
      <div className="empty-state">
        <Icon name="archive" size={40} />
        <h1>{t.t('archive.emptyTitle')}</h1>
        <p>{t.t('archive.emptyText')}</p>
        <button type="button" className="button is-primary" onClick={() => go('import')}>
          {t.t('archive.emptyAction')}
        </button>
      </div>
    );
  }
  return (
    <div className="archive">
      <ConversationList />
      <ChatPane />
    </div>
  );
}
