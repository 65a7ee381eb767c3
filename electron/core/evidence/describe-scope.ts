import { evidenceText } from './evidence-text';
import type { ExportRequest } from './export-request';
import type { MessagePreparer } from './prepare-message';
import type { Redactor } from './redactor';
import type { ZonedClock } from './zoned-clock';

/**
 * What was exported and how, in words a recipient reads on the transcript's first page, in the bag's language.
 * Names of conversations and senders are shown as the export shows them (pseudonyms included).
 */
export function describeScope(
  request: ExportRequest,
  preparer: MessagePreparer,
  redactor: Redactor,
  clock: ZonedClock,
): string[] {
  const s = request.scope;
  const words = evidenceText(request.lang).scope;
  const when = (t: number) => `${clock.local(t).iso.replace('T', ' ')} (${request.timeZone})`;
  const lines = [
    s.conversationIds.length
      ? words.conversations(s.conversationIds.map((id) => preparer.conversation(id).name))
      : s.messageIds.length
        ? words.everyChosenConversation
        : words.everyResultConversation,
  ];
  if (s.query) lines.push(words.search(redactor.text(s.query.source)));
  if (s.messageIds.length) lines.push(words.chosenMessages(s.messageIds.length));
  lines.push(s.after === null ? words.fromFirst : words.from(when(s.after)));
  lines.push(s.before === null ? words.untilLast : words.until(when(s.before)));
  lines.push(words.kinds(s.kinds));
  lines.push(words.senders(s.senders.map((u) => redactor.pseudonymOf(u) ?? redactor.text(u))));
  lines.push(words.names(request.names));
  lines.push(words.redaction(describeRedaction(request, redactor)));
  return lines;
}

/** The redaction rules in one line, in the bag's language: the cover and bag-info.txt's Locket-Redaction. */
export function describeRedaction(request: ExportRequest, redactor: Redactor): string {
  return evidenceText(request.lang).redaction(redactor.pseudonyms, request.redaction.maskIdentifiers);
}
