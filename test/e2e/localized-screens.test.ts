import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIosBackup } from '../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { confirmRecoveryCode, createVault, importByPath, inPage, openConversation, PASSPHRASE } from './harness/flows';
import { ZH } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * The key screens again with a Chinese system in dark mode: the app must follow both without being told, render
 * Chinese with a real CJK font, and switch theme and language from Settings. Also covers the account choice of a
 * backup with two WeChat accounts and unlocking with the recovery code.
 */
describe('Locket in the browser (简体中文, dark)', () => {
  let app: LocketApp;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-zh-'));
  let accountRoot: string;
  let iosRoot: string;
  let recoveryCode: string;
  const vaultPath = join(dir, '证据 2026.locket');
  const shoot = (name: string) => app.screenshot(`${name}-zh-dark`);

  beforeAll(async () => {
    accountRoot = (await generatePc3Backup(join(dir, 'pc'))).accountRoot;
    iosRoot = (await generateIosBackup(join(dir, 'iphone'), { secondAccount: true })).root;
    app = await launchLocket({ locale: 'zh-CN', colorScheme: 'dark', timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the system: Chinese, dark, with a CJK font', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ZH.createVault }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    // The title is drawn with a CJK face, not a fallback box: Chromium reports the font it used.
    const fonts = await page.evaluate('document.fonts.check("16px \\"Noto Sans CJK SC\\"", "保险库")');
    expect(fonts).toBe(true);
    await shoot('welcome');
  }, 30_000);

  it('creates a vault and confirms the recovery code in Chinese', async () => {
    const { page } = app;
    recoveryCode = await createVault(page, ZH, vaultPath, shoot);
    await confirmRecoveryCode(page, ZH, recoveryCode, shoot);
    await page.getByRole('heading', { name: '导入' }).waitFor();
  }, 60_000);

  it('asks which account to import when a backup holds two', async () => {
    const { page } = app;
    await page.locator('input[name="import-path"]').fill(iosRoot);
    await page.getByRole('button', { name: ZH.check, exact: true }).click();
    const choice = page.locator('.detected-card .radio-group');
    await choice.waitFor();
    expect(await choice.locator('input[type="radio"]').count()).toBe(2);
    const importButton = page.locator('.detected').getByRole('button', { name: ZH.import, exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await choice.locator('input[type="radio"]').first().check();
    expect(await importButton.isDisabled()).toBe(false);
    await shoot('import-accounts');
  }, 30_000);

  it('imports the PC backup and reports it in Chinese', async () => {
    const { page } = app;
    await importByPath(page, ZH, accountRoot, shoot);
    const report = page.getByTestId('import-report');
    expect(
      await report
        .locator('section', { hasText: ZH.notImported })
        .locator('[data-reason="not-in-backup"]')
        .textContent(),
    ).toContain('备份中没有此文件');
    await shoot('import-report');
  }, 60_000);

  it('shows the chats in Chinese: previews, day separators, cards', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ZH.openChats }).click();
    await openConversation(page, '家庭群');
    expect(
      await page.locator('.conversation', { hasText: 'Carol' }).locator('.conversation-preview').textContent(),
    ).toBe('[语音 1″]');
    expect(await page.locator('.day-separator').last().textContent()).toBe('2024年1月2日星期二');
    await shoot('chat-group');
    await openConversation(page, 'Alice (work)');
    await page.locator('.image-thumb img').first().waitFor();
    expect(await page.locator('[data-kind="transfer"] .payment-footer').textContent()).toBe('微信转账 · 向你转账');
    await shoot('chat-alice');
    await page.locator('[data-kind="record"] .link-button').click();
    expect(await page.locator('[data-kind="record"] .record-items.is-open li').count()).toBe(2);
    await page.locator('.image-thumb').first().click();
    await page.getByRole('dialog').locator('img').waitFor();
    await shoot('image-viewer');
    await page.keyboard.press('Escape');
  }, 60_000);

  it('locks and explains a wrong passphrase in Chinese', async () => {
    const { page } = app;
    await page.locator('.rail').getByRole('button', { name: ZH.lock }).click();
    await page.locator('input[name="passphrase"]').fill('错误的密码 wrong');
    await page.getByRole('button', { name: ZH.unlock, exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain(ZH.wrongPassphrase);
    await shoot('unlock-wrong');
  }, 30_000);

  it('unlocks with the recovery code and a new passphrase', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ZH.forgot }).click();
    await page.locator('#recovery-code-input').fill(recoveryCode.replace(/-/g, ' ').toLowerCase());
    expect(await page.locator('#recovery-code-input').inputValue()).toBe(recoveryCode);
    await page.locator('input[name="new-passphrase"]').fill(`${PASSPHRASE} again`);
    await page.locator('input[name="confirm-passphrase"]').fill(`${PASSPHRASE} again`);
    await shoot('recover');
    await page.getByRole('button', { name: ZH.recoverSubmit }).click();
    await page.locator('.conversation').first().waitFor();
    await app.service['vault.lock']();
    await page.locator('input[name="passphrase"]').waitFor();
    await expect(app.service['vault.unlock']({ path: vaultPath, passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await app.service['vault.unlock']({ path: vaultPath, passphrase: `${PASSPHRASE} again` });
    await page.reload();
    await page.locator('.conversation').first().waitFor();
  }, 60_000);

  it('switches theme and language from Settings and remembers them', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ZH.settings }).click();
    await shoot('settings');
    await page.getByRole('radio', { name: ZH.light }).click();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await page.getByRole('button', { name: ZH.chats }).click();
    await openConversation(page, '家庭群');
    await app.screenshot('chat-group-zh-light');
    await page.getByRole('button', { name: ZH.settings }).click();
    await page.locator('#setting-language').selectOption('en');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.getByRole('button', { name: 'Chats' }).click();
    await openConversation(page, 'Alice (work)');
    expect(await page.locator('.chat-pane').evaluate(inPage<string>('getComputedStyle(el).backgroundColor'))).toBe(
      'rgb(17, 17, 18)',
    );
    await app.screenshot('chat-alice-en-dark');
    // Both choices outlive a reload (they belong to this computer, not the vault).
    await page.reload();
    await page.locator('.conversation').first().waitFor();
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dataset.theme].join()')).toBe(
      'en,dark',
    );
  }, 60_000);
});
