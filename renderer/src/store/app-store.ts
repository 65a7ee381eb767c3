import { createStore, type StoreApi } from 'zustand/vanilla';
import { createArchiveSlice, type ArchiveSlice } from '../features/archive/archive-slice';
import { createExportSlice, type ExportSlice } from '../features/exporting/export-slice';
import { createImportSlice, type ImportSlice } from '../features/importing/import-slice';
import { createRetentionSlice, type RetentionSlice } from '../features/retention/retention-slice';
import { createSearchSlice, type SearchSlice } from '../features/search/search-slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/settings-slice';
import { createStatsSlice, type StatsSlice } from '../features/stats/stats-slice';
import { createVaultSlice, type VaultSlice } from '../features/vault/vault-slice';
import type { LocketClient } from '../services/locket';
import type { PreferenceStorage } from '../services/preferences';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';

/** One store, one key per feature slice. Each slice owns its state and its actions; selectors live beside it. */
export interface AppState {
  vault: VaultSlice;
  imports: ImportSlice;
  archive: ArchiveSlice;
  settings: SettingsSlice;
  search: SearchSlice;
  retention: RetentionSlice;
  exporting: ExportSlice;
  stats: StatsSlice;
  navigation: NavigationSlice;
}

/** What the store needs from the outside world, injected so unit tests run without a page. */
export interface StoreDeps {
  client: LocketClient;
  preferences: PreferenceStorage;
  systemLanguages: readonly string[];
  systemPrefersDark: boolean;
  /** The system's IANA time zone; read from Intl when absent (tests pin it). */
  systemTimeZone?: string;
  /** The desktop's "open with the system's app" (a host request); absent where there is no desktop. */
  openExternally?(mediaId: string, fileName?: string | null): Promise<boolean>;
}

export type AppStore = StoreApi<AppState>;

export interface SliceContext {
  set: AppStore['setState'];
  get: AppStore['getState'];
  deps: StoreDeps;
}

/** Replaces part of one slice, leaving the others untouched. */
export function patchSlice<K extends keyof AppState>(
  ctx: Pick<SliceContext, 'set'>,
  key: K,
  patch: Partial<AppState[K]>,
): void {
  ctx.set((state) => ({ [key]: { ...state[key], ...patch } }) as Pick<AppState, K>);
}

export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = { set, get, deps };
    return {
      vault: createVaultSlice(ctx),
      imports: createImportSlice(ctx),
      archive: createArchiveSlice(ctx),
      settings: createSettingsSlice(ctx),
      search: createSearchSlice(ctx),
      retention: createRetentionSlice(ctx),
      exporting: createExportSlice(ctx),
      stats: createStatsSlice(ctx),
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
  } catch {
    // No bridge: init() below reports it on screen.
  }
  void store.getState().vault.init();
  return () => stops.forEach((stop) => stop());
}
