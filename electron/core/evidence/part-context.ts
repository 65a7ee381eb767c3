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
  /** UTC ms. */
  exportedAt: number;
  /** Lines a person reads: which conversations, dates, kinds, senders, query; how names and redaction were set. */
  scopeLines: string[];
}
