import type { CompactProgress, CompactReport, CompactStatus, ErrorShape } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import { selectIsImporting } from '../importing/import-slice';

declare module '../../store/state' {
  interface AppState {
    storage: StorageSlice;
  }
}

/** Settings → Storage: how much of the vault is still uncompressed, and compacting it. */
export interface StorageSlice extends VaultBoundSlice {
  /** From file headers (`vault.compactStatus`); null until loaded. */
  status: CompactStatus | null;
  isCompacting: boolean;
  progress: CompactProgress | null;
  /** The last compaction's sizes, shown until Settings is left. */
  result: CompactReport | null;
  error: ErrorShape | null;
  load(): Promise<void>;
  /** Forgets the last result and error (Settings shows them only until it is left). */
  clearResult(): void;
  compact(): Promise<void>;
  cancel(): Promise<void>;
  handleProgress(progress: CompactProgress): void;
}

const initial = {
  status: null,
  isCompacting: false,
  progress: null,
  result: null,
  error: null,
} satisfies Partial<StorageSlice>;

export function createStorageSlice(ctx: SliceContext): StorageSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<StorageSlice>) => patchSlice(ctx, 'storage', p);
  /** Bumped by the lock: answers for the vault that locked are dropped. */
  let opened = 0;
  let running: string | null = null;
  let requests = 0;

  return {
    ...initial,

    async load() {
      const at = opened;
      try {
        const status = await client.request('vault.compactStatus', undefined);
        if (at === opened) patch({ status });
      } catch (error) {
        if (at === opened) patch({ error: errorShapeOf(error) });
      }
    },

    clearResult() {
      patch({ result: null, error: null });
    },

    async compact() {
      if (ctx.get().storage.isCompacting) return;
      const at = opened;
      const requestId = `compact-${++requests}`;
      running = requestId;
      patch({ isCompacting: true, progress: null, result: null, error: null });
      try {
        const result = await client.request('vault.compact', { requestId });
        if (at !== opened) return;
        patch({ isCompacting: false, result });
      } catch (error) {
        if (at === opened) patch({ isCompacting: false, error: errorShapeOf(error) });
      } finally {
        if (running === requestId) running = null;
      }
      // What is left to compact now (nothing, unless it was cancelled or failed).
      if (at === opened) await ctx.get().storage.load();
    },

    async cancel() {
      await client.request('vault.cancelCompact', undefined).catch(() => undefined);
    },

    handleProgress(progress) {
      if (progress.requestId !== null && progress.requestId === running) patch({ progress });
    },

    resetOnLock() {
      opened++;
      running = null;
      patch({ ...initial });
    },
  };
}

export const selectStorage = (state: AppState) => state.storage;

/**
 * An import, a backup or a retention change (a wipe) is running from this window: the core would refuse to compact
 * beside it (`vault-busy`), so the button waits for it.
 */
export const selectIsOtherChangeRunning = (state: AppState) =>
  selectIsImporting(state) || state.backup.isBackingUp || state.retention.busy;

/** How many times smaller the catalog and shards became; null when nothing was rewritten. */
export function compactionRatio(report: CompactReport): number | null {
  if (report.filesRewritten === 0 || report.bytesAfter <= 0) return null;
  return report.bytesBefore / report.bytesAfter;
}
