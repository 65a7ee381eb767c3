import { auditProblemText } from '../../common/audit-problems';
import { auditSentence, rawFields, type AuditAction } from '../../common/audit-sentences';
import type { RecordWriter } from '../../common/record-language';
import { cssString, escapeHtml } from '../evidence/html-escape';
import { PROVENANCE_TEXT } from '../evidence/provenance-text';
import type { AuditFilter } from './audit-filter';
import type { AuditVerification } from '../../ipc/contract';
import type { AuditEntry } from './audit-log';

/** What the printed audit log states about itself, besides its entries. */
export interface AuditDocumentInput {
  /** The vault as a person names it (its folder), its id and its signing key's fingerprint. */
  vault: { name: string; id: string; fingerprint: string };
  /** ms since the epoch. */
  madeAt: number;
  filter: AuditFilter;
  verification: AuditVerification;
  /** The last entry's hash (the chain's head), or null for an empty log. */
  headHash: string | null;
  /** The entries chosen by the filter, oldest first, and how many the log holds in all. */
  entries: readonly AuditEntry[];
  total: number;
  includeRawFields: boolean;
}

/**
 * Same policy as an evidence transcript (write-transcript-html.ts): no script runs and nothing is fetched, so the
 * print window (which runs no JavaScript anyway) shows only what Locket wrote, even if some text escaped escaping.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The transcript's font stacks (transcript-styles.ts): Simplified Chinese fonts first in a Chinese document. */
const LATIN_FIRST = '-apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", sans-serif';
const CJK_FIRST =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

const ACTION_NAMES: Record<AuditAction, [en: string, zh: string]> = {
  'vault-created': ['Vault created', '创建保险库'],
  import: ['Import', '导入'],
  export: ['Export', '导出'],
  'hold-placed': ['Hold placed', '设置诉讼保全'],
  'hold-released': ['Hold released', '解除诉讼保全'],
  'class-saved': ['Class saved', '保存留存类别'],
  'class-assigned': ['Class assigned', '指定留存类别'],
  wipe: ['Wipe', '清除'],
  backup: ['Backup', '备份'],
  'mcp-session': ['AI assistant session', 'AI 助手会话'],
};

function actionName(w: RecordWriter, action: string): string {
  const names = (ACTION_NAMES as Record<string, [string, string]>)[action];
  return names ? w.say(...names) : action;
}

function css(w: RecordWriter): string {
  const t = PROVENANCE_TEXT[w.language];
  const font = w.isZh ? CJK_FIRST : LATIN_FIRST;
  const small = `font-size: 8pt; color: #555; font-family: ${font};`;
  const { before, between, after } = t.footerPage;
  return `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; color: #191919; font: 10.5pt/1.45 ${font}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 18pt; margin: 0 0 2pt; }
.subtitle { margin: 0 0 12pt; color: #576b95; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 14pt; margin: 0 0 12pt; }
dt { color: #6b6b6b; }
dd { margin: 0; overflow-wrap: anywhere; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono", monospace; font-size: 0.92em; }
.intact { color: #1f7a3d; font-weight: 600; }
.broken { color: #a32020; font-weight: 600; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th { text-align: left; font-weight: 600; color: #555; border-bottom: 1.2pt solid #999; padding: 4pt 6pt; font-size: 9pt; }
td { border-bottom: 0.6pt solid #ddd; padding: 5pt 6pt; vertical-align: top; }
tr { break-inside: avoid; }
td.num { text-align: right; color: #777; width: 1%; white-space: nowrap; }
td.time { white-space: nowrap; width: 1%; }
td.time small { display: block; color: #888; font-size: 8pt; }
td.actor { width: 17%; overflow-wrap: anywhere; }
.raw { margin: 3pt 0 0; padding: 0; list-style: none; color: #666; font-size: 8pt; }
.raw li { overflow-wrap: anywhere; }
.empty, .end { color: #777; margin-top: 14pt; }
@page {
  size: A4;
  margin: 16mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(w.say('Locket audit log', 'Locket 审计日志'))}; ${small} }
  @bottom-left { content: ${cssString(w.say('Times in ', '时间按') + w.zoneShown)}; ${small} }
  @bottom-right { content: ${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}; ${small} }
}
`;
}

/** The filter as a person reads it: which actions, which days (in the document's zone), or everything. */
function filterWords(w: RecordWriter, filter: AuditFilter): string {
  const actions = filter.actions.length
    ? w.list(filter.actions.map((a) => actionName(w, a)))
    : w.say('all actions', '全部操作');
  const days =
    filter.from && filter.to
      ? w.say(`${filter.from} – ${filter.to}`, `${filter.from} 至 ${filter.to}`)
      : filter.from
        ? w.say(`from ${filter.from}`, `${filter.from} 起`)
        : filter.to
          ? w.say(`until ${filter.to}`, `截至 ${filter.to}`)
          : w.say('all days', '全部日期');
  return w.say(`${actions}; ${days}`, `${actions}；${days}`);
}

