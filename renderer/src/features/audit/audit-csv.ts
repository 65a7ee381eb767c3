import { auditSentence, rawFields } from '../../../../electron/common/audit-sentences';
import type { RecordWriter } from '../../../../electron/common/record-language';
import type { AuditEntryView } from '../../../../electron/ipc/contract';

/**
 * One cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would run as a formula
 * (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, since names in the log come from backups.
 */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The entries shown as CSV, one row each: number, local time (with its zone in the header), UTC time, who, the
 * action, the sentence in the app's language, the recorded fields and the entry's hash. With a BOM, so a
 * spreadsheet reads the Chinese as UTF-8.
 */
export function auditCsv(w: RecordWriter, entries: readonly AuditEntryView[], headers: readonly string[]): string {
  const rows = entries.map((e) => {
    const s = auditSentence(w, e);
    return [
      e.sequence,
      w.dateTime(e.time),
      w.dateTimeUtc(e.time),
      s.actor,
      e.action,
      s.text,
      rawFields(e.details).join('; '),
      e.entryHash,
    ];
  });
  return `\ufeff${[headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
