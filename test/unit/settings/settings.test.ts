import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { tempDir } from '../../helpers/temp-dir';

describe('settings', () => {
  it('keeps auto-lock, the scheduled wipe review and the backup reminder in the vault, and refuses values out of range', async () => {
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    const vault = join(tempDir(), 'Settings.locket');
    await service['vault.create']({ path: vault, passphrase: 'settings passphrase' });
    expect(await service['settings.get']()).toEqual({
      autoLockMinutes: 10,
      reviewExpiredOnUnlock: false,
      backupReminderDays: 0,
    });
    await service['settings.update']({ autoLockMinutes: 5, reviewExpiredOnUnlock: true, backupReminderDays: 14 });
    await expect(service['settings.update']({ backupReminderDays: 1.5 })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(service['settings.update']({ autoLockMinutes: -1 })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await service['vault.lock']();
    await service['vault.unlock']({ path: vault, passphrase: 'settings passphrase' });
    expect(await service['settings.get']()).toEqual({
      autoLockMinutes: 5,
      reviewExpiredOnUnlock: true,
      backupReminderDays: 14,
    });
    await service.dispose();
  });
});
