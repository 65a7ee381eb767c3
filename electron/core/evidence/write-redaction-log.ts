import { REDACTION_LOG } from './bag-layout';
import type { ExportRequest } from './export-request';
import { writeBagFile, type BagFile } from './hashed-file';
import { PHONE_MASK, WECHAT_ID_MASK, type RedactionStats, type Redactor } from './redactor';

/**
 * `data/redaction-log.txt`: which rules changed this bag's text and how often, so a reader knows what they are
 * not seeing. It names pseudonyms, never the people behind them.
 */
export function redactionLogText(request: ExportRequest, redactor: Redactor, stats: RedactionStats): string {
  const lines = [
    'Locket redaction log',
    '',
    'These rules were applied to every file in data/ (transcript, messages.jsonl, messages.csv, media file names):',
    '',
  ];
  let n = 1;
  const pseudonyms = redactor.pseudonyms;
  if (pseudonyms.length) {
    lines.push(
      `${n++}. Pseudonymized participants: ${pseudonyms.length}, shown as ${pseudonyms.join(', ')}.`,
      '   Each keeps one pseudonym throughout this export (and in every part of it). Their WeChat IDs, aliases,',
      '   nicknames, remarks and group nicknames (two characters or longer) were replaced by the pseudonym wherever',
      `   they appeared in text: ${stats.names} replacement${stats.names === 1 ? '' : 's'} in this bag.`,
      '',
    );
  }
  if (request.redaction.maskIdentifiers) {
    lines.push(
      `${n++}. Phone numbers (mainland mobile numbers, landlines with an area code, international numbers starting with +)`,
      `   were replaced by ${PHONE_MASK}: ${stats.phoneNumbers} in this bag.`,
      '',
      `${n}. WeChat IDs of the form wxid_… were replaced by ${WECHAT_ID_MASK}: ${stats.wechatIds} in this bag.`,
      '',
    );
  }
  lines.push(
    'Not redacted: the contents of images, voice messages, videos and files, which are copied as they are in the',
    'vault. Message ids, times and kinds are unchanged. The unredacted messages remain in the exporter’s vault.',
    '',
  );
  return lines.join('\n');
}

export function writeRedactionLog(
  root: string,
  request: ExportRequest,
  redactor: Redactor,
  stats: RedactionStats,
): Promise<BagFile> {
  return writeBagFile(root, REDACTION_LOG, redactionLogText(request, redactor, stats));
}
