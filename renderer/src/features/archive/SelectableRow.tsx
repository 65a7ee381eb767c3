import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';

export interface SelectableRowProps {
  message: MessageView;
  isSelected: boolean;
  /** The row keyboard focus rests on (roving tabindex): only it is in the Tab order. */
  isCursor: boolean;
  onChoose(messageId: number, isRange: boolean): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>, messageId: number): void;
  children: ReactNode;
}

/**
 * A message in selection mode: one checkbox for the whole row. Clicks are caught before the message's own
 * controls (images, links, voice) see them, so choosing a message never opens it.
 */
export function SelectableRow({ message, isSelected, isCursor, onChoose, onKeyDown, children }: SelectableRowProps) {
  const t = useI18n();
  const choose = (event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    onChoose(message.id, event.shiftKey);
  };
  // A checkbox's content is presentational to screen readers: its label carries what the message says.
  const summary = message.kind === 'text' ? message.text.slice(0, 120) : t.t(`kind.${message.kind}`);
  const sender = message.isSelf
    ? t.t('search.me')
    : (message.senderName ?? message.sender ?? t.t('message.unknownSender'));
  return (
    <div
      className={`selectable-row ${isSelected ? 'is-selected' : ''}`}
      role="checkbox"
      aria-checked={isSelected}
      aria-label={t.t('select.rowLabel', { sender, time: t.format.dateTime(message.time), summary })}
      tabIndex={isCursor ? 0 : -1}
      data-select-id={message.id}
      onClickCapture={choose}
      onKeyDown={(event) => onKeyDown(event, message.id)}
    >
      <span className="select-box" aria-hidden="true">
        {isSelected && <Icon name="check" size={14} />}
      </span>
      {/* inert: the message's own buttons and links leave the Tab order and cannot be clicked while choosing. */}
      <div className="selectable-content" inert>
        {children}
      </div>
    </div>
  );
}
