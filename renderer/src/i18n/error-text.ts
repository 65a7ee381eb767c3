import type { ErrorCode, ErrorShape } from '../../../electron/ipc/contract';
import type { MessageKey } from './messages-en';
import type { Translator } from './translate';

/**
 * The core's codes with a translated sentence. Keyed by string, not by ErrorCode: the contract gains codes as
 * features land, and a code without a sentence yet still reads well (the core's own sentence is shown).
 */
const ERROR_KEYS: Readonly<Record<string, MessageKey>> = {
  'wrong-passphrase': 'error.wrong-passphrase',
  'wrong-recovery-code': 'error.wrong-recovery-code',
  'vault-corrupt': 'error.vault-corrupt',
  'vault-locked': 'error.vault-locked',
  'vault-exists': 'error.vault-exists',
  'vault-not-found': 'error.vault-not-found',
  'vault-busy': 'error.vault-busy',
  'unsupported-version': 'error.unsupported-version',
  'kdf-params-out-of-range': 'error.kdf-params-out-of-range',
  'weak-passphrase': 'error.weak-passphrase',
  'disk-full': 'error.disk-full',
  'io-error': 'error.io-error',
  'source-encrypted': 'error.source-encrypted',
  'source-unrecognized': 'error.source-unrecognized',
  'source-damaged': 'error.source-damaged',
  'source-account-ambiguous': 'error.source-account-ambiguous',
  'on-hold': 'error.on-hold',
  'invalid-argument': 'error.invalid-argument',
  cancelled: 'error.cancelled',
  'media-undecodable': 'error.media-undecodable',
  'media-unsupported': 'error.media-unsupported',
  internal: 'error.internal',
};

/**
 * Codes whose translated sentence says everything; for the others the core's own sentence (which names the file or
 * the limit involved) is shown beneath it as detail. Never a stack trace: the core sends none.
 */
const SELF_EXPLANATORY: ReadonlySet<ErrorCode> = new Set([
  'wrong-passphrase',
  'wrong-recovery-code',
  'vault-locked',
  'cancelled',
  'vault-busy',
]);

export interface ErrorText {
  message: string;
  detail: string | null;
}

export function errorText(t: Translator, error: ErrorShape): ErrorText {
  const key = Object.hasOwn(ERROR_KEYS, error.code) ? ERROR_KEYS[error.code] : undefined;
  if (!key) return { message: error.message || t.t('error.internal'), detail: null };
  const message = t.t(key);
  const detail = SELF_EXPLANATORY.has(error.code) || !error.message || error.message === message ? null : error.message;
  return { message, detail };
}
