import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { seededClassName } from '../../common/seeded-classes';
import { RecordWriter, namesFromLists, type RecordLanguage } from '../../common/record-language';
import { LocketError, fsError } from '../errors';
import type { PdfPrinter } from '../evidence/print-pdf';
import { STAGING_MARKER } from '../evidence/staging-folder';
import type { VaultSession } from '../session/vault-session';
import { keyFingerprint } from '../vault/key-fingerprint';
import { auditDocumentHtml } from './audit-document';
import { filterAudit, type AuditFilter } from './audit-filter';
import { listAudit, verifyAudit } from './audit-log';
import { auditNames } from './audit-names';

export interface AuditPdfRequest {
  /** Absolute; `.pdf` is added when it has no such ending. */
  outputPath: string;
  language: RecordLanguage;
  timeZone: string;
  filter: AuditFilter;
  includeRawFields: boolean;
  /** Whether an existing file may be replaced (the app's save dialog asked); the CLI never replaces one. */
  replace: boolean;
}

export interface AuditPdfOutcome {
  path: string;
  /** Entries printed, and how many the log holds. */
  entries: number;
  total: number;
  /** Set when the printer printed with less protection than usual (Chromium without its sandbox). */
  pdfNote?: string;
}

/** The path the PDF is written to, checked: absolute, plain, ending in .pdf, in a folder that exists. */
async function destination(outputPath: string, replace: boolean): Promise<string> {
  if (
    typeof outputPath !== 'string' ||
    !isAbsolute(outputPath) ||
    outputPath.includes('\0') ||
    outputPath.length > 4096
  )
    throw new LocketError('invalid-argument', 'Say where to save the audit log PDF as an absolute path.');
  const path = /\.pdf$/i.test(outputPath) ? outputPath : `${outputPath}.pdf`;
  const folder = await fs.stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory())
    throw new LocketError('invalid-argument', `The folder ${dirname(path)} does not exist.`, { path });
  const existing = await fs.lstat(path).catch(() => null);
  if (existing && (!replace || !existing.isFile()))
    throw new LocketError(
      'invalid-argument',
      `${path} already exists. Choose a new name: Locket does not replace it.`,
      {
        path,
      },
    );
  return path;
}

/**
 * Prints the audit log to a PDF through the transcript printer (the app: Electron's printToPDF in main; the CLI: a
 * headless Chromium): the document is written in a hidden staging folder beside the destination (the only place
 * main agrees to print in), printed there and renamed into place, so a failure leaves no half-written PDF.
 */
export async function writeAuditPdf(
  session: VaultSession,
  printer: PdfPrinter | null,
  request: AuditPdfRequest,
  now: number,
): Promise<AuditPdfOutcome> {
  const path = await destination(request.outputPath, request.replace);
  if (!printer)
    throw new LocketError(
      'io-error',
      'No PDF printer was found: install Chromium, or name one with LOCKET_CHROMIUM. Nothing was written.',
    );
  const lists = auditNames(session.catalog);
  const w = new RecordWriter(
    request.language,
    request.timeZone,
    namesFromLists({ ...lists, localizeClass: (_id, name) => seededClassName(name, request.language) }),
  );
  const all = listAudit(session.catalog);
  const entries = filterAudit(all, request.filter, w);
  const html = auditDocumentHtml(w, {
    vault: {
      name: basename(session.dir).replace(/\.locket$/i, '') || session.dir,
      id: session.vaultId,
      fingerprint: keyFingerprint(session.signingPublicKey),
    },
    madeAt: now,
    filter: request.filter,
    verification: await verifyAudit(session.catalog, session.signingPublicKey),
    headHash: all.at(-1)?.entryHash ?? null,
    entries,
    total: all.length,
    includeRawFields: request.includeRawFields,
  });
  const parent = dirname(path);
  const staging = await fs
    .mkdtemp(join(parent, `.${basename(path)}${STAGING_MARKER}`))
    .catch((error: unknown) => Promise.reject(fsError(error, parent, 'write in')));
  try {
    const htmlPath = join(staging, 'audit-log.html');
    const printed = join(staging, 'audit-log.pdf');
    await fs.writeFile(htmlPath, html, { encoding: 'utf8', flag: 'wx' });
    let note: string | void;
    try {
      note = await printer.print(htmlPath, printed, new AbortController().signal);
    } catch (error) {
      if (error instanceof LocketError) throw error;
      throw new LocketError('io-error', `The audit log could not be printed: ${(error as Error).message}`, undefined, {
        cause: error,
      });
    }
    await fs.rename(printed, path).catch((error: unknown) => Promise.reject(fsError(error, path, 'write')));
    return { path, entries: entries.length, total: all.length, ...(note ? { pdfNote: note } : {}) };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
