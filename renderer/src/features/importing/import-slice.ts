import type { DetectedSource, ErrorShape, ImportProgress, ImportReport } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';

/**
 * pick → detecting → detected → running (→ cancelling) → done | cancelled | failed.
 * A failed detection returns to 'pick' with the error shown beside the path.
 */
export type ImportStage =
  'pick' | 'detecting' | 'detected' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

declare module '../../store/state' {
  interface AppState {
    imports: ImportSlice;
  }
}

export interface ImportSlice extends VaultBoundSlice {
  stage: ImportStage;
  /** What the path field holds. Several dropped items are detected together; the field then shows the first. */
  path: string;
  detected: DetectedSource[];
  /** The account chosen when a source holds several. */
  account: string | null;
  /** Zone of the exports' local times; null is this computer's zone. */
  timeZone: string | null;
  /** The owner's wxid as typed, for exports that do not name one; empty uses the vault's owner. */
  owner: string;
  /** Read every file again, even those an earlier import read and that are unchanged (`--full`). */
  full: boolean;
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: ErrorShape | null;
  /** Set when a drop gave no path (a plain page, or Electron without the preload's help). */
  dropHint: boolean;
  setPath(path: string): void;
  detect(paths?: string[]): Promise<void>;
  chooseAccount(account: string): void;
  setTimeZone(timeZone: string | null): void;
  setOwner(owner: string): void;
  setFull(full: boolean): void;
  run(): Promise<void>;
  /**
   * Builds the search index a cancelled indexing phase left, with the same progress and Cancel; from the report or
   * the picker, and back to it.
   */
  finishIndex(): Promise<void>;
  cancel(): Promise<void>;
  handleProgress(progress: ImportProgress): void;
  showDropHint(isShown: boolean): void;
  startOver(): void;
}

/** Before any vault is open, and again once it locks: no path, no detected source, no report. */
const initialState = {
  stage: 'pick' as ImportStage,
  path: '',
  detected: [] as DetectedSource[],
  account: null as string | null,
  timeZone: null as string | null,
  owner: '',
  full: false,
  progress: null as ImportProgress | null,
  report: null as ImportReport | null,
  error: null as ErrorShape | null,
  dropHint: false,
};

export function createImportSlice(ctx: SliceContext): ImportSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<ImportSlice>) => patchSlice(ctx, 'imports', p);
  const current = () => ctx.get().imports;

  return {
    ...initialState,

    setPath(path) {
      patch({
        path,
        error: null,
        dropHint: false,
        ...(current().stage === 'detected' ? { stage: 'pick', detected: [] } : {}),
      });
    },

    async detect(paths) {
      const chosen = (paths ?? [current().path]).map((p) => p.trim()).filter(Boolean);
      if (chosen.length === 0) return;
      patch({ stage: 'detecting', path: chosen[0]!, detected: [], account: null, error: null, dropHint: false });
      try {
        const detected = await client.request('import.detect', { paths: chosen });
        const accounts = detected.flatMap((d) => d.accounts);
        patch({ stage: 'detected', detected, account: accounts.length > 1 ? null : (accounts[0]?.id ?? null) });
      } catch (error) {
        patch({ stage: 'pick', error: errorShapeOf(error) });
      }
    },

    chooseAccount(account) {
      patch({ account });
    },

    setTimeZone(timeZone) {
      patch({ timeZone });
    },

    setOwner(owner) {
      patch({ owner });
    },

    setFull(full) {
      patch({ full });
    },

    async run() {
      const { detected, account, timeZone, owner, full } = current();
      if (detected.length === 0 || !canRun(current())) return;
      patch({ stage: 'running', progress: null, report: null, error: null });
      try {
        const options = {
          ...(account ? { account } : {}),
          ...(timeZone && needsTimeZone(detected) ? { timeZone } : {}),
          ...(owner.trim() && needsOwner(detected) ? { owner: owner.trim() } : {}),
          ...(full ? { full: true } : {}),
        };
        const report = await client.request('import.run', { paths: detected.map((d) => d.path), ...options });
        patch({ stage: 'done', report });
        void ctx.get().archive.loadConversations();
        void ctx.get().vault.refreshStatus();
      } catch (error) {
        const shape = errorShapeOf(error);
        patch({ stage: shape.code === 'cancelled' ? 'cancelled' : 'failed', error: shape });
      }
    },

    async finishIndex() {
      const { stage, report } = current();
      const from = (stage === 'done' && report) || stage === 'pick' || stage === 'detected' ? stage : null;
      if (!from) return;
      patch({ stage: 'running', progress: null, error: null });
      try {
        const { searchIndexPending } = await client.request('import.finishIndex', undefined);
        patch({ stage: from, ...(report && from === 'done' ? { report: { ...report, searchIndexPending } } : {}) });
      } catch (error) {
        // The messages are imported whatever happened to the index: back where it started, with what went wrong.
        patch({ stage: from, error: errorShapeOf(error) });
      }
      void ctx.get().vault.refreshStatus();
    },

    async cancel() {
      if (current().stage !== 'running') return;
      patch({ stage: 'cancelling' });
      try {
        const { cancelled } = await client.request('import.cancel', undefined);
        // Nothing was running any more: the import finished (or failed) on its own and run() reports it.
        if (!cancelled && current().stage === 'cancelling') patch({ stage: 'running' });
      } catch (error) {
        if (current().stage === 'cancelling') patch({ stage: 'running', error: errorShapeOf(error) });
      }
    },

    handleProgress(progress) {
      const { stage } = current();
      if (stage === 'running' || stage === 'cancelling') patch({ progress });
    },

    showDropHint(isShown) {
      patch({ dropHint: isShown });
    },

    startOver() {
      patch({ ...initialState });
    },

    resetOnLock() {
      patch({ ...initialState });
    },
  };
}

