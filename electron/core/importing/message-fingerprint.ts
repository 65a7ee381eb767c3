import { createHash } from 'node:crypto';
import type { MessageKind } from './model';

export interface FingerprintInput {
  conversation: string;
  sender: string | null;
  /** UTC seconds. */
  time: number;
  kind: MessageKind;
  text: string;
}

/**
 * Identity of a message that has no WeChat server id (exports of other tools, system rows): SHA-256 over
 * (conversation, sender, time, kind, text). Importing the same export twice, or an export and the database it came
 * from, then stores the message once. Text is NFC-normalized and trailing whitespace dropped, since exporters differ
 * in both. Two genuinely different messages with all five equal are merged: the report says how many were.
 */
export function messageFingerprint(input: FingerprintInput): string {
  const canonical = JSON.stringify([
    input.conversation,
    input.sender ?? '',
    input.time,
    input.kind,
    input.text.normalize('NFC').trimEnd(),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
