import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePc3Backup, PC3_FACTS } from '../fixtures/generate-pc3-backup';
import {
  confirmRecoveryCode,
  createVault,
  importByPath,
  inPage,
  openConversation,
  PASSPHRASE,
  PATIENTLY,
} from './harness/flows';
import { EN } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * The everyday path through the app, in English and the light theme, against the real core: create a vault,
 * confirm the recovery code, import the PC 3.x fixture by path, read the report, browse the group chat and
 * Alice's chat, lock, fail to unlock, unlock.
 */
describe('Locket in the browser (English, light)', () => {
  let app: LocketApp;
  let accountRoot: string;
  let vaultPath: string;
  // Not helpers/temp-dir: that one empties itself after every test, and these tests share one vault.
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-'));
  const shoot = (name: string) => app.screenshot(`${name}-en`);

  beforeAll(async () => {
    accountRoot = (await generatePc3Backup(join(dir, 'backup'))).accountRoot;
    vaultPath = join(dir, 'Evidence 2026.locket');
    app = await launchLocket({ locale: 'en-US', colorScheme: 'light', timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a vault and will not go on until the recovery code is confirmed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: EN.createVault }).waitFor();
    await shoot('welcome');
    const code = await createVault(page, EN, vaultPath, shoot);
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await confirmRecoveryCode(page, EN, code, shoot);
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    expect(app.bridge.calls.find((c) => c.name === 'vault.create')?.args).toEqual({
      path: vaultPath,
      passphrase: PASSPHRASE,
    });
  }, 60_000);

  it('imports the PC 3.x backup by path and reports what was and was not imported', async () => {
    const { page } = app;
    // A dropped folder: the page has no File.path (only older Electron gave one), so it asks for the path instead.
    const drop = async (path: string | null) => {
      const transfer = await page.evaluateHandle(
        `(() => { const t = new DataTransfer(); const f = new File(['x'], 'wxid_owner'); ${path ? `Object.defineProperty(f, 'path', { value: ${JSON.stringify(path)} });` : ''} t.items.add(f); return t; })()`,
      );
      await page.locator('.drop-zone').dispatchEvent('dragover', { dataTransfer: transfer });
      await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    };
    await drop(null);
    await page.getByText('The drop did not tell Locket where the folder is.', { exact: false }).waitFor();
    // Where the host does give a path, a drop goes straight to detection.
    await drop(accountRoot);
    await page.locator('.detected-card').waitFor();
    expect(app.bridge.calls.filter((c) => c.name === 'import.detect').at(-1)?.args).toEqual({ paths: [accountRoot] });
    // Browse asks the host's folder picker ('dialog.pickFolder'); here the harness answers for the desktop.
    app.bridge.host.folders.push(accountRoot);
    await page.locator('.import-picker').getByRole('button', { name: 'Folder…' }).click();
    await expect.poll(() => page.locator('input[name="import-path"]').inputValue(), PATIENTLY).toBe(accountRoot);
    expect(app.bridge.calls.find((c) => c.name === 'dialog.pickFolder')?.args).toEqual({ purpose: 'import-source' });
    await importByPath(page, EN, accountRoot, shoot);
    const detected = app.bridge.calls.find((c) => c.name === 'import.detect');
    expect(detected?.ok).toBe(true);
    expect(app.bridge.events.filter((e) => e.event === 'import.progress').length).toBeGreaterThan(0);
    const report = page.getByTestId('import-report');
    const stat = (label: string) => report.locator(`.stat:has(dt:text-is("${label}")) dd`).textContent();
    expect(await stat('Messages imported')).toBe(String(PC3_FACTS.uniqueMessages));
    expect(await stat('Already in the vault')).toMatch(/^1Skipped/);
    const losses = report.locator('section', { hasText: EN.notImported });
    expect(await losses.locator('[data-reason="path-outside-backup"]').textContent()).toContain(
      'pointed outside the backup folder',
    );
    expect(await losses.locator('[data-reason="not-in-backup"]').count()).toBe(1);
    await shoot('import-report');
  }, 60_000);

  it('lists the conversations and shows the group chat like WeChat', async () => {
    const { page } = app;
    await page.getByRole('button', { name: EN.openChats }).click();
    await page.locator('.conversation').first().waitFor();
    expect(await page.locator('.conversation').count()).toBe(3);
    await openConversation(page, '家庭群');
    const chat = page.locator('.message-list');
    // Sender names in the group, the quote under the reply, the system line, and the missing image's reason.
    expect(await chat.locator('.message-sender', { hasText: '群里的Bob' }).count()).toBeGreaterThan(0);
    expect(await chat.locator('.quoted').textContent()).toContain('大家好');
    expect(await chat.locator('.system-line').first().textContent()).toContain('加入了群聊');
    expect(await chat.locator('[data-missing-reason="path-outside-backup"]').count()).toBe(1);
    expect(
      await chat
        .locator('[data-kind="text"] .bubble', { hasText: '注意:' })
        .evaluate(inPage<string>('getComputedStyle(el).whiteSpace')),
    ).toBe('pre-wrap');
    await shoot('chat-group');
    // The quote jumps to the message it quotes and marks it.
    await chat.locator('.quoted').click();
    await chat.locator('.message.is-highlighted', { hasText: '大家好' }).waitFor();
  }, 60_000);

  it('opens an image at full size and closes it with Esc', async () => {
    const { page } = app;
    await openConversation(page, 'Alice (work)');
    const thumb = page.locator('.image-thumb img').first();
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    await shoot('chat-alice');
    await page.locator('.image-thumb').first().click();
    const viewer = page.getByRole('dialog');
    await viewer.locator('img').waitFor();
    expect(await viewer.locator('img').evaluate(inPage<number>('el.naturalWidth'))).toBe(16);
    await shoot('image-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    // Voice: the length and a play button (playback itself: media.test.ts).
    const voice = page.locator('[data-kind="voice"]').first();
    expect(await voice.locator('.voice-duration').textContent()).toBe('3″');
    expect(await voice.locator('.voice-play').getAttribute('aria-label')).toBe('Play');
  }, 60_000);

  it('asks before opening a link, and never navigates the app', async () => {
    const { page } = app;
    const url = page.url();
    await page.locator('[data-kind="link"] .card.is-clickable').first().click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('.link-url').textContent()).toBe('https://example.com/a?x=1&y=2');
    await shoot('link-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
  }, 30_000);

  it('focuses the conversation filter with Ctrl+K and filters as you type', async () => {
    const { page } = app;
    await page.locator('.chat-header h1').click();
    await page.keyboard.press('Control+k');
    expect(await page.evaluate('document.activeElement?.id')).toBe('conversation-filter');
    await page.keyboard.type('carol');
    await expect.poll(() => page.locator('.conversation').count(), PATIENTLY).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.conversation').count(), PATIENTLY).toBe(3);
  }, 30_000);

  it('saves the auto-lock time to the vault', async () => {
    const { page } = app;
    await page.getByRole('button', { name: EN.settings }).click();
    await page.locator('#setting-autolock').selectOption('5');
    await expect.poll(async () => (await app.service['settings.get']()).autoLockMinutes, PATIENTLY).toBe(5);
    await shoot('settings');
  }, 30_000);

  it('locks, refuses a wrong passphrase in plain words, and unlocks with the right one', async () => {
    const { page } = app;
    await page.locator('.rail').getByRole('button', { name: EN.lock }).click();
    await page.locator('input[name="passphrase"]').waitFor();
    expect((await app.service['vault.status']()).state).toBe('locked');
    await page.locator('input[name="passphrase"]').fill('not my passphrase');
    await page.getByRole('button', { name: EN.unlock, exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(EN.wrongPassphrase);
    expect(await alert.getAttribute('data-error-code')).toBe('wrong-passphrase');
    expect(await page.locator('input[name="passphrase"]').getAttribute('aria-invalid')).toBe('true');
    await shoot('unlock-wrong');
    await page.locator('input[name="passphrase"]').fill(PASSPHRASE);
    await page.getByRole('button', { name: EN.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor();
  }, 60_000);

  it('returns to the unlock screen when the vault locks itself', async () => {
    const { page } = app;
    await app.lockFromOutside('idle');
    await page.locator('input[name="passphrase"]').waitFor();
    await page.locator('.notice.is-info').waitFor();
    await shoot('unlock-after-idle');
  }, 30_000);
});
