import { useI18n } from '../../../i18n/useI18n';
import { Avatar } from '../Avatar';
import { str, type ViewOf } from '../payload';

/** A shared contact: name and WeChat ID. */
export function ContactCard({ message }: { message: ViewOf<'card'> }) {
  const t = useI18n();
  const nickname = str(message.payload, 'nickname');
  const alias = str(message.payload, 'alias');
  const username = str(message.payload, 'username');
  return (
    <div className="card is-contact">
      <div className="card-row">
        <Avatar name={nickname ?? alias ?? username ?? null} seed={username ?? nickname ?? '?'} size={40} />
        <span className="card-body">
          <span className="card-title">{nickname ?? alias ?? username ?? t.t('kind.card')}</span>
          {(alias ?? username) && (
            <span className="card-text">{t.t('message.wechatId', { id: alias ?? username ?? '' })}</span>
          )}
        </span>
      </div>
      <span className="card-footer">{t.t('kind.card')}</span>
    </div>
  );
}
