import { useI18n } from '../../../i18n/useI18n';
import { num, type ViewOf } from '../payload';

/** A message type Locket does not model yet: kept whole in the vault, and said so here with its WeChat type. */
export function UnsupportedMessage({ message }: { message: ViewOf<'unknown'> }) {
  const t = useI18n();
  const rawType = num(message.payload, 'rawType');
  const appType = num(message.payload, 'appMsgType');
  const type = rawType === undefined ? '?' : appType !== undefined ? `${rawType}/${appType}` : String(rawType);
  // An app message Locket does not model keeps its title as text; the placeholder says nothing the line above does not.
  const title = message.line.kind === 'text' && message.line.text ? message.line.text : null;
  return (
    <div className="bubble is-unsupported">
      <span>{t.t('message.unsupported', { type })}</span>
      {title && <span className="unsupported-title">{title}</span>}
    </div>
  );
}
