import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE } from '../../electron/core/demo/create-demo-vault';
import { openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

const NEW_PASSPHRASE = 'lantern orchard velvet compass';

/** HH:MM of a moment in a zone, as the chat shows it (24-hour clock). */
function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/**
 * Settings and statistics on the sample archive: change the passphrase (a wrong current one first), lock and unlock
 * with the new one, switch the time zone and watch a message's time move, then the vault's and a chat's stats,
 * in English (light) and Chinese (dark).
 */
describe('settings and statistics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-settings-'));
  let app: LocketApp | undefined;

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes the passphrase, then locks and unlocks only with the new one (English, light)', async () => {
    app = await launchLocket({ locale: 'en-US', colorScheme: 'light', timezoneId: 'Asia/Shanghai' });
    const { page } = app;
    await openSampleVault(page, EN, join(dir, 'En.locket'));
    await page.locator('.rail').getByRole('button', { name: EN.settings }).click();
    const form = page.locator('form.change-passphrase');
    await form.scrollIntoViewIfNeeded();
    await form.locator('input[name="current-passphrase"]').fill('not the passphrase');
    await form.locator('input[name="new-passphrase"]').fill(NEW_PASSPHRASE);
    await form.locator('input[name="confirm-passphrase"]').fill(NEW_PASSPHRASE);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await form.getByText('The current passphrase is not right. Nothing was changed.').waitFor();
    expect(await form.locator('input[name="current-passphrase"]').getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('settings-passphrase-wrong-en');

    // The KDF runs while the request is held: the form shows it is busy and takes no second submit.
    const gate = app.bridge.hold('vault.changePassphrase');
    await form.locator('input[name="current-passphrase"]').fill(DEMO_PASSPHRASE);
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await expect.poll(() => gate.waiting(), PATIENTLY).toBe(1);
    expect(await form.getAttribute('aria-busy')).toBe('true');
    expect(await form.getByRole('button', { name: 'Changing… deriving the new key' }).isDisabled()).toBe(true);
    gate.release();
    await form.getByRole('status').getByText('Passphrase changed.', { exact: false }).waitFor();
    expect(await form.locator('input[name="current-passphrase"]').inputValue()).toBe('');
    await app.screenshot('settings-passphrase-changed-en');

    await page.locator('.rail').getByRole('button', { name: EN.lock }).click();
    await page.locator('input[name="passphrase"]').fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: EN.unlock, exact: true }).click();
    await page.getByRole('alert').getByText(EN.wrongPassphrase).waitFor();
    await page.locator('input[name="passphrase"]').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: EN.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor();
  }, 120_000);

  it('shows times in the chosen zone, and sends it with searches', async () => {
    const { page } = app!;
    await page.locator('.rail').getByRole('button', { name: EN.chats }).click();
    await page.locator('.conversation').first().click();
    const time = page.locator('.message-list .message-time').last();
    await time.waitFor();
    const iso = (await time.getAttribute('datetime'))!;
    expect(await time.textContent()).toBe(clock(iso, 'Asia/Shanghai'));

    await page.locator('.rail').getByRole('button', { name: EN.settings }).click();
    await page.locator('input[name="time-zone-filter"]').fill('new york');
    const select = page.locator('#setting-time-zone');
    // The filter narrows about 420 zones to the one asked for; "System" stays first while it is the choice.
    expect(await select.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/^System \(China Standard Time \(Asia\/Shanghai\) GMT\+8\)$/),
      expect.stringMatching(/^Eastern Time \(America\/New York\) GMT-[45]$/),
    ]);
    await select.selectOption('America/New_York');
    await page.locator('input[name="time-zone-filter"]').fill('');
    await page.getByText(/Now there: .* Eastern Time \(America\/New York\)\./).waitFor();
    await app!.screenshot('settings-en');

    await page.locator('.rail').getByRole('button', { name: EN.chats }).click();
    await expect
      .poll(() => page.locator('.message-list .message-time').last().textContent(), PATIENTLY)
      .toBe(clock(iso, 'America/New_York'));
    expect(clock(iso, 'America/New_York')).not.toBe(clock(iso, 'Asia/Shanghai'));

    await page.keyboard.press('Control+f');
    await page.locator('.search-input').fill('after:2026-01-01');
    await expect
      .poll(() => app!.bridge.calls.filter((c) => c.name === 'search.query').length, PATIENTLY)
      .toBeGreaterThan(0);
    expect(app!.bridge.calls.find((c) => c.name === 'search.query')?.args).toMatchObject({
      timeZone: 'America/New_York',
    });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('shows the vault’s signing key fingerprint, as `locket info` prints it, and copies it', async () => {
    const { page, service } = app!;
    const fingerprint = (await service['vault.status']()).signingKeyFingerprint!;
    expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    await page.locator('.rail').getByRole('button', { name: EN.settings }).click();
    const shown = page.getByTestId('signing-key-fingerprint');
    await shown.scrollIntoViewIfNeeded();
    expect(await shown.textContent()).toBe(fingerprint);
    expect(await page.getByText('Signing key fingerprint', { exact: true }).count()).toBe(1);
    expect(await page.getByText(/give this fingerprint to recipients another way than with the files/).count()).toBe(1);
    await page.getByRole('button', { name: 'Copy fingerprint' }).click();
    await page.getByText('Fingerprint copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(fingerprint);
    await app!.screenshot('settings-signing-key-en');
  }, 60_000);

  it('charts the vault’s and a chat’s messages per month and per person', async () => {
    const { page, service } = app!;
    await page.locator('.rail').getByRole('button', { name: 'Stats' }).click();
    const months = page.getByTestId('stats-months');
    await months.locator('rect.chart-bar').first().waitFor();
    const vault = await service['stats.messages']({ timeZone: 'America/New_York', topSenders: 12 });
    expect(await page.getByTestId('stats-summary').textContent()).toContain(
      `${vault.total.toLocaleString('en-US')} messages`,
    );
    expect(await months.locator('rect.chart-bar').count()).toBe(vault.months.filter((m) => m.messages > 0).length);
    expect(await page.getByText('Calendar months in Eastern Time (America/New York)').count()).toBe(1);
    expect(await page.getByTestId('stats-people').locator('.chart-person').count()).toBeGreaterThan(1);
    await app!.screenshot('stats-vault-en');

    await page.locator('.rail').getByRole('button', { name: EN.chats }).click();
    await page.locator('.conversation').first().click();
    const name = (await page.locator('.chat-header h1').textContent())!;
    await page.locator('.chat-header').getByRole('button', { name: 'Stats' }).click();
    await expect
      .poll(() => page.locator('select[name="stats-scope"] option:checked').textContent(), PATIENTLY)
      .toBe(name.replace(/Group$/, '').trim());
    const call = app!.bridge.calls.filter((c) => c.name === 'stats.messages').at(-1);
    expect(call?.args).toMatchObject({ conversationId: expect.any(Number), timeZone: 'America/New_York' });
    await page.getByTestId('stats-people').locator('.chart-person').first().waitFor();
    await app!.screenshot('stats-conversation-en');
  }, 60_000);

  it('reads well in Chinese and in the dark theme', async () => {
    await app?.close();
    app = await launchLocket({ locale: 'zh-CN', colorScheme: 'dark', timezoneId: 'Asia/Shanghai' });
    const { page } = app;
    await openSampleVault(page, ZH, join(dir, 'Zh.locket'));
    await page.locator('.rail').getByRole('button', { name: ZH.settings }).click();
    await page.getByText('跟随系统（中国标准时间 (Asia/Shanghai) GMT+8）').first().waitFor({ state: 'attached' });
    await app.screenshot('settings-zh-dark');
    await page.locator('form.change-passphrase').scrollIntoViewIfNeeded();
    await page.locator('input[name="new-passphrase"]').fill('abc');
    await app.screenshot('settings-passphrase-zh-dark');
    const fingerprint = (await app.service['vault.status']()).signingKeyFingerprint!;
    const shown = page.getByTestId('signing-key-fingerprint');
    await shown.scrollIntoViewIfNeeded();
    expect(await shown.textContent()).toBe(fingerprint);
    expect(await page.getByText('签名密钥指纹', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '复制指纹' }).click();
    await page.getByText('指纹已复制。').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(fingerprint);
    await app.screenshot('settings-signing-key-zh-dark');

    await page.locator('.rail').getByRole('button', { name: '统计' }).click();
    await page.getByTestId('stats-months').locator('rect.chart-bar').first().waitFor();
    expect(await page.getByText('按 中国标准时间 (Asia/Shanghai) 的日历月份').count()).toBe(1);
    await app.screenshot('stats-vault-zh-dark');

    await page.locator('.rail').getByRole('button', { name: ZH.chats }).click();
    await page.locator('.conversation').nth(1).click();
    await page.locator('.chat-header').getByRole('button', { name: '统计' }).click();
    await page.getByTestId('stats-people').locator('.chart-person').first().waitFor();
    await app.screenshot('stats-conversation-zh-dark');
  }, 120_000);
});
