import type {
  BackupOverview,
  BackupProgress,
  BackupResult,
  CheckProgress,
  CheckReport,
  ErrorShape,
} from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';

declare module '../../store/state' {
  interface AppState {
    backup: BackupSlice;
  }
}

/** The choices offered for the backup reminder, in days; 0 means never. The core accepts 0 to 365. */
export const REMINDER_CHOICES = [0, 1, 3, 7, 14, 30, 90] as const;

export interface BackupSlice extends VaultBoundSlice {
  /** The vault's backups, last backup time and whether the reminder is due; null until loaded. */
  overview: BackupOverview | null;
  /** The folder the next backup goes to: chosen with Browse (or typed); the last backup's folder when empty. */
  folder: string;
  isBackingUp: boolean;
  backupProgress: BackupProgress | null;
  lastResult: BackupResult | null;
  backupError: ErrorShape | null;
  isChecking: boolean;
  checkProgress: CheckProgress | null;
  checkReport: CheckReport | null;
  checkError: ErrorShape | null;
  /** The reminder banner was put away for this unlock. */
  isReminderDismissed: boolean;
  load(): Promise<void>;
  /** Forgets the last backup's result (Settings shows it only until it is left). */
  clearResult(): void;
  setFolder(folder: string): void;
  /** Backs up to the chosen folder, or to the last backup's folder when none was chosen. */
  backUp(): Promise<boolean>;
  cancelBackup(): Promise<void>;
  check(): Promise<void>;
  cancelCheck(): Promise<void>;
  dismissReminder(): void;
  handleBackupProgress(progress: BackupProgress): void;
  handleCheckProgress(progress: CheckProgress): void;
}

const initial = {
  overview: null,
  folder: '',
  isBackingUp: false,
  backupProgress: null,
  lastResult: null,
  backupError: null,
  isChecking: false,
  checkProgress: null,
  checkReport: null,
  checkError: null,
  isReminderDismissed: false,
} satisfies Partial<BackupSlice>;

export function createBackupSlice(ctx: SliceContext): BackupSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<BackupSlice>) => patchSlice(ctx, 'backup', p);
  /** Bumped by the lock: answers for the vault that locked are dropped. */
  let opened = 0;
  let backupRequest: string | null = null;
  let checkRequest: string | null = null;
  let requests = 0;

  return {
    ...initial,

    async load() {
      const at = opened;
      try {
        const overview = await client.request('backup.list', undefined);
        if (at === opened) patch({ overview });
      } catch (error) {
        if (at === opened) patch({ backupError: errorShapeOf(error) });
      }
    },

    clearResult() {
      patch({ lastResult: null, backupError: null });
    },

    setFolder(folder) {
      patch({ folder });
    },

    async backUp() {
      const at = opened;
      const folder = ctx.get().backup.folder.trim();
      const requestId = `backup-${++requests}`;
      backupRequest = requestId;
      patch({ isBackingUp: true, backupProgress: null, backupError: null, lastResult: null });
      try {
        const lastResult = await client.request('backup.run', { ...(folder ? { path: folder } : {}), requestId });
        if (at !== opened) return false;
        patch({ isBackingUp: false, lastResult, folder: '' });
        // The backup's record changed the vault's status too (backups that still hold wiped data).
        await Promise.all([ctx.get().backup.load(), ctx.get().vault.refreshStatus()]);
        return true;
      } catch (error) {
        if (at === opened) patch({ isBackingUp: false, backupError: errorShapeOf(error) });
        return false;
      } finally {
        if (backupRequest === requestId) backupRequest = null;
      }
    },

    async cancelBackup() {
      await client.request('backup.cancel', undefined).catch(() => undefined);
    },

    async check() {
      const at = opened;
      const requestId = `check-${++requests}`;
      checkRequest = requestId;
      patch({ isChecking: true, checkProgress: null, checkReport: null, checkError: null });
      try {
        const checkReport = await client.request('vault.check', { requestId });
        if (at === opened) patch({ isChecking: false, checkReport });
      } catch (error) {
        if (at === opened) patch({ isChecking: false, checkError: errorShapeOf(error) });
      } finally {
        if (checkRequest === requestId) checkRequest = null;
      }
    },

    async cancelCheck() {
      await client.request('vault.cancelCheck', undefined).catch(() => undefined);
    },

    dismissReminder() {
      patch({ isReminderDismissed: true });
    },

    handleBackupProgress(progress) {
      if (progress.requestId !== null && progress.requestId === backupRequest) patch({ backupProgress: progress });
    },

    handleCheckProgress(progress) {
      if (progress.requestId !== null && progress.requestId === checkRequest) patch({ checkProgress: progress });
    },

    resetOnLock() {
      opened++;
      backupRequest = null;
      checkRequest = null;
      patch({ ...initial });
    },
  };
}

/** How far a copy or a scrub got, by bytes (files when there are no bytes to count); null before it starts. */
export function progressFraction(
  progress: { files: number; totalFiles: number; bytes: number; totalBytes: number } | null,
): number | null {
  if (!progress) return null;
  if (progress.totalBytes > 0) return Math.min(1, progress.bytes / progress.totalBytes);
  return progress.totalFiles > 0 ? progress.files / progress.totalFiles : null;
}

export const selectBackup = (state: AppState) => state.backup;
export const selectIsBackupReminderShown = (state: AppState) =>
  Boolean(state.backup.overview?.isReminderDue) && !state.backup.isReminderDismissed;
