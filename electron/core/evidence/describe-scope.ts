import type { ExportNames } from '../../ipc/contract';
import type { ExportRequest } from './export-request';
import type { MessagePreparer } from './prepare-message';
import type { Redactor } from './redactor';
import type { ZonedClock } from './zoned-clock';

const NAMES_MODE: Readonly<Record<ExportNames, string>> = {
  group: 'group nickname, else remark, else nickname (as WeChat shows them)',
  remark: 'the remark the owner gave each contact, else their nickname',
  nickname: 'each person’s own nickname',
  wxid: 'WeChat username (wxid)',
};

/**
 * What was exported and how, in words a recipient reads on the transcript's first page and in bag-info.txt.
 * Names of conversations and senders are shown as the export shows them (pseudonyms included).
 */
export function describeScope(
  request: ExportRequest,
  preparer: MessagePreparer,
  redactor: Redactor,
  clock: ZonedClock,
): string[] {
  const s = request.scope;
  const when = (t: number) => `${clock.local(t).iso.replace('T', ' ')} (${request.timeZone})`;
  const lines = [
    s.conversationIds.length
      ? `Conversations: ${s.conversationIds.map((id) => preparer.conversation(id).name).join(', ')}`
      : s.messageIds.length
        ? 'Conversations: every conversation with a chosen message'
        : 'Conversations: every conversation with a search result',
  ];
  if (s.query) lines.push(`Search: ${redactor.text(s.query.source)}`);
  if (s.messageIds.length) lines.push(`Messages: ${s.messageIds.length} chosen one by one (only these are exported)`);
  lines.push(s.after === null ? 'From: the first message' : `From: ${when(s.after)}`);
  lines.push(s.before === null ? 'Until: the last message' : `Until (not including): ${when(s.before)}`);
  lines.push(`Kinds: ${s.kinds.length ? s.kinds.join(', ') : 'all'}`);
  lines.push(
    `Senders: ${s.senders.length ? s.senders.map((u) => redactor.pseudonymOf(u) ?? redactor.text(u)).join(', ') : 'all'}`,
  );
  lines.push(`Names shown by: ${NAMES_MODE[request.names]}`);
  lines.push(`Redaction: ${describeRedaction(request, redactor)}`);
  return lines;
}

export function describeRedaction(request: ExportRequest, redactor: Redactor): string {
  const rules: string[] = [];
  const n = redactor.pseudonyms.length;
  if (n) rules.push(`${n} participant${n === 1 ? '' : 's'} pseudonymized (${redactor.pseudonyms.join(', ')})`);
  if (request.redaction.maskIdentifiers) rules.push('phone numbers and WeChat IDs masked in text');
  return rules.length ? `${rules.join('; ')}; see data/redaction-log.txt` : 'none';
}
