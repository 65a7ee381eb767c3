import type { MessageView } from '../../../../electron/ipc/contract';
import type { Translator } from '../../i18n/translate';
import { str } from './payload';
import { previewText } from './preview-text';

/**
 * What "Copy" puts on the clipboard: the words as stored (WeChat's "[微笑]" stays a bracket name, as WeChat copies
 * it), a reply's own words without the quote, and for media the line the chat list shows ("[图片]", "[文件] a.pdf").
 */
export function messageCopyText(t: Translator, message: MessageView): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'quote':
      return str(message.payload, 'text') ?? message.text;
    case 'revoke':
      return str(message.payload, 'text') ?? message.text;
    case 'system':
      return message.text;
    default:
      return previewText(t, message.line);
  }
}

/** "Copy with sender and time": a line naming who wrote it and when (in the chosen zone), then the message. */
export function messageCopyWithSender(t: Translator, message: MessageView): string {
  const who = message.senderName ?? message.sender ?? t.t('message.unknownSender');
  return `${who} ${t.format.dateTime(message.time)}\n${messageCopyText(t, message)}`;
}