/** A source with several accounts needs one chosen before it can run. */
export function canRun(state: Pick<ImportSlice, 'detected' | 'account'>): boolean {
  const needsAccount = state.detected.some((d) => d.accounts.length > 1);
  return state.detected.length > 0 && (!needsAccount || state.account !== null);
}

/** Some source writes times without a zone: the person may say which zone they are in. */
export function needsTimeZone(detected: readonly DetectedSource[]): boolean {
  return detected.some((d) => d.storesLocalTimes);
}

/** Some export names no owner: the person may say whose it is. */
export function needsOwner(detected: readonly DetectedSource[]): boolean {
  return detected.some(
    (d) => d.accounts.length <= 1 && d.owner === null && !['ios-backup', 'pc3', 'pc4', 'android'].includes(d.format),
  );
}

/** 0..1 for the progress bar, or null while the phase has no known total (the bar then shows activity). */
export function progressFraction(progress: ImportProgress | null): number | null {
  if (!progress || progress.total === null || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** Reasons in a report, most frequent first, without zero counts. */
export function reasonsByCount(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Everything the report lists as not imported or incomplete, for the "What was not imported" section. */
export function hasLosses(report: ImportReport): boolean {
  return (
    reasonsByCount(report.skipped).length > 0 ||
    reasonsByCount(report.media.missing).length > 0 ||
    (report.unrecognizedCount ?? 0) > 0
  );
}

export const selectImportStage = (state: AppState) => state.imports.stage;
export const selectImportPath = (state: AppState) => state.imports.path;
export const selectDetected = (state: AppState) => state.imports.detected;
export const selectImportAccount = (state: AppState) => state.imports.account;
export const selectImportTimeZone = (state: AppState) => state.imports.timeZone;
export const selectImportOwner = (state: AppState) => state.imports.owner;
export const selectImportFull = (state: AppState) => state.imports.full;
export const selectImportProgress = (state: AppState) => state.imports.progress;
export const selectImportReport = (state: AppState) => state.imports.report;
export const selectImportError = (state: AppState) => state.imports.error;
export const selectDropHint = (state: AppState) => state.imports.dropHint;
export const selectIsImporting = (state: AppState) =>
  state.imports.stage === 'running' || state.imports.stage === 'cancelling';
