import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocketService } from '../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { PASSPHRASE } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * A vault folder restored whole from an older copy, with a leftover link in it: the app says both on every screen,
 * in both languages. Made for real: a commit after a copy, the copy put back, and a `*.tmp` link to a file outside.
 */
describe.each([
  ['en', EN, 'light', 'older than when this computer last opened it', 'left untouched'],
  ['zh-CN', ZH, 'dark', '比这台电脑上次打开时更旧', '未被处理'],
] as const)('vault warnings (%s)', (locale, labels: Labels, colorScheme, rollbackText, cleanupText) => {
  let app: LocketApp;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-warnings-'));
  const vault = join(dir, 'Restored.locket');
  const outside = join(dir, 'outside.txt');

  beforeAll(async () => {
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: vault, passphrase: PASSPHRASE });
    cpSync(vault, join(dir, 'older copy'), { recursive: true });
    // A commit this computer sees, then the folder as it was before it.
    await service['settings.update']({ autoLockMinutes: 30 });
    await service.dispose();
    rmSync(vault, { recursive: true, force: true });
    cpSync(join(dir, 'older copy'), vault, { recursive: true });
    rmSync(join(vault, 'locket.lock'), { force: true });
    writeFileSync(outside, 'not the vault’s\n');
    symlinkSync(outside, join(vault, 'stale.tmp'));
    app = await launchLocket({ locale, colorScheme, timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says on every screen that the folder went back in time and that a leftover was left alone', async () => {
    const { page } = app;
    await page.getByRole('button', { name: labels.openVault }).click();
    await page.locator('input[name="vault-path"]').fill(vault);
    await page.locator('input[name="passphrase"]').fill(PASSPHRASE);
    await page.getByRole('button', { name: labels.unlock, exact: true }).click();
    const rollback = page.getByTestId('vault-warning-rollback');
    await rollback.waitFor({ timeout: 30_000 });
    expect(await rollback.textContent()).toContain(rollbackText);
    expect(await rollback.getAttribute('title')).toContain('generation');
    const cleanup = page.getByTestId('vault-warning-cleanup');
    expect(await cleanup.textContent()).toContain(cleanupText);
    expect(await cleanup.getAttribute('title')).toContain('stale.tmp (link)');
    await page.getByRole('button', { name: labels.settings }).click();
    expect(await rollback.isVisible()).toBe(true);
    await app.screenshot(`vault-warnings-${locale === 'en' ? 'en' : 'zh-dark'}`);
  }, 60_000);
});
