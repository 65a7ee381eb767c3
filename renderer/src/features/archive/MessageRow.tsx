import { memo } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { Avatar } from './Avatar';
import type { ImageViewerTarget } from './ImageViewer';
import { MessageContent } from './messages/MessageContent';
import { isMalformed } from './payload';

export interface MessageRowProps {
  message: MessageView;
  showSender: boolean;
  isHighlighted: boolean;
  /** Changes on every jump to this message, so the highlight plays again. */
  highlightSeq: number;
  onOpenImage(target: ImageViewerTarget): void;
  onOpenLink(url: string): void;
  /** A quote's "go to": the quoted message's server id, and when it was sent when the quote knows. */
  onQuote(serverId: string, time?: number): void;
}

/** One message: centred for system lines, otherwise a bubble on the left (them) or right (you) with its time. */
export const MessageRow = memo(function MessageRow({
  message,
  showSender,
  isHighlighted,
  highlightSeq,
  onOpenImage,
  onOpenLink,
  onQuote,
}: MessageRowProps) {
  const t = useI18n();
  const time = (
    <time
      className="message-time"
      dateTime={new Date(message.time * 1000).toISOString()}
      title={t.format.dateTime(message.time)}
    >
      {t.format.time(message.time)}
    </time>
  );
  if (message.kind === 'system' || message.kind === 'revoke') {
    const text =
      message.kind === 'revoke'
        ? typeof message.payload.text === 'string'
          ? message.payload.text
          : message.text
        : message.text;
    return (
      <div
        className={`system-line ${isHighlighted ? 'is-highlighted' : ''}`}
        key={highlightSeq}
        data-message-id={message.id}
        data-kind={message.kind}
      >
        <span title={t.format.dateTime(message.time)}>{text || t.t('kind.system')}</span>
      </div>
    );
  }
  const side = message.isSelf ? 'is-self' : 'is-other';
  return (
    <div
      className={`message ${side} ${isHighlighted ? 'is-highlighted' : ''}`}
      key={highlightSeq}
      data-message-id={message.id}
      data-kind={message.kind}
      data-server-id={message.serverId ?? undefined}
    >
      <Avatar
        name={message.senderName ?? message.sender}
        seed={message.sender ?? message.senderName ?? '?'}
        size={36}
      />
      <div className="message-main">
        {showSender && (
          <span className="message-sender">{message.senderName ?? message.sender ?? t.t('message.unknownSender')}</span>
        )}
        <div className="message-line">
          <MessageContent message={message} onOpenImage={onOpenImage} onOpenLink={onOpenLink} onQuote={onQuote} />
          {time}
        </div>
        {isMalformed(message) && <span className="message-note">{t.t('message.malformed')}</span>}
      </div>
    </div>
  );
});
