import type { DetectedSource } from '../../../electron/ipc/contract';
import { en, type MessageKey } from './messages-en';
import type { Translator } from './translate';

/** A source format as a person reads it, in the app's language; a format the tables do not know shows as written. */
export function sourceFormatName(t: Translator, format: DetectedSource['format'], fallback?: string): string {
  const key = `sourceFormat.${format}`;
  return Object.hasOwn(en, key) ? t.t(key as MessageKey) : (fallback ?? format);
}
