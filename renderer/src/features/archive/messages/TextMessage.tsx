import type { MessageView } from '../../../../../electron/ipc/contract';
import { useI18n } from '../../../i18n/useI18n';
import { EmoticonText } from './EmoticonText';

/** Text as written: newlines and spaces kept, long words wrapped, WeChat's emoticons as emoji. */
export function TextMessage({ message }: { message: MessageView }) {
  const t = useI18n();
  if (message.text === '') {
    return <div className="bubble is-empty-text">{t.t('message.emptyText')}</div>;
  }
  return (
    <div className="bubble is-text">
      <EmoticonText text={message.text} />
    </div>
  );
}
