import { createStore } from 'zustand/vanilla';
import { createArchiveSlice } from '../features/archive/archive-slice';
import { createAuditSlice } from '../features/audit/audit-slice';
import { createBackupSlice } from '../features/backup/backup-slice';
import { createStorageSlice } from '../features/settings/storage-slice';
import { createExportSlice } from '../features/exporting/export-slice';
import { createImportSlice } from '../features/importing/import-slice';
import { createRetentionSlice } from '../features/retention/retention-slice';
import { createSearchSlice } from '../features/search/search-slice';
import { createSettingsSlice } from '../features/settings/settings-slice';
import { createStatsSlice } from '../features/stats/stats-slice';
import { createVaultSlice } from '../features/vault/vault-slice';
import type { LocketClient } from '../services/locket';
import { createNavigationSlice } from './navigation-slice';
import type { AppState, AppStore, SliceContext, StoreDeps, VaultBoundSlice } from './state';

export type { AppStore, StoreDeps } from './state';

/** Builds the store from every slice; a slice missing here, or one without its reset on lock, does not compile. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = {
      set,
      get,
      deps,
      forgetVault() {
        const slices: Record<keyof AppState, VaultBoundSlice> = get();
        for (const slice of Object.values(slices)) slice.resetOnLock();
      },
    };
    return {
      vault: createVaultSlice(ctx),
      imports: createImportSlice(ctx),
      archive: createArchiveSlice(ctx),
      settings: createSettingsSlice(ctx),
      search: createSearchSlice(ctx),
      retention: createRetentionSlice(ctx),
      audit: createAuditSlice(ctx),
      exporting: createExportSlice(ctx),
      stats: createStatsSlice(ctx),
      backup: createBackupSlice(ctx),
      storage: createStorageSlice(ctx),
      navigation: createNavigationSlice(ctx),
    };
  });
}

/** Subscribes the store to Locket's events and asks for the vault's status; returns the unsubscribe function. */
export function startAppStore(store: AppStore, client: LocketClient): () => void {
  const stops: (() => void)[] = [];
  try {
    stops.push(client.on('vault.locked', ({ reason }) => store.getState().vault.handleLocked(reason)));
    stops.push(
      client.on('import.progress', (progress) => {
        store.getState().imports.handleProgress(progress);
        store.getState().vault.handleImportProgress(progress);
      }),
    );
    stops.push(client.on('export.progress', (progress) => store.getState().exporting.handleProgress(progress)));
    stops.push(client.on('search.results', (event) => store.getState().search.handleResults(event)));
    stops.push(client.on('backup.progress', (progress) => store.getState().backup.handleBackupProgress(progress)));
    stops.push(client.on('vault.checkProgress', (progress) => store.getState().backup.handleCheckProgress(progress)));
    stops.push(client.on('vault.compactProgress', (progress) => store.getState().storage.handleProgress(progress)));
  } catch {
    // No bridge: init() below reports it on screen.
  }
  void store.getState().vault.init();
  return () => stops.forEach((stop) => stop());
}
