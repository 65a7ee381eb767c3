import type { MessageView } from '../../../../../electron/ipc/contract';
import { useI18n } from '../../../i18n/useI18n';
import { num } from '../payload';

/** A message type Locket does not model yet: kept whole in the vault, and said so here with its WeChat type. */
export function UnsupportedMessage({ message }: { message: MessageView }) {
  const t = useI18n();
  const rawType = num(message.payload, 'rawType');
  const appType = num(message.payload, 'appMsgType');
  const type = rawType === undefined ? '?' : appType !== undefined ? `${rawType}/${appType}` : String(rawType);
  const title = message.text && !message.text.startsWith('[') ? message.text : null;
  return (
    <div className="bubble is-unsupported">
      <span>{t.t('message.unsupported', { type })}</span>
      {title && <span className="unsupported-title">{title}</span>}
    </div>
  );
}
