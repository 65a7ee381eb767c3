import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ExportedBag, ExportProgress, ExportResult } from '../../ipc/contract';
import { appendAudit } from '../audit/audit-log';
import { LocketError } from '../errors';
import type { VaultSession } from '../session/vault-session';
import { buildBagInfo } from './bag-info';
import { PROVENANCE_JSON } from './bag-layout';
import { provenanceJson } from './bag-provenance';
import { BagPart, type FinishedPart, type PdfStatus } from './bag-part';
import { describeScope } from './describe-scope';
import type { ExportRequest } from './export-request';
import { createStaging, partName, planOutput, type OutputPlan } from './output-paths';
import type { PartContext } from './part-context';
import { ParticipantNames } from './participant-names';
import { MessagePreparer } from './prepare-message';
import type { PdfPrinter } from './print-pdf';
import { Redactor } from './redactor';
import { throwIfCancelled } from './scope-filters';
import { selectMessages } from './select-messages';
import { writeBagIt } from './write-bagit';
import { zipBag } from './zip-bag';
import { ZonedClock } from './zoned-clock';

/** What the host lends an export: a way to print PDFs (or none), and a clock for tests. */
export interface ExportHost {
  pdfPrinter: PdfPrinter | null;
  now?: () => number;
}

const PROGRESS_EVERY = 200;

/**
 * Writes an evidence export: the chosen messages, read page by page, go to every payload writer at once; parts
 * close when they reach the split limits; then each part is sealed as a BagIt bag and signed, zipped if asked,
 * moved into place, and the export is recorded in the audit log. Until the last rename everything is written in
 * a hidden staging folder, which a cancel or an error removes.
 */
export async function exportEvidence(
  session: VaultSession,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
  host: ExportHost,
): Promise<ExportResult> {
  const now = host.now ?? Date.now;
  const catalog = session.catalog;
  const selection = await selectMessages(session, request.scope, signal);
  const names = new ParticipantNames(catalog, request.names);
  const redactor = new Redactor(catalog, request.redaction, request.lang);
  const clock = new ZonedClock(request.timeZone, request.lang);
  const preparer = new MessagePreparer(catalog, names, redactor, clock);
  const plan = planOutput(request);
  const exportId = `urn:uuid:${randomUUID()}`;
  const exportedAt = now();
  const scopeLines = describeScope(request, preparer, redactor, clock);
  // Names in the scope lines are not message text: they do not count in the redaction log.
  redactor.takeStats();

  const staging = await createStaging(plan);
  const finished: FinishedPart[] = [];
  let part: BagPart | null = null;
  let written = 0;
  const report = (phase: ExportProgress['phase']) =>
    onProgress({
      requestId: request.requestId,
      phase,
      messages: written,
      total: selection.total,
      part: finished.length + (part ? 1 : 0),
      bytes: finished.reduce((s, p) => s + p.payload.reduce((t, f) => t + f.bytes, 0), 0) + (part?.bytes ?? 0),
    });

  try {
    for await (const view of selection.messages(signal)) {
      throwIfCancelled(signal);
      if (part && isFull(part, request)) {
        report(request.includePdf ? 'printing' : 'writing');
        finished.push(await part.finish(request, redactor, host.pdfPrinter, signal));
        part = null;
      }
      part ??= await BagPart.open(
        join(staging, partName(plan, finished.length + 1)),
        partContext(request, plan, exportId, exportedAt, finished.length + 1, scopeLines),
        session,
        redactor,
      );
      await part.add(view, preparer);
      if (++written % PROGRESS_EVERY === 0) report('writing');
    }
    if (!part) throw new LocketError('invalid-argument', 'No messages match what was chosen, so nothing was exported.');
    report(request.includePdf ? 'printing' : 'writing');
    finished.push(await part.finish(request, redactor, host.pdfPrinter, signal));
    part = null;

    const bags: ExportedBag[] = [];
    for (const done of finished) {
      throwIfCancelled(signal);
      report('sealing');
      const bagInfo = buildBagInfo({
        part: done,
        partCount: finished.length,
        request,
        vaultId: session.vaultId,
        publicKey: session.signingPublicKey,
        catalog,
        preparer,
        redactor,
      });
      const sealed = await writeBagIt(
        done.root,
        done.payload,
        bagInfo,
        { publicKey: session.signingPublicKey, sign: (m) => session.sign(m) },
        [{ path: PROVENANCE_JSON, text: provenanceJson(done.summary.provenance) }],
        request.lang,
      );
      bags.push({
        path: done.root,
        identifier: done.context.bagId,
        messages: done.messages,
        files: done.payload.length,
        manifestSha256: sealed.manifestSha256,
      });
    }
    if (request.format === 'zip') {
      report('zipping');
      for (const bag of bags) {
        throwIfCancelled(signal);
        const name = partName(plan, bags.indexOf(bag) + 1);
        await zipBag(bag.path, `${bag.path}.zip`, name);
        await fs.rm(bag.path, { recursive: true, force: true });
        bag.path = `${bag.path}.zip`;
      }
    }
    throwIfCancelled(signal);
    await moveIntoPlace(staging, plan, bags);

    const result: ExportResult = {
      bags,
      pdf: pdfStatus(finished.map((p) => p.pdf)),
      ...(finished.find((p) => p.pdfNote)?.pdfNote ? { pdfNote: finished.find((p) => p.pdfNote)!.pdfNote } : {}),
      messages: written,
      mediaFiles: finished.reduce((s, p) => s + p.mediaFiles, 0),
      missingMedia: finished.reduce((s, p) => s + p.missingMedia, 0),
      auditSequence: 0,
    };
    try {
      const entry = await session.write((w) =>
        appendAudit(w, 'export', auditDetails(request, result, exportId), now()),
      );
      result.auditSequence = entry.sequence;
    } catch (error) {
      // An export exists only with its audit entry: without one, the bag is taken back.
      await fs.rm(plan.finalPath, { recursive: true, force: true });
      throw error;
    }
    report('done');
    return result;
  } catch (error) {
    await part?.abandon();
    await fs.rm(staging, { recursive: true, force: true });
    if (signal.aborted) throw new LocketError('cancelled', 'The export was cancelled. Nothing was written.');
    throw error;
  }
}

