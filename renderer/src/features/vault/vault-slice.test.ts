import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../../electron/ipc/contract';
import { memoryPreferences } from '../../services/preferences';
import { startAppStore } from '../../store/app-store';
import { fakeClient, locketError, settle, testStore, vaultSettings, vaultStatus } from '../../store/fake-client';
import { selectDemoProgress, selectIsDemo, selectVaultScreen, suggestDemoPath, vaultName } from './vault-slice';

const PATH = '/home/li/Evidence 2026.locket';

function status(state: VaultStatus['state'], path: string | null = PATH): VaultStatus {
  return vaultStatus(state, path);
}

function unlockedClient() {
  const client = fakeClient();
  client.handle('conversations.list', () => []);
  client.handle('settings.get', () => vaultSettings(10));
  return client;
}

describe('vault slice', () => {
  it('starts on Welcome without a vault, on Unlock with the last one, and in the app when already unlocked', async () => {
    for (const [answer, stored, screen] of [
      [status('none', null), null, 'welcome'],
      [status('none', null), PATH, 'unlock'],
      [status('locked'), null, 'unlock'],
      [status('unlocked'), null, 'unlocked'],
    ] as const) {
      const client = unlockedClient();
      client.handle('vault.status', () => answer);
      const store = testStore(client, memoryPreferences(stored ? { lastVaultPath: stored } : {}));
      await store.getState().vault.init();
      expect(selectVaultScreen(store.getState())).toBe(screen);
    }
  });

  it('shows the recovery code after creating a vault and forgets it once confirmed', async () => {
    const client = unlockedClient();
    client.handle('vault.create', () => ({ status: status('unlocked'), recoveryCode: 'AAAA-BBBB' }));
    const preferences = memoryPreferences();
    const store = testStore(client, preferences);
    expect(await store.getState().vault.createVault({ path: PATH, passphrase: 'correct horse battery staple' })).toBe(
      true,
    );
    expect(store.getState().vault.screen).toBe('recovery-code');
    expect(store.getState().vault.recoveryCode).toBe('AAAA-BBBB');
    store.getState().vault.confirmRecoveryCodeSaved();
    expect(store.getState().vault.recoveryCode).toBeNull();
    expect(store.getState().vault.screen).toBe('unlocked');
    // A new vault is empty: the app opens on Import.
    expect(store.getState().navigation.section).toBe('import');
    expect(preferences.read('lastVaultPath')).toBe(PATH);
  });

  it('keeps a wrong passphrase as its code, for a friendly message, and stays on Unlock', async () => {
    const client = unlockedClient();
    client.handle('vault.unlock', () => {
      throw locketError('wrong-passphrase', 'That passphrase does not open this vault.');
    });
    const store = testStore(client);
    store.getState().vault.show('unlock', PATH);
    expect(await store.getState().vault.unlock(PATH, 'nope')).toBe(false);
    expect(store.getState().vault.error?.code).toBe('wrong-passphrase');
    expect(store.getState().vault.busy).toBe(false);
    expect(store.getState().vault.screen).toBe('unlock');
  });

  it('unlocks with the recovery code and a new passphrase in one step', async () => {
    const client = unlockedClient();
    client.handle('vault.resetPassphraseWithRecoveryCode', () => status('unlocked'));
    const store = testStore(client);
    expect(await store.getState().vault.resetWithRecoveryCode(PATH, 'code', 'a new long passphrase')).toBe(true);
    expect(client.calls.at(0)).toEqual({
      name: 'vault.resetPassphraseWithRecoveryCode',
      args: { path: PATH, recoveryCode: 'code', newPassphrase: 'a new long passphrase' },
    });
    expect(store.getState().vault.screen).toBe('unlocked');
  });

  it('returns to Unlock on the vault.locked event, dropping everything read from the vault', async () => {
    const client = unlockedClient();
    client.handle('vault.status', () => status('unlocked'));
    client.handle('conversations.list', () => [
      {
        id: 1,
        username: 'a',
        displayName: 'A',
        isGroup: false,
        messageCount: 1,
        firstMessageTime: 1,
        lastMessageTime: 1,
        lastMessagePreview: 'hi',
        lastMessageLine: { kind: 'text', text: 'hi' },
        avatarUrl: null,
        retentionClassId: null,
      },
    ]);
    const store = testStore(client);
    const stop = startAppStore(store, client);
    await settle();
    expect(store.getState().archive.conversations).toHaveLength(1);
    client.emit('vault.locked', { reason: 'idle' });
    expect(store.getState().vault.screen).toBe('unlock');
    expect(store.getState().vault.lockReason).toBe('idle');
    expect(store.getState().vault.path).toBe(PATH);
    expect(store.getState().archive.conversations).toBeNull();
    expect(store.getState().settings.vaultSettings).toBeNull();
    stop();
  });

  it('names a vault by its folder', () => {
    expect(vaultName(PATH)).toBe('Evidence 2026.locket');
    expect(vaultName('C:\\Users\\li\\Archive.locket\\')).toBe('Archive.locket');
  });

  it('makes a demo vault from the sample, shows its import progress, and opens the chats marked as a demo', async () => {
    const client = unlockedClient();
    client.handle('vault.status', () => status('none', null));
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    client.handle('vault.createDemo', async ({ path }) => {
      await done;
      return { status: { ...status('unlocked', path), isDemo: true }, passphrase: 'locket demo', report: {} as never };
    });
    const store = testStore(client);
    startAppStore(store, client);
    await settle();
    store.getState().vault.show('demo');
    const creating = store.getState().vault.createDemo('/tmp/Demo.locket');
    client.emit('import.progress', { phase: 'reading', done: 10, total: 100, rate: 5, secondsLeft: 18 });
    expect(selectDemoProgress(store.getState())?.done).toBe(10);
    finish();
    expect(await creating).toBe(true);
    expect(selectVaultScreen(store.getState())).toBe('unlocked');
    expect(selectIsDemo(store.getState())).toBe(true);
    expect(selectDemoProgress(store.getState())).toBeNull();
    expect(store.getState().navigation.section).toBe('archive');
  });

  it('suggests a demo folder beside the last vault', () => {
    expect(suggestDemoPath(PATH)).toBe('/home/li/Locket Demo.locket');
    expect(suggestDemoPath('C:\\Users\\li\\Vault')).toBe('C:\\Users\\li\\Locket Demo.locket');
    expect(suggestDemoPath(null)).toBe('');
  });
});
