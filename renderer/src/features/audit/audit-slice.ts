import type {
  AuditNames,
  AuditPdfArgs,
  AuditPdfResult,
  BagVerification,
  CertificateCheck,
  CertificateSummary,
  ErrorShape,
  WipeCertificate,
} from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { busyAttempt } from '../../store/busy-attempt';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import { certificateFile } from '../retention/retention-slice';

declare module '../../store/state' {
  interface AppState {
    audit: AuditSlice;
  }
}

/** Which entries the Audit tab shows: one action or all, between two days (YYYY-MM-DD in the chosen zone, or ''). */
export interface AuditFilter {
  action: string;
  from: string;
  to: string;
}

/** A certificate reopened from the vault, with the verdict of checking it again. */
export interface OpenedCertificate {
  id: number;
  certificate: WipeCertificate;
  check: CertificateCheck | null;
}

/**
 * An evidence bag checked from the Audit tab (a folder or a .zip, as `locket verify` checks it): its verdict, or why
 * there was no bag to check (`error`, its `details.reason` worded by electron/common/bag-refusals.ts).
 */
export interface CheckedBag {
  path: string;
  verification: BagVerification | null;
  error: ErrorShape | null;
  isChecking: boolean;
}

export interface AuditSlice extends VaultBoundSlice {
  /** What the log's ids stand for (chats, classes, who placed each hold), so its entries read as sentences. */
  names: AuditNames | null;
  certificates: CertificateSummary[] | null;
  opened: OpenedCertificate | null;
  filter: AuditFilter;
  busy: boolean;
  error: ErrorShape | null;
  /** The log (through the retention slice, which also refreshes it after each change), its names and certificates. */
  load(): Promise<void>;
  setFilter(patch: Partial<AuditFilter>): void;
  /** Reopens a certificate the vault keeps, and checks its signature again. */
  openCertificate(id: number): Promise<void>;
  verifyOpened(): Promise<void>;
  closeCertificate(): void;
  /**
   * Prints the entries the filter shows to a PDF where the person chose (the core renders the document; the
   * transcript printer prints it); null when it failed, with the error in the slice.
   */
  printPdf(args: AuditPdfArgs): Promise<AuditPdfResult | null>;
  bag: CheckedBag | null;
  /** Checks the bag at `path` offline; a later check replaces an earlier one's answer. */
  checkBag(path: string): Promise<void>;
  closeBag(): void;
}

const NO_FILTER: AuditFilter = { action: '', from: '', to: '' };

const initial = {
  names: null,
  certificates: null,
  opened: null,
  filter: NO_FILTER,
  busy: false,
  error: null,
  bag: null,
} satisfies Partial<AuditSlice>;

export function createAuditSlice(ctx: SliceContext): AuditSlice {
  const client = ctx.deps.client;
  const patch = (p: Partial<AuditSlice>) => patchSlice(ctx, 'audit', p);
  const attempt = busyAttempt(patch);
  /** Bumped by the lock: an answer that arrives after it is not shown. */
  let vaultOpened = 0;

  async function check(opened: OpenedCertificate): Promise<void> {
    const at = vaultOpened;
    const result = await client.request('certificates.verify', { certificate: certificateFile(opened.certificate) });
    if (at === vaultOpened && ctx.get().audit.opened?.id === opened.id) patch({ opened: { ...opened, check: result } });
  }

  return {
    ...initial,

    async load() {
      const at = vaultOpened;
      void ctx.get().retention.load();
      await attempt(async () => {
        const [names, certificates] = await Promise.all([
          client.request('audit.names', undefined),
          client.request('certificates.list', undefined),
        ]);
        if (at === vaultOpened) patch({ names, certificates });
      });
    },

    setFilter(filter) {
      patch({ filter: { ...ctx.get().audit.filter, ...filter } });
    },

    async openCertificate(id) {
      const at = vaultOpened;
      await attempt(async () => {
        const certificate = await client.request('certificates.get', { id });
        if (at !== vaultOpened) return;
        const opened = { id, certificate, check: null };
        patch({ opened });
        await check(opened);
      });
    },

    async verifyOpened() {
      const opened = ctx.get().audit.opened;
      if (!opened) return;
      patch({ opened: { ...opened, check: null } });
      await attempt(() => check(opened));
    },

    closeCertificate() {
      patch({ opened: null });
    },

    printPdf(args) {
      return attempt(() => client.request('audit.exportPdf', args));
    },

    async checkBag(path) {
      const at = vaultOpened;
      const bag: CheckedBag = { path, verification: null, error: null, isChecking: true };
      patch({ bag });
      // Only the answer to the latest check is shown: another check or a lock since makes this one stale.
      const isCurrent = () => at === vaultOpened && ctx.get().audit.bag === bag;
      try {
        const verification = await client.request('bags.verify', { path });
        if (isCurrent()) patch({ bag: { ...bag, verification, isChecking: false } });
      } catch (error) {
        if (isCurrent()) patch({ bag: { ...bag, error: errorShapeOf(error), isChecking: false } });
      }
    },

    closeBag() {
      patch({ bag: null });
    },

    resetOnLock() {
      vaultOpened++;
      patch({ ...initial });
    },
  };
}

export const selectAuditNames = (state: AppState) => state.audit.names;
export const selectCertificates = (state: AppState) => state.audit.certificates;
export const selectOpenedCertificate = (state: AppState) => state.audit.opened;
export const selectAuditFilter = (state: AppState) => state.audit.filter;
export const selectAuditBusy = (state: AppState) => state.audit.busy;
export const selectAuditError = (state: AppState) => state.audit.error;
export const selectCheckedBag = (state: AppState) => state.audit.bag;
