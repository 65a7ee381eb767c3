import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { str, type ViewOf } from '../payload';

/** A voice or video call, with the line WeChat showed for it ("通话时长 02:41", "已取消"). */
export function CallMessage({ message }: { message: ViewOf<'call'> }) {
  const t = useI18n();
  const status = str(message.payload, 'status');
  return (
    <div className="bubble is-call">
      <Icon name="phone" size={16} />
      <span>{status ?? t.t('kind.call')}</span>
    </div>
  );
}
