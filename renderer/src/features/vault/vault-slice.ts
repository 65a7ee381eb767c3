import type {
  CreateVaultArgs,
  ErrorShape,
  Events,
  ImportProgress,
  VaultStatus,
} from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { busyAttempt } from '../../store/busy-attempt';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import type { MessageKey } from '../../i18n/messages-en';

export type VaultScreen =
  'loading' | 'unavailable' | 'welcome' | 'create' | 'recovery-code' | 'unlock' | 'recover' | 'demo' | 'unlocked';
export type LockReason = Events['vault.locked']['reason'];

declare module '../../store/state' {
  interface AppState {
    vault: VaultSlice;
  }
}

export interface VaultSlice extends VaultBoundSlice {
  screen: VaultScreen;
  status: VaultStatus | null;
  /** The vault folder the unlock and recover screens act on. */
  path: string;
  busy: boolean;
  error: ErrorShape | null;
  /**
   * Shown once after creating a vault or replacing its key, and dropped as soon as the person confirms they saved
   * it.
   */
  recoveryCode: string | null;
  /** The recovery code on screen replaces an old one (the vault key was replaced): the old code no longer works. */
  isRecoveryCodeReplaced: boolean;
  /** Why the vault was last locked, when it was not the person's own click. */
  lockReason: LockReason | null;
  /** The sample archive's import while a demo vault is being made. */
  demoProgress: ImportProgress | null;
  init(): Promise<void>;
  show(screen: 'welcome' | 'create' | 'unlock' | 'recover' | 'demo', path?: string): void;
  /** Makes a throwaway vault from the bundled sample archive at `path`, unlocks it and opens the chats. */
  createDemo(path: string): Promise<boolean>;
  handleImportProgress(progress: ImportProgress): void;
  createVault(args: CreateVaultArgs): Promise<boolean>;
  confirmRecoveryCodeSaved(): void;
  /** After the vault key was replaced: the new recovery code, on the same full screen as at creation. */
  showReplacedRecoveryCode(recoveryCode: string): void;
  unlock(path: string, passphrase: string): Promise<boolean>;
  resetWithRecoveryCode(path: string, recoveryCode: string, newPassphrase: string): Promise<boolean>;
  lock(): Promise<void>;
  handleLocked(reason: LockReason): void;
  refreshStatus(): Promise<void>;
  clearError(): void;
}

const LAST_VAULT_KEY = 'lastVaultPath';

/**
 * What the vault slice forgets on lock. Which screen shows, the folder, its status without the counts and why it
 * locked are set by handleLocked: they say which vault to unlock again, not what is in it.
 */
const lockedState = {
  busy: false,
  error: null,
  recoveryCode: null,
  isRecoveryCodeReplaced: false,
  demoProgress: null,
} satisfies Partial<VaultSlice>;

