import { describe, expect, it } from 'vitest';
import type { BackupOverview, BackupResult } from '../../../../electron/ipc/contract';
import { fakeClient, locketError, testStore, vaultStatus } from '../../store/fake-client';
import { progressFraction, selectBackup, selectIsBackupReminderShown } from './backup-slice';

const overview = (isReminderDue: boolean): BackupOverview => ({ backups: [], lastBackupAt: null, isReminderDue });
const result: BackupResult = {
  path: '/media/usb/Backup',
  generation: 4,
  filesCopied: 3,
  bytesCopied: 300,
  filesKept: 0,
  filesRemoved: 0,
  files: 5,
  bytes: 400,
  wipesCleared: [],
  auditSequence: 2,
};

describe('backup slice', () => {
  it('backs up to the chosen folder with its own progress, or to the last backup with none chosen', async () => {
    const client = fakeClient();
    client.handle('backup.list', () => overview(false));
    client.handle('vault.status', () => vaultStatus('unlocked', '/v'));
    client.handle('backup.run', (args) => {
      store.getState().backup.handleBackupProgress({
        requestId: args.requestId!,
        phase: 'copying',
        files: 1,
        totalFiles: 3,
        bytes: 100,
        totalBytes: 300,
      });
      store.getState().backup.handleBackupProgress({
        requestId: 'someone else',
        phase: 'copying',
        files: 3,
        totalFiles: 3,
        bytes: 300,
        totalBytes: 300,
      });
      expect(progressFraction(selectBackup(store.getState()).backupProgress)).toBeCloseTo(1 / 3);
      return result;
    });
    const store = testStore(client);
    store.getState().backup.setFolder('  /media/usb/Backup ');
    expect(await store.getState().backup.backUp()).toBe(true);
    expect(client.calls.find((c) => c.name === 'backup.run')?.args).toEqual({
      path: '/media/usb/Backup',
      requestId: 'backup-1',
    });
    expect(selectBackup(store.getState())).toMatchObject({ lastResult: result, folder: '', isBackingUp: false });
    await store.getState().backup.backUp();
    expect(client.calls.filter((c) => c.name === 'backup.run').at(-1)?.args).toEqual({ requestId: 'backup-2' });
  });

  it('shows the reminder when the core says it is due, until dismissed or the vault locks', async () => {
    const client = fakeClient();
    client.handle('backup.list', () => overview(true));
    const store = testStore(client);
    expect(selectIsBackupReminderShown(store.getState())).toBe(false);
    await store.getState().backup.load();
    expect(selectIsBackupReminderShown(store.getState())).toBe(true);
    store.getState().backup.dismissReminder();
    expect(selectIsBackupReminderShown(store.getState())).toBe(false);
    store.getState().backup.resetOnLock();
    expect(selectBackup(store.getState()).overview).toBeNull();
  });

  it('keeps a refused backup as its error and a check report as it came', async () => {
    const client = fakeClient();
    client.handle('backup.run', () => {
      throw locketError('vault-exists', 'not a backup of this vault');
    });
    client.handle('vault.check', () => ({
      path: '/v',
      generation: 3,
      shards: 1,
      messages: 2,
      mediaFiles: 0,
      bytes: 10,
      auditEntries: 1,
      problems: [{ file: 'shards/a.lkt', problem: 'missing', detail: 'gone' }],
      isIntact: false,
    }));
    const store = testStore(client);
    store.getState().backup.setFolder('/somewhere');
    expect(await store.getState().backup.backUp()).toBe(false);
    expect(selectBackup(store.getState()).backupError?.code).toBe('vault-exists');
    await store.getState().backup.check();
    expect(selectBackup(store.getState()).checkReport?.problems).toHaveLength(1);
  });
});
