import { boundMessageNames } from './bound-names';
import { classifyMessage } from './classify-message';
import { messageFingerprint } from './message-fingerprint';
import type { PreparedMessage, SourceMessage } from './model';
import { RAW_LAYOUTS } from './raw-layouts';
import { signedServerId } from './reader-kit/server-id';

/**
 * Classifies a source message, makes its dedupe key and serializes its payload and raw row: the per-message work
 * that needs nothing from the vault, so it can run in the thread that reads the source (read-in-thread.ts) or, for
 * a reader in the same thread, in the pipeline itself. Either way the vault stores the same thing.
 */
export function prepareMessage(source: SourceMessage): PreparedMessage {
  // Before the dedupe key is made of them: a giant name would be copied into every key (bound-names.ts).
  boundMessageNames(source);
  const classified = source.preclassified
    ? { ...source.preclassified, isMalformed: false }
    : classifyMessage({ rawType: source.rawType, rawSubType: source.rawSubType, content: source.content });
  // The dedupe key (docs/architecture.md, "Import"): the server id within its conversation, else a fingerprint of what
  // the message says, who said it and when.
  const dedupeKey = source.sourceId
    ? `svr:${source.conversation}:${source.sourceId}`
    : `fp:${messageFingerprint({ conversation: source.conversation, sender: source.sender, time: source.time, kind: classified.kind, text: classified.text })}`;
  const legacy = source.sourceId ? signedServerId(source.sourceId) : null;
  const payload: Record<string, unknown> = { ...classified.payload };
  if (classified.isMalformed) payload.malformed = true;
  if (source.warnings.length) payload.warnings = source.warnings;
  if (source.isDirectionGuessed) payload.directionGuessed = true;
  payload.rawType = source.rawType;
  if (source.rawSubType !== null) payload.rawSubType = source.rawSubType;
  // Named field by field: a rest-and-spread copy of the source cost more than classifying it.
  return {
    type: 'prepared-message',
    sourceId: source.sourceId,
    conversation: source.conversation,
    sender: source.sender,
    isSent: source.isSent,
    time: source.time,
    media: source.media,
    warnings: source.warnings,
    kind: classified.kind,
    text: classified.text,
    isMalformed: classified.isMalformed,
    payloadJson: JSON.stringify(payload),
    dedupeKey,
    ...(source.isDirectionGuessed ? { isDirectionGuessed: true as const } : {}),
    ...(legacy ? { legacyDedupeKey: `svr:${source.conversation}:${legacy}` } : {}),
    rawJson: rawJson(source),
  };
}

/**
 * `{ file, localId, ...raw }` as JSON, without building that object: spreading a row's many columns into a new
 * object makes V8 build a slow dictionary, and stringifying it cost more than inserting the message. As in the
 * spread, a column of the same name wins (PC 3.x rows have their own localId). A row with a named column list is
 * kept as `{ file, localId, layout, values }` (raw-layouts.ts `expandRaw` turns it back into the object).
 */
function rawJson(source: SourceMessage): string {
  let head = '';
  if (!('file' in source.raw)) head += `"file":${JSON.stringify(source.sourceFile)},`;
  if (!('localId' in source.raw)) head += `"localId":${JSON.stringify(source.localId)},`;
  if (source.rawLayout) {
    const raw = source.raw;
    const values = RAW_LAYOUTS[source.rawLayout].map((column) => raw[column] ?? null);
    return `{${head}"layout":"${source.rawLayout}","values":${JSON.stringify(values)}}`;
  }
  const columns = JSON.stringify(source.raw);
  return columns === '{}' ? `{${head.slice(0, -1)}}` : `{${head}${columns.slice(1)}`;
}
