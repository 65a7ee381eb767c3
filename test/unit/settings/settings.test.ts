import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { tempDir } from '../../helpers/temp-dir';

describe('settings', () => {
  it('keeps auto-lock and the scheduled wipe review in the vault, and refuses values out of range', async () => {
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    const vault = join(tempDir(), 'Settings.locket');
    await service['vault.create']({ path: vault, passphrase: 'settings passphrase' });
    expect(await service['settings.get']()).toEqual({ autoLockMinutes: 10, reviewExpiredOnUnlock: false });
    await service['settings.update']({ autoLockMinutes: 5, reviewExpiredOnUnlock: true });
    await expect(service['settings.update']({ autoLockMinutes: -1 })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await service['vault.lock']();
    await service['vault.unlock']({ path: vault, passphrase: 'settings passphrase' });
    expect(await service['settings.get']()).toEqual({ autoLockMinutes: 5, reviewExpiredOnUnlock: true });
    await service.dispose();
  });
});
