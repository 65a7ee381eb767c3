import { ORIGIN_RECORDED_SINCE, type BagProvenance, type ProvenanceSource } from './bag-provenance';
import { evidenceText } from './evidence-text';
import { escapeHtml } from './html-escape';
import type { Completeness } from './part-summary';
import { missingReasonText, PROVENANCE_TEXT, type TextLang } from './provenance-text';

/** The look of the completeness statement, the provenance section and the printed proof, on screen and on paper. */
export const PROVENANCE_CSS = `
.completeness h2, .provenance h2, .proof h2 { font-size: 17px; margin: 0 0 8px; }
.completeness h3, .provenance h3, .proof h3 { font-size: 14px; margin: 14px 0 4px; }
.completeness ul, .provenance ul, .proof ol { margin: 4px 0 0; padding-left: 20px; font-size: 14px; }
.provenance, .proof { background: #fff; border-radius: 8px; padding: 20px 24px; margin-top: 32px; border: 1px solid #dcdcdc; }
.provenance dl, .proof dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 4px 0; font-size: 13px; }
.provenance dt, .proof dt { color: #7f7f7f; }
.provenance dd, .proof dd { margin: 0; overflow-wrap: anywhere; }
.provenance p, .proof p { font-size: 13px; color: #555; margin: 6px 0; }
table.hashes { width: 100%; border-collapse: collapse; font-size: 10.5px; margin: 6px 0 12px; }
table.hashes th { text-align: left; color: #7f7f7f; font-weight: normal; border-bottom: 1px solid #ccc; padding: 2px 6px 2px 0; }
table.hashes td { vertical-align: top; border-bottom: 1px solid #eee; padding: 2px 6px 2px 0; }
table.hashes td.path { overflow-wrap: anywhere; word-break: break-all; }
table.hashes td.bytes { text-align: right; white-space: nowrap; }
table.hashes td.hash { word-break: break-all; }
@media print {
  .provenance, .proof { break-before: page; border: none; padding: 0; margin-top: 0; }
  table.hashes tr { break-inside: avoid; }
}
`;

function row(label: string, value: string, mono = false): string {
  return `<dt>${escapeHtml(label)}</dt><dd${mono ? ' class="mono"' : ''}>${escapeHtml(value)}</dd>`;
}

/** A table of files with their sizes and SHA-256, as a person compares them line by line. */
export function hashTable(files: readonly { path: string; bytes: number; sha256: string }[], lang: TextLang): string {
  const t = PROVENANCE_TEXT[lang];
  return (
    `<table class="hashes"><thead><tr><th>${escapeHtml(t.file)}</th><th>${escapeHtml(t.size)}</th><th>SHA-256</th></tr></thead><tbody>` +
    files
      .map(
        (f) =>
          `<tr><td class="path mono">${escapeHtml(f.path)}</td><td class="bytes mono">${f.bytes}</td><td class="hash mono">${escapeHtml(f.sha256)}</td></tr>`,
      )
      .join('') +
    '</tbody></table>'
  );
}

/**
 * The cover's completeness statement: after what was asked (the scope lines above it), what the bag holds and what
 * it does not (messages of the same chats outside the scope, media the source lacked with the import's reasons,
 * redactions), in counts.
 */
export function completenessHtml(c: Completeness, lang: TextLang): string {
  const t = PROVENANCE_TEXT[lang];
  const li = (text: string) => `<li>${escapeHtml(text)}</li>`;
  const conversations = c.conversations.length;
  // Kinds named as the transcript names them (evidence-text), so the cover and the messages agree.
  const kindNames = evidenceText(lang).kinds;
  const kinds = c.byKind.map(([kind, n]) => `${kindNames[kind] ?? kind} ${n}`).join(t.list);
  const outside = c.conversations.filter((x) => x.inVault > x.inBag);
  const missing = c.missingMedia.reduce((sum, [, n]) => sum + n, 0);
  const r = c.redaction;
  const redactions = [
    ...(r.pseudonyms ? [t.pseudonymized(r.pseudonyms, r.names)] : []),
    ...(r.isMasking ? [t.masked(r.phoneNumbers, r.wechatIds)] : []),
  ];
  return (
    `<section class="cover completeness"><h2>${escapeHtml(t.completenessTitle)}</h2><p class="note">${escapeHtml(t.askedNote)}</p>` +
    `<h3>${escapeHtml(t.inBagTitle)}</h3><ul>${li(t.inBag(c.messages, conversations))}${kinds ? li(t.byKind(kinds)) : ''}${li(t.mediaCopied(c.mediaFiles))}</ul>` +
    `<h3>${escapeHtml(t.notInBagTitle)}</h3><ul>` +
    (outside.length
      ? outside.map((x) => li(t.outOfScope(x.name, x.inVault - x.inBag, x.inVault, c.isSplit))).join('')
      : li(t.allInScope)) +
    (missing
      ? `<li>${escapeHtml(t.missingMedia(missing))}<ul>${c.missingMedia.map(([reason, n]) => li(t.missingReason(missingReasonText(lang, reason), n))).join('')}</ul></li>`
      : li(t.noMissingMedia)) +
    '</ul>' +
    `<h3>${escapeHtml(t.redactionsTitle)}</h3><ul>${(redactions.length ? redactions : [t.noRedaction]).map(li).join('')}</ul></section>\n`
  );
}

function sourceHtml(source: ProvenanceSource, lang: TextLang): string {
  const t = PROVENANCE_TEXT[lang];
  const o = source.origin;
  return (
    '<dl>' +
    row(t.sourceKind, t.format[source.format] ?? source.format) +
    row(t.sourceName, source.name, true) +
    (o?.deviceName !== undefined ? row(t.device, o.deviceName) : '') +
    (o?.deviceModel !== undefined ? row(t.deviceModel, o.deviceModel) : '') +
    (o?.osVersion !== undefined ? row(t.osVersion, o.osVersion) : '') +
    (o?.wechatVersion !== undefined ? row(t.wechatVersion, o.wechatVersion) : '') +
    (o?.formatVersion !== undefined ? row(t.formatVersion, o.formatVersion) : '') +
    (o?.tool !== undefined ? row(t.tool, o.tool) : '') +
    `</dl><h3>${escapeHtml(t.filesTitle)}</h3>${hashTable(source.files, lang)}`
  );
}

/** "Provenance and integrity": each import that brought this bag's messages, its sources and their SHA-256. */
export function provenanceHtml(p: BagProvenance, lang: TextLang): string {
  const t = PROVENANCE_TEXT[lang];
  return (
    `<section class="provenance"><h2>${escapeHtml(t.provenanceTitle)}</h2><p>${escapeHtml(t.provenanceIntro)}</p>` +
    p.imports
      .map(
        (entry) =>
          `<h3>${escapeHtml(t.importHeading(entry.importId))}</h3><dl>` +
          row(t.importedAt, `${entry.importedAt} (UTC)`) +
          row(
            t.importedBy,
            entry.locketVersion ? `Locket ${entry.locketVersion}` : t.notRecorded(ORIGIN_RECORDED_SINCE),
          ) +
          row(t.messagesFrom, String(entry.messages)) +
          '</dl>' +
          entry.sources.map((s) => sourceHtml(s, lang)).join(''),
      )
      .join('') +
    (p.messagesWithoutImport ? `<p>${escapeHtml(t.noImportLink(p.messagesWithoutImport))}</p>` : '') +
    `<p>${escapeHtml(t.exportedWith(p.locketVersion))}</p></section>\n`
  );
}
