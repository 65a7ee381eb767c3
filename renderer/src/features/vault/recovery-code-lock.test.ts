import { describe, expect, it } from 'vitest';
import { memoryPreferences } from '../../services/preferences';
import { createAppStore, startAppStore } from '../../store/app-store';
import { fakeClient, settle, vaultSettings, vaultStatus } from '../../store/fake-client';
import { selectIsLockedBehindRecoveryCode, selectVaultScreen } from './vault-slice';

const PATH = '/home/li/Evidence 2026.locket';
const CODE = 'AAAA-BBBB-CCCC-DDDD';

/** A store whose desktop records what it is told of the idle lock. */
function setup() {
  const client = fakeClient();
  client.handle('vault.create', () => ({ status: vaultStatus('unlocked', PATH), recoveryCode: CODE }));
  client.handle('vault.status', () => vaultStatus('unlocked', PATH));
  client.handle('vault.unlock', () => vaultStatus('unlocked', PATH));
  client.handle('conversations.list', () => []);
  client.handle('settings.get', () => vaultSettings(1));
  client.handle('retention.listClasses', () => []);
  client.handle('holds.list', () => []);
  client.handle('audit.list', () => []);
  client.handle('wipe.preview', () => ({ messages: 0 }) as never);
  const held: boolean[] = [];
  const store = createAppStore({
    client,
    preferences: memoryPreferences(),
    systemLanguages: ['en-US'],
    systemPrefersDark: false,
    holdIdleLock: async (isHeld) => void held.push(isHeld),
  });
  const stop = startAppStore(store, client);
  return { client, store, held, stop };
}

describe('a new recovery code on screen when the vault locks', () => {
  it('holds the idle lock back while the code is shown and lets go once it is confirmed', async () => {
    const { store, held, stop } = setup();
    await store.getState().vault.createVault({ path: PATH, passphrase: 'a long enough passphrase' } as never);
    expect(selectVaultScreen(store.getState())).toBe('recovery-code');
    expect(held).toEqual([true]);
    store.getState().vault.confirmRecoveryCodeSaved();
    expect(held).toEqual([true, false]);
    expect(selectVaultScreen(store.getState())).toBe('unlocked');
    stop();
  });

  it('keeps the code on screen until confirmed when the vault locks meanwhile, then goes to Unlock', async () => {
    const { client, store, held, stop } = setup();
    await store.getState().vault.createVault({ path: PATH, passphrase: 'a long enough passphrase' } as never);
    client.emit('vault.locked', { reason: 'suspend' });
    await settle();
    const vault = store.getState().vault;
    expect(vault.screen).toBe('recovery-code');
    expect(vault.recoveryCode).toBe(CODE);
    expect(vault.status?.state).toBe('locked');
    expect(vault.lockReason).toBe('suspend');
    expect(selectIsLockedBehindRecoveryCode(store.getState())).toBe(true);

    store.getState().vault.confirmRecoveryCodeSaved();
    expect(store.getState().vault).toMatchObject({
      screen: 'unlock',
      recoveryCode: null,
      path: PATH,
      lockReason: 'suspend',
    });
    expect(held).toEqual([true, false]);
    // Nothing of the vault was loaded behind the code: it is locked.
    expect(store.getState().archive.conversations).toBeNull();
    stop();
  });

  it("keeps a replaced key's new code the same way, and a lock on any other screen still drops everything", async () => {
    const { client, store, stop } = setup();
    await store.getState().vault.init();
    expect(selectVaultScreen(store.getState())).toBe('unlocked');
    store.getState().vault.showReplacedRecoveryCode(CODE);
    client.emit('vault.locked', { reason: 'idle' });
    expect(store.getState().vault).toMatchObject({
      screen: 'recovery-code',
      recoveryCode: CODE,
      isRecoveryCodeReplaced: true,
    });
    store.getState().vault.confirmRecoveryCodeSaved();
    expect(selectVaultScreen(store.getState())).toBe('unlock');

    await store.getState().vault.unlock(PATH, 'a long enough passphrase');
    client.emit('vault.locked', { reason: 'idle' });
    expect(store.getState().vault).toMatchObject({ screen: 'unlock', recoveryCode: null });
    stop();
  });
});
