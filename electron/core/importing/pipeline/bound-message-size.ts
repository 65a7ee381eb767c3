import type { PreparedMessage } from '../model';

/**
 * The most a message may take in its shard (text, payload and source row together, in UTF-16 units): a tenth of the
 * default shard budget. WeChat's own messages stay far below it; a crafted source (contents that decompress to
 * tens of MiB) would otherwise make a shard too large to load again, and the vault unreadable.
 */
export const MAX_STORED_MESSAGE_CHARS = 1_600_000;
const KEPT_TEXT_CHARS = 64 * 1024;

/**
 * Cuts a message over `MAX_STORED_MESSAGE_CHARS` down to what can be shown and searched: the start of its text, its
 * raw types and warnings in the payload, and a note of its original size instead of the source row. Returns whether
 * it was cut (reported as 'content-too-large'); the message itself is kept, with its time, sender and kind.
 */
export function boundMessageSize(m: PreparedMessage): boolean {
  const size = m.text.length + m.payloadJson.length + m.rawJson.length;
  if (size <= MAX_STORED_MESSAGE_CHARS) return false;
  const payload = JSON.parse(m.payloadJson) as Record<string, unknown>;
  m.text = m.text.slice(0, KEPT_TEXT_CHARS);
  m.payloadJson = JSON.stringify({
    rawType: payload.rawType,
    rawSubType: payload.rawSubType,
    warnings: [...(m.warnings ?? []), 'content-too-large'],
    truncatedFromChars: size,
  });
  m.rawJson = JSON.stringify({ truncatedFromChars: m.rawJson.length });
  return true;
}