export function createVaultSlice(ctx: SliceContext): VaultSlice {
  const { client, preferences } = ctx.deps;
  const patch = (p: Partial<VaultSlice>) => patchSlice(ctx, 'vault', p);

  const attempt = busyAttempt(patch);
  // Best effort: a page without a desktop (the browser tests) has no idle lock to hold.
  const holdIdleLock = (isHeld: boolean) => void ctx.deps.holdIdleLock?.(isHeld).catch(() => undefined);

  /** A new recovery code goes on screen; the desktop's idle lock waits longer while it is there. */
  function showRecoveryCode(p: Partial<VaultSlice> & { recoveryCode: string }): void {
    patch({ ...p, screen: 'recovery-code' });
    holdIdleLock(true);
  }

  function enterVault(status: VaultStatus): void {
    if (status.path) preferences.write(LAST_VAULT_KEY, status.path);
    // Another vault (or the same one again) starts from nothing: no slice may show what an earlier one held.
    ctx.forgetVault();
    patch({ status, path: status.path ?? '', screen: 'unlocked', lockReason: null, error: null });
    void ctx.get().archive.loadConversations();
    void ctx.get().settings.loadVaultSettings();
    void ctx
      .get()
      .retention.load()
      // Not for a vault that locked meanwhile.
      .then(() => (ctx.get().vault.screen === 'unlocked' ? ctx.get().retention.reviewExpired() : undefined));
  }

  return {
    screen: 'loading',
    status: null,
    path: '',
    lockReason: null,
    ...lockedState,

    async init() {
      try {
        const status = await client.request('vault.status', undefined);
        if (status.state === 'unlocked') {
          enterVault(status);
          return;
        }
        const path = status.path ?? preferences.read(LAST_VAULT_KEY) ?? '';
        patch({ status, path, screen: path ? 'unlock' : 'welcome' });
      } catch (error) {
        patch({ screen: 'unavailable', error: errorShapeOf(error) });
      }
    },

    show(screen, path) {
      patch({ screen, error: null, ...(path !== undefined ? { path } : {}) });
    },

    async createVault(args) {
      const result = await attempt(() => client.request('vault.create', args));
      if (!result) return false;
      if (result.status.path) preferences.write(LAST_VAULT_KEY, result.status.path);
      showRecoveryCode({
        status: result.status,
        path: result.status.path ?? args.path,
        recoveryCode: result.recoveryCode,
      });
      return true;
    },

    async createDemo(path) {
      patch({ demoProgress: null });
      const result = await attempt(() => client.request('vault.createDemo', { path }));
      patch({ demoProgress: null });
      if (!result) return false;
      ctx.get().navigation.go('archive');
      enterVault(result.status);
      return true;
    },

    showReplacedRecoveryCode(recoveryCode) {
      showRecoveryCode({ recoveryCode, isRecoveryCodeReplaced: true });
    },

    handleImportProgress(progress) {
      const { screen, busy } = ctx.get().vault;
      if (screen === 'demo' && busy) patch({ demoProgress: progress });
    },

    confirmRecoveryCodeSaved() {
      const { status, isRecoveryCodeReplaced } = ctx.get().vault;
      patch({ recoveryCode: null, isRecoveryCodeReplaced: false });
      holdIdleLock(false);
      // The vault locked while the code was on screen (handleLocked): unlock it again.
      if (status?.state !== 'unlocked') return patch({ screen: 'unlock' });
      // After a key replacement the vault was open all along: back to where the person was (Settings).
      if (isRecoveryCodeReplaced) return patch({ screen: 'unlocked' });
      // A new vault is empty: the first thing to do in it is an import.
      ctx.get().navigation.go('import');
      if (status) enterVault(status);
    },

    async unlock(path, passphrase) {
      const status = await attempt(() => client.request('vault.unlock', { path, passphrase }));
      if (!status) return false;
      ctx.get().navigation.go('archive');
      enterVault(status);
      return true;
    },

    async resetWithRecoveryCode(path, recoveryCode, newPassphrase) {
      const status = await attempt(() =>
        client.request('vault.resetPassphraseWithRecoveryCode', { path, recoveryCode, newPassphrase }),
      );
      if (!status) return false;
      ctx.get().navigation.go('archive');
      enterVault(status);
      return true;
    },

    async lock() {
      const status = await attempt(() => client.request('vault.lock', undefined));
      // The 'vault.locked' event normally gets here first; this covers a vault that was already locked.
      if (status && ctx.get().vault.screen === 'unlocked') ctx.get().vault.handleLocked('user');
    },

    handleLocked(reason) {
      const { vault } = ctx.get();
      // A new recovery code exists nowhere but on this screen, and the vault's recovery slot already opens with it:
      // dropped before the person confirmed it, they would hold a vault whose recovery code nobody has. It stays
      // until confirmed; the vault locks all the same (sleep and the screen lock hide it behind the system's lock).
      const shown =
        vault.screen === 'recovery-code' && vault.recoveryCode
          ? { recoveryCode: vault.recoveryCode, isRecoveryCodeReplaced: vault.isRecoveryCodeReplaced }
          : null;
      ctx.forgetVault();
      patch({
        screen: shown ? 'recovery-code' : 'unlock',
        path: vault.status?.path ?? vault.path,
        status: vault.status ? { ...vault.status, state: 'locked', counts: null } : null,
        lockReason: reason === 'user' ? null : reason,
        ...shown,
      });
    },

    resetOnLock() {
      patch({ ...lockedState });
    },

    async refreshStatus() {
      try {
        const status = await client.request('vault.status', undefined);
        if (status.state === 'unlocked') patch({ status });
      } catch {
        // The counts are a nicety; the screens that need the vault report their own errors.
      }
    },

    clearError() {
      patch({ error: null });
    },
  };
}

export const selectVaultScreen = (state: AppState) => state.vault.screen;
export const selectVaultPath = (state: AppState) => state.vault.path;
export const selectVaultBusy = (state: AppState) => state.vault.busy;
export const selectVaultError = (state: AppState) => state.vault.error;
export const selectRecoveryCode = (state: AppState) => state.vault.recoveryCode;
export const selectLockReason = (state: AppState) => state.vault.lockReason;
/** The vault locked while its new recovery code was on screen: the code stays until confirmed, then unlock again. */
export const selectIsLockedBehindRecoveryCode = (state: AppState) =>
  state.vault.screen === 'recovery-code' && state.vault.status?.state === 'locked';
export const selectVaultStatus = (state: AppState) => state.vault.status;
export const selectDemoProgress = (state: AppState) => state.vault.demoProgress;
export const selectIsDemo = (state: AppState) => state.vault.status?.isDemo === true;

/** Something about the vault folder the person should know on every screen, with its detail for a tooltip. */
export interface VaultWarning {
  id: 'rollback' | 'cleanup';
  title: MessageKey;
  text: MessageKey;
  count: number;
  detail: string;
}

/**
 * The vault folder went back in time (restored whole from an older copy: holds, wipes and audit entries made since
 * are missing), or unlock left files in it that it would not touch (links, files with other names).
 */
export function vaultWarningsOf(status: AppState['vault']['status']): VaultWarning[] {
  const warnings: VaultWarning[] = [];
  if (status?.rollbackWarning)
    warnings.push({
      id: 'rollback',
      title: 'vaultWarning.rollback',
      text: 'vaultWarning.rollbackText',
      count: 1,
      detail: status.rollbackWarning,
    });
  const skipped = status?.cleanupSkipped ?? [];
  if (skipped.length > 0) {
    warnings.push({
      id: 'cleanup',
      title: 'vaultWarning.cleanup',
      text: 'vaultWarning.cleanupText',
      count: skipped.length,
      detail: skipped.map((s) => `${s.path} (${s.reason})`).join('\n'),
    });
  }
  return warnings;
}

/** Where the demo vault goes unless the person picks another folder: beside the last vault, when there was one. */
export function suggestDemoPath(lastVaultPath: string | null): string {
  if (!lastVaultPath) return '';
  const trimmed = lastVaultPath.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut <= 0) return '';
  return `${trimmed.slice(0, cut + 1)}Locket Demo.locket`;
}

/** The vault folder's own name ("Evidence 2026.locket"), for headings. */
export function vaultName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const name = trimmed.split(/[\\/]/).pop();
  return name || trimmed;
}
