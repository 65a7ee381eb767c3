import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { formatAuditHead, type AuditHead } from '../audit/audit-anchor';
import { cssString, escapeHtml } from './html-escape';
import type { BagFile } from './hashed-file';
import type { PartContext } from './part-context';
import { PROVENANCE_TEXT, type TextLang } from './provenance-text';
import { hashTable } from './render-provenance-html';

/** How transcript.html ends: the printed copy puts the proof pages just before it. */
export const TRANSCRIPT_TAIL = '</div></body></html>\n';

/** The copy Chromium prints, beside transcript.html so the media it shows resolve alike; removed once printed. */
const PRINT_COPY = 'data/.transcript-print.html';

export interface ProofInput {
  part: PartContext;
  /** Every payload file but the PDF, which is printed from these pages and so cannot list itself. */
  payload: readonly BagFile[];
  fingerprint: string;
  auditHead: AuditHead | null;
  lang: TextLang;
}

/**
 * The printed proof, the PDF's last pages: every other payload file with its size and SHA-256, the bag, the signing
 * key's fingerprint, the audit head as the export began and how to verify, so a paper copy can be checked against
 * the digital bag. It says plainly that the PDF cannot list its own hash, and where that hash is.
 */
export function proofHtml(input: ProofInput): string {
  const t = PROVENANCE_TEXT[input.lang];
  const { part } = input;
  const files = [...input.payload].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const row = (label: string, value: string) =>
    `<dt>${escapeHtml(label)}</dt><dd class="mono">${escapeHtml(value)}</dd>`;
  return (
    `<section class="proof"><h2>${escapeHtml(t.proofTitle)}</h2><p>${escapeHtml(t.proofIntro)}</p><dl>` +
    row(t.bag, part.bagId) +
    row(t.caseReference, part.caseReference ?? t.notGiven) +
    row(t.exportedAt, `${new Date(part.exportedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')} (UTC)`) +
    row(t.signingKey, input.fingerprint) +
    row(t.auditHead, input.auditHead ? t.auditHeadValue(input.auditHead.entries, input.auditHead.hash) : t.auditEmpty) +
    `</dl>${hashTable(files, input.lang)}<p>${escapeHtml(t.proofSelf)}</p>` +
    `<h3>${escapeHtml(t.howToVerifyTitle)}</h3><ol>${t
      .howToVerify(input.fingerprint)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ol>` +
    `<p class="mono">Locket-Audit-Head: ${escapeHtml(formatAuditHead(input.auditHead))}</p></section>\n`
  );
}

/**
 * The page footer on every printed page (CSS paged media, which both print engines honour): the case reference and
 * the bag's identifier on the left, "Page N of M" on the right.
 */
export function footerCss(part: PartContext, lang: TextLang, style: string): string {
  const t = PROVENANCE_TEXT[lang];
  const who = `${part.caseReference ? `${t.caseReference} ${part.caseReference} · ` : ''}${t.bag} ${part.bagId}`;
  const { before, between, after } = t.footerPage;
  return (
    `@bottom-left { content: ${cssString(who)}; ${style} }\n` +
    `  @bottom-right { content: ${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}; ${style} }`
  );
}

/**
 * Writes the copy of transcript.html that is printed: the transcript as it is, then the proof pages, then its tail.
 * The transcript is copied, not read into memory; its own bytes (and hash) stay as they are. Returns the copy's
 * absolute path; the caller removes it with `removePrintCopy` whatever happens.
 */
export async function writePrintCopy(root: string, transcriptPath: string, proof: string): Promise<string> {
  const source = join(root, ...transcriptPath.split('/'));
  const copy = join(root, ...PRINT_COPY.split('/'));
  await fs.copyFile(source, copy);
  const size = (await fs.stat(copy)).size;
  const tail = Buffer.from(TRANSCRIPT_TAIL, 'utf8');
  const handle = await fs.open(copy, 'r+');
  try {
    const end = Buffer.alloc(tail.length);
    await handle.read(end, 0, tail.length, Math.max(0, size - tail.length));
    // Only Locket writes the transcript; a different ending means the proof would land outside the page.
    if (!end.equals(tail)) throw new Error('the transcript does not end as Locket writes it');
    await handle.truncate(size - tail.length);
    await handle.write(Buffer.from(proof + TRANSCRIPT_TAIL, 'utf8'), 0, undefined, size - tail.length);
  } finally {
    await handle.close();
  }
  return copy;
}

export async function removePrintCopy(root: string): Promise<void> {
  await fs.rm(join(root, ...PRINT_COPY.split('/')), { force: true });
}
