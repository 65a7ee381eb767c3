import { describe, expect, it } from 'vitest';
import type { AiScope } from '../../../../electron/ipc/contract';
import { memoryPreferences } from '../../services/preferences';
import { createAppStore } from '../../store/app-store';
import { fakeClient, locketError, testStore, vaultSettings } from '../../store/fake-client';
import { selectIsDark, selectLocale, selectPassphraseChange, selectTimeZone } from './settings-slice';

describe('settings slice', () => {
  it('follows the system language and colour scheme until the person chooses', () => {
    const store = testStore(fakeClient(), memoryPreferences(), ['zh-CN', 'en']);
    expect(selectLocale(store.getState())).toBe('zh-CN');
    expect(selectIsDark(store.getState())).toBe(false);
    store.getState().settings.systemChanged({ prefersDark: true, languages: ['en-GB'] });
    expect(selectIsDark(store.getState())).toBe(true);
    expect(selectLocale(store.getState())).toBe('en');
  });

  it('remembers the chosen language and theme on this computer', () => {
    const preferences = memoryPreferences();
    const store = testStore(fakeClient(), preferences, ['en-US']);
    store.getState().settings.setLanguage('zh-CN');
    store.getState().settings.setTheme('dark');
    expect(selectLocale(store.getState())).toBe('zh-CN');
    expect(selectIsDark(store.getState())).toBe(true);
    const again = testStore(fakeClient(), preferences, ['en-US']);
    expect(selectLocale(again.getState())).toBe('zh-CN');
    expect(again.getState().settings.theme).toBe('dark');
    again.getState().settings.setLanguage('system');
    expect(preferences.read('language')).toBeNull();
  });

  it('ignores stored values it does not understand', () => {
    const store = testStore(fakeClient(), memoryPreferences({ language: 'klingon', theme: 'sepia' }));
    expect(store.getState().settings.language).toBe('system');
    expect(store.getState().settings.theme).toBe('system');
  });

  it('reads and saves the vault’s auto-lock time, keeping the error when the core refuses', async () => {
    const client = fakeClient();
    client.handle('settings.get', () => vaultSettings(10));
    client.handle('settings.update', ({ autoLockMinutes }) => {
      if (autoLockMinutes === 9999)
        throw locketError('invalid-argument', 'Auto-lock must be between 0 and 1440 minutes.');
      return vaultSettings(autoLockMinutes ?? 10);
    });
    const store = testStore(client);
    await store.getState().settings.loadVaultSettings();
    expect(store.getState().settings.vaultSettings).toEqual(vaultSettings(10));
    expect(await store.getState().settings.updateAutoLock(5)).toBe(true);
    expect(store.getState().settings.vaultSettings).toEqual(vaultSettings(5));
    expect(await store.getState().settings.updateAutoLock(9999)).toBe(false);
    expect(store.getState().settings.error?.code).toBe('invalid-argument');
    expect(store.getState().settings.vaultSettings).toEqual(vaultSettings(5));
  });

  it('shows times in the system’s zone until the person chooses one, and remembers it on this computer', () => {
    const preferences = memoryPreferences();
    const deps = {
      client: fakeClient(),
      preferences,
      systemLanguages: ['en-US'],
      systemPrefersDark: false,
      systemTimeZone: 'Asia/Shanghai',
    };
    const store = createAppStore(deps);
    expect(store.getState().settings.timeZone).toBe('system');
    expect(selectTimeZone(store.getState())).toBe('Asia/Shanghai');
    store.getState().settings.setTimeZone('America/New_York');
    expect(selectTimeZone(store.getState())).toBe('America/New_York');
    expect(preferences.read('timeZone')).toBe('America/New_York');
    expect(selectTimeZone(createAppStore(deps).getState())).toBe('America/New_York');
    store.getState().settings.setTimeZone('Mars/Olympus_Mons');
    expect(selectTimeZone(store.getState())).toBe('America/New_York');
    store.getState().settings.setTimeZone('system');
    expect(preferences.read('timeZone')).toBeNull();
    expect(selectTimeZone(store.getState())).toBe('Asia/Shanghai');
  });

  it('falls back to the system zone when the stored one is unknown', () => {
    const store = createAppStore({
      client: fakeClient(),
      preferences: memoryPreferences({ timeZone: 'Atlantis/Lost' }),
      systemLanguages: ['en'],
      systemPrefersDark: false,
      systemTimeZone: 'Europe/London',
    });
    expect(selectTimeZone(store.getState())).toBe('Europe/London');
  });

  it('sends searches with the chosen zone, so after:2024-03-01 is a day there', async () => {
    const client = fakeClient();
    client.handle('search.query', () => ({ total: 0, atLeast: 0, results: [], next: null }));
    const store = testStore(client);
    store.getState().settings.setTimeZone('Asia/Tokyo');
    store.getState().search.setQuery('after:2024-03-01');
    await store.getState().search.run();
    expect(client.calls.find((c) => c.name === 'search.query')?.args).toMatchObject({ timeZone: 'Asia/Tokyo' });
  });

  it('changes the passphrase: busy while the key is derived, then done; a wrong current passphrase says so', async () => {
    const client = fakeClient();
    let finish: () => void = () => undefined;
    client.handle('vault.changePassphrase', async ({ currentPassphrase }) => {
      if (currentPassphrase !== 'old words here')
        throw locketError('wrong-passphrase', 'That passphrase does not open this vault.');
      await new Promise<void>((resolve) => (finish = resolve));
      return { state: 'unlocked' } as never;
    });
    const store = testStore(client);
    expect(await store.getState().settings.changePassphrase('not it', 'brand new long words')).toBe(false);
    expect(selectPassphraseChange(store.getState())).toMatchObject({
      isBusy: false,
      isDone: false,
      error: { code: 'wrong-passphrase' },
    });
    const running = store.getState().settings.changePassphrase('old words here', 'brand new long words');
    expect(selectPassphraseChange(store.getState())).toEqual({ isBusy: true, isDone: false, error: null });
    await Promise.resolve();
    finish();
    expect(await running).toBe(true);
    expect(selectPassphraseChange(store.getState())).toEqual({ isBusy: false, isDone: true, error: null });
    expect(client.calls.at(-1)).toEqual({
      name: 'vault.changePassphrase',
      args: { currentPassphrase: 'old words here', newPassphrase: 'brand new long words' },
    });
    store.getState().settings.resetOnLock();
    expect(selectPassphraseChange(store.getState()).isDone).toBe(false);
  });

  it('can also replace the vault key, showing the new recovery code once on its own screen', async () => {
    const client = fakeClient();
    client.handle(
      'vault.changePassphrase',
      async () => ({ state: 'unlocked', recoveryCode: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789' }) as never,
    );
    const store = testStore(client);
    // The key is replaced in an open vault.
    store.setState((s) => ({ vault: { ...s.vault, status: { state: 'unlocked' } as never } }));
    expect(await store.getState().settings.changePassphrase('old words here', 'brand new long words', true)).toBe(true);
    expect(client.calls.at(-1)).toEqual({
      name: 'vault.changePassphrase',
      args: { currentPassphrase: 'old words here', newPassphrase: 'brand new long words', rekey: true },
    });
    expect(selectPassphraseChange(store.getState())).toEqual({ isBusy: false, isDone: true, error: null });
    expect(store.getState().vault).toMatchObject({
      screen: 'recovery-code',
      recoveryCode: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789',
      isRecoveryCodeReplaced: true,
    });
    // Confirming returns to the open vault (not to the import a new vault starts with), and forgets the code.
    store.getState().navigation.go('settings');
    store.getState().vault.confirmRecoveryCodeSaved();
    expect(store.getState().vault).toMatchObject({
      screen: 'unlocked',
      recoveryCode: null,
      isRecoveryCodeReplaced: false,
    });
    expect(store.getState().navigation.section).toBe('settings');
  });

  it('lists, saves and deletes AI access scopes, keeping the core’s refusal to show', async () => {
    const client = fakeClient();
    let saved: AiScope[] = [];
    const scope: AiScope = {
      name: 'Supplier X',
      conversationIds: [3],
      after: '2025-01-01',
      before: null,
      kinds: null,
      timeZone: 'Asia/Shanghai',
      pseudonymize: true,
    };
    client.handle('settings.aiScopes', () => saved);
    client.handle('settings.saveAiScope', (next) => {
      if (next.conversationIds.length === 0)
        throw locketError('invalid-argument', 'An assistant is granted conversations by name.');
      return (saved = [next]);
    });
    client.handle('settings.deleteAiScope', ({ name }) => (saved = saved.filter((s) => s.name !== name)));
    const store = testStore(client);
    await store.getState().settings.loadAiScopes();
    expect(store.getState().settings.aiScopes).toEqual([]);
    expect(await store.getState().settings.saveAiScope(scope)).toBe(true);
    expect(store.getState().settings.aiScopes).toEqual([scope]);
    expect(await store.getState().settings.saveAiScope({ ...scope, conversationIds: [] })).toBe(false);
    expect(store.getState().settings.aiScopesError?.message).toBe('An assistant is granted conversations by name.');
    expect(store.getState().settings.aiScopes).toEqual([scope]);
    expect(await store.getState().settings.deleteAiScope('Supplier X')).toBe(true);
    expect(store.getState().settings.aiScopes).toEqual([]);
    expect(store.getState().settings.aiScopesError).toBeNull();
  });
});
