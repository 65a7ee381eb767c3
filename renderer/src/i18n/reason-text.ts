import type { MessageKey } from './messages-en';
import type { Translator } from './translate';

/**
 * Reasons the core reports for skipped messages, remarks and missing media. The core may add reasons before the
 * tables learn them: an unknown one is shown as its code, readable and never hidden.
 */
const REASON_KEYS: Record<string, MessageKey> = {
  'not-in-backup': 'reason.not-in-backup',
  'path-outside-backup': 'reason.path-outside-backup',
  'stored-encrypted-by-wechat': 'reason.stored-encrypted-by-wechat',
  'stored-file-missing': 'reason.stored-file-missing',
  'remote-only': 'reason.remote-only',
  'not-in-export': 'reason.not-in-export',
  'path-outside-export': 'reason.path-outside-export',
  'no-path-in-export': 'reason.no-path-in-export',
  'unreadable-image-data': 'reason.unreadable-image-data',
  'unsafe-media-path': 'reason.unsafe-media-path',
  'too-large': 'reason.too-large',
  'dat-format-unknown': 'reason.dat-format-unknown',
  'sticker-not-in-backup': 'reason.sticker-not-in-backup',
  'not-in-vault': 'reason.not-in-vault',
  'source-read-failed': 'reason.source-read-failed',
  'unknown-type-name': 'reason.unknown-type-name',
  'unreadable-type': 'reason.unreadable-type',
  'no-conversation': 'reason.no-conversation',
  'invalid-time': 'reason.invalid-time',
  'unreadable-row': 'reason.unreadable-row',
  'malformed-xml': 'reason.malformed-xml',
  'unknown-type': 'reason.unknown-type',
  'null-content': 'reason.null-content',
  'invalid-utf8': 'reason.invalid-utf8',
  'sender-unknown': 'reason.sender-unknown',
  'missing-group-sender': 'reason.missing-group-sender',
  'imprecise-id': 'reason.imprecise-id',
  'from-wal': 'reason.from-wal',
  'bytes-extra-unreadable': 'reason.bytes-extra-unreadable',
  'compressed-content-unreadable': 'reason.compressed-content-unreadable',
  'missing-conversation': 'reason.missing-conversation',
  'time-out-of-range': 'reason.time-out-of-range',
  'not-a-regular-file': 'reason.not-a-regular-file',
  'content-too-large': 'reason.content-too-large',
  'name-too-long': 'reason.name-too-long',
  'content-not-json': 'reason.content-not-json',
  'compressed-with-unknown-dictionary': 'reason.compressed-with-unknown-dictionary',
  'zstd-dictionary': 'reason.compressed-with-unknown-dictionary',
  'zstd-unreadable': 'reason.zstd-unreadable',
  'zstd-too-large': 'reason.zstd-too-large',
  'wrong-column-count': 'reason.wrong-column-count',
  'malformed-record': 'reason.malformed-record',
  'malformed-line': 'reason.malformed-line',
  'malformed-csv-record': 'reason.malformed-csv-record',
  'malformed-block': 'reason.malformed-block',
  'malformed-member': 'reason.malformed-member',
};

export function reasonText(t: Translator, reason: string): string {
  const key = Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason] : undefined;
  return key ? t.t(key) : reason.replace(/-/g, ' ');
}