function isFull(part: BagPart, request: ExportRequest): boolean {
  const { maxMessages, maxBytes } = request.split;
  return (maxMessages !== null && part.messages >= maxMessages) || (maxBytes !== null && part.bytes >= maxBytes);
}

function partContext(
  request: ExportRequest,
  plan: OutputPlan,
  exportId: string,
  exportedAt: number,
  part: number,
  scopeLines: string[],
): PartContext {
  return {
    bagId: `urn:uuid:${randomUUID()}`,
    exportId,
    part,
    isSplit: plan.isSplit,
    caseReference: request.caseReference,
    exporterName: request.exporterName,
    organization: request.organization,
    timeZone: request.timeZone,
    lang: request.lang,
    exportedAt,
    scopeLines,
  };
}

/** The one step that makes the export visible: a rename of the bag, the zip, or the folder of parts. */
async function moveIntoPlace(staging: string, plan: OutputPlan, bags: ExportedBag[]): Promise<void> {
  if (plan.isSplit) {
    await fs.rename(staging, plan.finalPath);
    for (const bag of bags) bag.path = join(plan.finalPath, bag.path.slice(staging.length + 1));
    return;
  }
  const bag = bags[0]!;
  await fs.rename(bag.path, plan.finalPath);
  bag.path = plan.finalPath;
  await fs.rm(staging, { recursive: true, force: true });
}

function pdfStatus(statuses: PdfStatus[]): PdfStatus {
  return statuses.find((s) => s.startsWith('skipped')) ?? statuses[0] ?? 'not requested';
}

/** Scope, counts, bags and their manifest hashes; never message content. */
function auditDetails(request: ExportRequest, result: ExportResult, exportId: string) {
  const s = request.scope;
  return {
    exportId,
    scope: s.query ? 'search' : s.messageIds.length ? 'messages' : 'conversations',
    conversations: [...s.conversationIds],
    chosenMessages: s.messageIds.length,
    query: s.query?.source ?? null,
    after: s.after,
    before: s.before,
    kinds: [...s.kinds],
    senders: [...s.senders],
    names: request.names,
    pseudonymized: request.redaction.pseudonymize.length,
    maskIdentifiers: request.redaction.maskIdentifiers,
    format: request.format,
    pdf: result.pdf,
    parts: result.bags.length,
    messages: result.messages,
    mediaFiles: result.mediaFiles,
    missingMedia: result.missingMedia,
    bags: result.bags.map((b) => b.identifier),
    manifestSha256: result.bags.map((b) => b.manifestSha256),
    caseReference: request.caseReference,
    exporter: request.exporterName,
    timeZone: request.timeZone,
    lang: request.lang,
  };
}
