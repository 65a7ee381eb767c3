import { useState } from 'react';
import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { previewText } from '../preview-text';
import { recordItems, str, type ViewOf } from '../payload';
import { EmoticonText } from './EmoticonText';

const PREVIEW_ITEMS = 3;

/** A forwarded chat history: a few lines as WeChat previews them, and all of them when expanded. */
export function RecordCard({ message }: { message: ViewOf<'record'> }) {
  const t = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const items = recordItems(message.payload, message.itemLines);
  const title = str(message.payload, 'title') ?? t.t('kind.record');
  const shown = isOpen ? items : items.slice(0, PREVIEW_ITEMS);
  return (
    <div className="card is-record">
      <div className="card-body">
        <span className="card-title">{title}</span>
        <ul className={`record-items ${isOpen ? 'is-open' : ''}`}>
          {shown.map((item, i) => (
            <li key={i}>
              {isOpen && item.time && <span className="record-time">{item.time}</span>}
              <span className="record-line">
                {item.senderName && <span className="record-sender">{item.senderName}: </span>}
                <EmoticonText text={previewText(t, item.line ?? { kind: 'text', text: item.text })} />
              </span>
            </li>
          ))}
        </ul>
        <span className="card-footer">
          <Icon name="records" size={14} />
          {t.plural('message.recordCount', items.length)}
          {items.length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => setIsOpen((open) => !open)}
              aria-expanded={isOpen}
            >
              {isOpen ? t.t('message.recordCollapse') : t.t('message.recordExpand')}
            </button>
          )}
        </span>
      </div>
    </div>
  );
}
