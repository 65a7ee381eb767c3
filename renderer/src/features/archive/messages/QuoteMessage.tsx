import { useI18n } from '../../../i18n/useI18n';
import { previewText } from '../preview-text';
import { obj, str, type ViewOf } from '../payload';
import { EmoticonText } from './EmoticonText';

/**
 * A reply: its own text, and under it the message it quotes with its time, which jumps there when clicked. The time
 * is the quote's own (refermsg/createtime) or, for a source without it, the quoted message's when the core found it.
 */
export function QuoteMessage({
  message,
  onQuote,
}: {
  message: ViewOf<'quote'>;
  onQuote(serverId: string, time?: number): void;
}) {
  const t = useI18n();
  const reply = str(message.payload, 'text') ?? message.text;
  const quoted = obj(message.payload, 'quoted');
  // WeChat previews a quote as one short paragraph: line breaks become spaces and the box shows two lines at most.
  const quotedText = quoted
    ? previewText(t, message.quotedLine ?? { kind: 'text', text: '' }).replace(/\s*\n\s*/g, ' ')
    : '';
  const who = quoted ? (str(quoted, 'senderName') ?? str(quoted, 'sender')) : undefined;
  const sourceId = quoted ? str(quoted, 'sourceId') : undefined;
  return (
    <div className="quote">
      <div className="bubble is-text">
        <EmoticonText text={reply} />
      </div>
      {quoted && (
        <button
          type="button"
          className="quoted"
          onClick={() => sourceId && onQuote(sourceId, message.quotedTime)}
          disabled={!sourceId}
          title={sourceId ? t.t('message.jumpToQuoted') : undefined}
        >
          {message.quotedTime !== undefined && (
            <time
              className="quoted-time"
              dateTime={new Date(message.quotedTime * 1000).toISOString()}
              title={t.format.dateTime(message.quotedTime)}
            >
              {`${t.format.date(message.quotedTime)} ${t.format.time(message.quotedTime)}`}
            </time>
          )}
          <span className="quoted-clamp">
            {who && <span className="quoted-sender">{who}: </span>}
            <EmoticonText text={quotedText} />
          </span>
        </button>
      )}
    </div>
  );
}
