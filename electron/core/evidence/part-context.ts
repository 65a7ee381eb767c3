import type { ExportLanguage } from '../../ipc/contract';

/** What every file of one bag (one part of an export) says about where it belongs. */
export interface PartContext {
  /** `urn:uuid:…`, unique per bag; printed on every transcript page and in bag-info.txt. */
  bagId: string;
  /** Shared by the parts of one export (bag-info Bag-Group-Identifier). */
  exportId: string;
  /** From 1. */
  part: number;
  isSplit: boolean;
  caseReference: string | null;
  exporterName: string | null;
  organization: string | null;
  timeZone: string;
  /** The language of the bag's readable files (transcript, PDF, verify.html, redaction log). */
  lang: ExportLanguage;
  /** UTC ms. */
  exportedAt: number;
  /** Lines a person reads: which conversations, dates, kinds, senders, query; how names and redaction were set. */
  scopeLines: string[];
}
