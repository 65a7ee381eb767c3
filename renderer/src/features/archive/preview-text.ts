import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';

/**
 * The core writes placeholders such as "[Image]" or "[Voice 3s]" into previews (classify-message.ts,
 * DISPLAY_TEXT). They are English tokens by design; the interface translates them here.
 */
const TOKEN_KEYS: Record<string, MessageKey> = {
  Image: 'kind.image',
  Voice: 'kind.voice',
  Video: 'kind.video',
  Sticker: 'kind.sticker',
  Link: 'kind.link',
  File: 'kind.file',
  Quote: 'kind.quote',
  'Chat record': 'kind.record',
  Transfer: 'kind.transfer',
  'Red packet': 'kind.red-packet',
  Location: 'kind.location',
  'Contact card': 'kind.card',
  Call: 'kind.call',
  'System message': 'kind.system',
  'Message recalled': 'kind.revoke',
  'Mini program': 'kind.miniprogram',
  'Unsupported message': 'kind.unknown',
  Message: 'kind.message',
};

const TOKEN = /^\[([A-Za-z ]+?)(?: (\d+)s)?\]/;

export function localizePreview(t: Translator, preview: string): string {
  const match = TOKEN.exec(preview);
  const key = match ? TOKEN_KEYS[match[1]!] : undefined;
  if (!match || !key) return preview;
  const seconds = match[2];
  const label = seconds ? `${t.t(key)} ${t.t('message.voiceSeconds', { seconds: Number(seconds) })}` : t.t(key);
  return `[${label}]${preview.slice(match[0].length)}`;
}
