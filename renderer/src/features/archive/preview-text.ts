import type { ConversationSummary, PreviewLine } from '../../../../electron/ipc/contract';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';

type PlaceholderKind = Exclude<PreviewLine['kind'], 'text'>;

/** Each placeholder's label: a kind's name, or "Message" for a quoted message whose body is not available. */
const PLACEHOLDER_KEYS: Record<PlaceholderKind, MessageKey> = {
  image: 'kind.image',
  voice: 'kind.voice',
  video: 'kind.video',
  sticker: 'kind.sticker',
  link: 'kind.link',
  file: 'kind.file',
  quote: 'kind.quote',
  record: 'kind.record',
  transfer: 'kind.transfer',
  'red-packet': 'kind.red-packet',
  location: 'kind.location',
  card: 'kind.card',
  call: 'kind.call',
  system: 'kind.system',
  revoke: 'kind.revoke',
  miniprogram: 'kind.miniprogram',
  unknown: 'kind.unknown',
  message: 'kind.message',
};

/**
 * A line the core sent as data (a conversation's last message, a quoted message, a record's item) in the interface's
 * language: words as they are, a placeholder as "[图片]", "[语音 3″]" or "[位置] 天安门".
 */
export function previewText(t: Translator, line: PreviewLine): string {
  if (line.kind === 'text') return line.text;
  const label = t.t(PLACEHOLDER_KEYS[line.kind]);
  const seconds =
    line.kind === 'voice' && line.seconds !== undefined
      ? ` ${t.t('message.voiceSeconds', { seconds: line.seconds })}`
      : '';
  return line.detail !== undefined ? `[${label}${seconds}] ${line.detail}` : `[${label}${seconds}]`;
}

/**
 * A conversation's line in the list: its last message, and in a group who wrote it ("妈妈: 记得给奶奶打电话"), as
 * WeChat shows it. Empty when the conversation has no last message.
 */
export function conversationPreview(
  t: Translator,
  conversation: Pick<ConversationSummary, 'isGroup' | 'lastMessageLine' | 'lastMessageSender'>,
): string {
  const line = conversation.lastMessageLine;
  if (!line) return '';
  const text = previewText(t, line);
  const sender = conversation.isGroup ? conversation.lastMessageSender : undefined;
  return sender && line.kind !== 'system' && line.kind !== 'revoke'
    ? t.t('archive.previewSender', { sender, text })
    : text;
}
