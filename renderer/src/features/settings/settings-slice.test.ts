import { describe, expect, it } from 'vitest';
import { memoryPreferences } from '../../services/preferences';
import { fakeClient, locketError, testStore, vaultSettings } from '../../store/fake-client';
import { selectIsDark, selectLocale } from './settings-slice';

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
      if (autoLockMinutes === 9999) throw locketError('invalid-argument', 'Auto-lock must be between 0 and 1440 minutes.');
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
});
