import { REDACTION_LOG } from './bag-layout';
import { evidenceText } from './evidence-text';
import type { ExportRequest } from './export-request';
import { writeBagFile, type BagFile } from './hashed-file';
import type { RedactionStats, Redactor } from './redactor';

/**
 * `data/redaction-log.txt`: which rules changed this bag's text and how often, so a reader knows what they are
 * not seeing, in the bag's language. It names pseudonyms, never the people behind them.
 */
export function redactionLogText(request: ExportRequest, redactor: Redactor, stats: RedactionStats): string {
  const words = evidenceText(request.lang).redactionLog;
  const lines = [words.heading, '', words.appliedTo, ''];
  let n = 1;
  const pseudonyms = redactor.pseudonyms;
  if (pseudonyms.length) lines.push(...words.pseudonyms(n++, pseudonyms, stats.names), '');
  if (request.redaction.maskIdentifiers) {
    lines.push(...words.phones(n++, redactor.masks.phone, stats.phoneNumbers), '');
    lines.push(...words.wechatIds(n, redactor.masks.wechatId, stats.wechatIds), '');
  }
  lines.push(...words.notRedacted, '');
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
