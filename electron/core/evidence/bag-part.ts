import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult, MessageView } from '../../ipc/contract';
import type { VaultReader } from '../store/vault-reader';
import { TRANSCRIPT_PDF } from './bag-layout';
import { currentAuditHead } from '../audit/audit-anchor';
import { keyFingerprint } from '../vault/key-fingerprint';
import { MediaCopier } from './copy-media';
import type { ExportRequest } from './export-request';
import { hashBagFile, type BagFile } from './hashed-file';
import type { MessageWriter } from './message-writer';
import type { PartContext } from './part-context';
import { PartTally, type PartSummary } from './part-summary';
import type { MessagePreparer } from './prepare-message';
import type { PdfPrinter } from './print-pdf';
import { proofHtml, removePrintCopy, writePrintCopy } from './proof-pages';
import type { Redactor } from './redactor';
import { throwIfCancelled } from './scope-filters';
import { createCsvWriter } from './write-messages-csv';
import { createJsonlWriter } from './write-messages-jsonl';
import { createTranscriptWriter, TRANSCRIPT_PATH } from './write-transcript-html';
import { settleAll } from './write-bagit';
import { writeRedactionLog } from './write-redaction-log';

/** Every payload format, one writer each. */
const WRITERS = [createTranscriptWriter, createJsonlWriter, createCsvWriter];

export type PdfStatus = ExportResult['pdf'];

/** A part whose payload is complete: what sealing it as a bag needs to know. */
export interface FinishedPart {
  root: string;
  context: PartContext;
  payload: BagFile[];
  messages: number;
  byKind: Map<string, number>;
  byConversation: Map<number, number>;
  mediaFiles: number;
  missingMedia: number;
  pdf: PdfStatus;
  /** Said by the printer when it printed with less protection than usual. */
  pdfNote?: string;
  /** Counts and provenance, as the transcript states them; provenance.json carries the provenance. */
  summary: PartSummary;
}

/** The payload of one bag being written: its writers, its media, its counts. */
export class BagPart {
  messages = 0;
  private readonly byKind = new Map<string, number>();
  private readonly byConversation = new Map<number, number>();
  private readonly tally = new PartTally();

  private constructor(
    readonly root: string,
    readonly context: PartContext,
    private readonly writers: MessageWriter[],
    private readonly media: MediaCopier,
    private readonly session: VaultReader,
  ) {}

  static async open(root: string, context: PartContext, session: VaultReader, redactor: Redactor): Promise<BagPart> {
    await fs.mkdir(join(root, 'data'), { recursive: true });
    const writers: MessageWriter[] = [];
    try {
      for (const create of WRITERS) writers.push(await create(root, context));
    } catch (error) {
      await Promise.all(writers.map((w) => w.abandon()));
      throw error;
    }
    return new BagPart(root, context, writers, new MediaCopier(session, root, redactor), session);
  }

  /** Payload bytes so far: what a split by size compares with its limit. */
  get bytes(): number {
    return this.writers.reduce((sum, w) => sum + w.bytes, 0) + this.media.bytes;
  }

  get missingMedia(): number {
    return this.media.missing;
  }

  async add(view: MessageView, preparer: MessagePreparer): Promise<void> {
    const message = preparer.prepare(view, await this.media.copy(view));
    for (const writer of this.writers) await writer.write(message);
    this.tally.add(message);
    this.messages++;
    this.byKind.set(message.kind, (this.byKind.get(message.kind) ?? 0) + 1);
    this.byConversation.set(view.conversationId, (this.byConversation.get(view.conversationId) ?? 0) + 1);
  }

  /**
   * Sums the part up (counts, provenance), closes the writers with it, then adds the redaction log and last the PDF,
   * which prints the finished transcript followed by the proof pages listing every other payload file.
   */
  async finish(
    request: ExportRequest,
    redactor: Redactor,
    printer: PdfPrinter | null,
    signal: AbortSignal,
  ): Promise<FinishedPart> {
    const payload: BagFile[] = [];
    // The counts of this part's message text come first: the summary redacts source names, which are not text.
    const stats = redactor.takeStats();
    const summary = this.tally.summarize({
      catalog: this.session.catalog,
      context: this.context,
      redactor,
      stats,
      isMasking: request.redaction.maskIdentifiers,
      mediaFiles: this.media.files.length,
    });
    redactor.takeStats();
    payload.push(...(await settleAll(this.writers.map((w) => w.close(summary)))));
    payload.push(...this.media.files);
    if (redactor.isActive) payload.push(await writeRedactionLog(this.root, request, redactor, stats));
    let pdf: PdfStatus = 'not requested';
    let pdfNote: string | undefined;
    if (request.includePdf) {
      throwIfCancelled(signal);
      if (!printer) pdf = 'skipped: no Chromium found';
      else {
        const target = join(this.root, ...TRANSCRIPT_PDF.split('/'));
        try {
          const proof = proofHtml({
            part: this.context,
            payload,
            fingerprint: keyFingerprint(this.session.signingPublicKey),
            auditHead: currentAuditHead(this.session.catalog),
            lang: this.context.lang,
          });
          const copy = await writePrintCopy(this.root, TRANSCRIPT_PATH, proof);
          pdfNote = (await printer.print(copy, target, signal)) ?? undefined;
          payload.push(await hashBagFile(this.root, TRANSCRIPT_PDF));
          pdf = 'written';
        } catch (error) {
          throwIfCancelled(signal);
          // A half-written PDF must not stay in the payload unlisted.
          await fs.rm(target, { force: true });
          pdf = `skipped: printing failed (${(error as Error).message})`;
        } finally {
          await removePrintCopy(this.root);
        }
      }
    }
    return {
      root: this.root,
      context: this.context,
      payload,
      messages: this.messages,
      byKind: this.byKind,
      byConversation: this.byConversation,
      mediaFiles: this.media.files.length,
      missingMedia: this.media.missing,
      pdf,
      ...(pdfNote ? { pdfNote } : {}),
      summary,
    };
  }

  async abandon(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.abandon()));
  }
}
