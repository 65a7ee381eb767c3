import type { StoreApi } from 'zustand/vanilla';
import type { LocketClient } from '../services/locket';
import type { PreferenceStorage } from '../services/preferences';

/**
 * One store, one key per feature slice. Each slice owns its state and its actions; selectors live beside it.
 *
 * Each slice adds its own key from its module (`declare module '../../store/state'`), so this module imports no
 * slice and the slices import it without a cycle; createAppStore's return type makes sure every key is built.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the slices' declarations
export interface AppState {}

/**
 * What every slice declares: how it forgets the vault. `resetOnLock` puts back, in one step, every field that may
 * hold something read from the vault (its initial, vault-free value) and drops what it keeps outside the state
 * (caches, answers still on their way). App-level fields, such as the language, stay.
 */
export interface VaultBoundSlice {
  resetOnLock(): void;
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
  /** Holds the desktop's idle lock back while a new recovery code is on screen (host request 'idleLock.hold'). */
  holdIdleLock?(isHeld: boolean): Promise<void>;
  /** The desktop's "save a copy as…" (a host request: main asks where); absent where there is no desktop. */
  saveMediaCopy?(mediaId: string, fileName?: string | null): Promise<boolean>;
}

export type AppStore = StoreApi<AppState>;

export interface SliceContext {
  set: AppStore['setState'];
  get: AppStore['getState'];
  deps: StoreDeps;
  /** Every slice's resetOnLock, applied by the store: when the vault locks and when another vault is entered. */
  forgetVault(): void;
}

/** Replaces part of one slice, leaving the others untouched. */
export function patchSlice<K extends keyof AppState>(
  ctx: Pick<SliceContext, 'set'>,
  key: K,
  patch: Partial<AppState[K]>,
): void {
  ctx.set((state) => ({ [key]: { ...state[key], ...patch } }) as Pick<AppState, K>);
}