function chainWords(w: RecordWriter, input: AuditDocumentInput): string {
  const v = input.verification;
  if (v.isIntact)
    return w.say(
      `Verified: ${w.count(v.entries, 'entry', 'entries', '')}, hash chain and signed head intact`,
      `已校验：共 ${w.number(v.entries)} 条，哈希链和签名的日志头完整`,
    );
  const problem = auditProblemText(w.language, v);
  return w.say(
    `NOT intact at entry ${v.firstBadSequence ?? '?'}: ${problem}`,
    `在第 ${v.firstBadSequence ?? '?'} 条处不完整：${problem}`,
  );
}

/**
 * The audit log as a document for printing, in the writer's language and zone: what it is (the vault, when it was
 * made, the filter, the chain's state and head) and one row per entry, its sentence with time and actor, the raw
 * fields when asked. Every page's footer numbers it ("Page 2 of 5" / "第 2 页 共 5 页"). No script, nothing fetched;
 * every recorded value is escaped (entries hold names people typed).
 */
export function auditDocumentHtml(w: RecordWriter, input: AuditDocumentInput): string {
  const title = w.say('Audit log', '审计日志');
  const row = (label: string, value: string, className = '') =>
    `<dt>${escapeHtml(label)}</dt><dd${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</dd>`;
  const madeAt = `${w.dateTime(input.madeAt)} (${w.timeZone}) · ${w.dateTimeUtc(input.madeAt)}`;
  const head = input.headHash
    ? w.say(
        `entry ${input.verification.entries}, ${input.headHash}`,
        `第 ${input.verification.entries} 条，${input.headHash}`,
      )
    : w.say('empty log', '日志为空');
  const cover =
    `<header><h1>${escapeHtml(title)}</h1><p class="subtitle">${escapeHtml(
      w.say(
        'Every import, export, hold, class change, wipe and backup the vault recorded, as sentences. The log holds no message content.',
        '保险库记录的每一次导入、导出、诉讼保全、留存类别变更、清除和备份，以句子呈现。日志不含任何消息内容。',
      ),
    )}</p><dl>` +
    row(w.say('Vault', '保险库'), input.vault.name) +
    row(w.say('Vault id', '保险库 ID'), input.vault.id, 'mono') +
    row(w.say('Signing key fingerprint', '签名密钥指纹'), input.vault.fingerprint, 'mono') +
    row(w.say('Made', '生成时间'), madeAt) +
    row(w.say('Times shown in', '时间显示时区'), w.zoneShown) +
    row(w.say('Filter', '筛选条件'), filterWords(w, input.filter)) +
    row(
      w.say('Entries', '条目'),
      w.say(
        `${w.number(input.entries.length)} of ${w.number(input.total)}`,
        `${w.number(input.entries.length)} 条，共 ${w.number(input.total)} 条`,
      ),
    ) +
    row(w.say('Chain', '哈希链'), chainWords(w, input), input.verification.isIntact ? 'intact' : 'broken') +
    row(w.say('Head', '日志头'), head, 'mono') +
    '</dl></header>\n';
  const rows = input.entries.map((e) => {
    const sentence = auditSentence(w, e);
    const raw =
      input.includeRawFields || !sentence.isKnown
        ? `<ul class="raw mono">${[
            `action: ${e.action}`,
            ...rawFields(e.details),
            `${w.say('entry hash', '条目哈希')}: ${e.entryHash}`,
          ]
            .map((f) => `<li>${escapeHtml(f)}</li>`)
            .join('')}</ul>`
        : '';
    return (
      `<tr data-sequence="${e.sequence}"><td class="num">${e.sequence}</td>` +
      `<td class="time">${escapeHtml(w.dateTime(e.time))}<small>${escapeHtml(w.dateTimeUtc(e.time))}</small></td>` +
      `<td class="actor">${escapeHtml(sentence.actor)}</td><td>${escapeHtml(sentence.text)}${raw}</td></tr>\n`
    );
  });
  const table = rows.length
    ? `<table><thead><tr><th>#</th><th>${escapeHtml(w.say(`Time (${w.timeZone})`, `时间（${w.timeZone}）`))}</th>` +
      `<th>${escapeHtml(w.say('Who', '操作人'))}</th><th>${escapeHtml(w.say('What', '内容'))}</th></tr></thead>\n<tbody>\n${rows.join('')}</tbody></table>\n`
    : `<p class="empty">${escapeHtml(w.say('No entry matches this filter.', '没有符合筛选条件的记录。'))}</p>\n`;
  return (
    `<!doctype html>\n<html lang="${w.isZh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(`${title} · ${input.vault.name}`)}</title><style>${css(w)}</style></head>\n<body>\n` +
    cover +
    table +
    `<p class="end">${escapeHtml(w.say('End of the audit log.', '审计日志到此结束。'))}</p>\n</body></html>\n`
  );
}
