import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdir, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE } from '../../electron/core/demo/create-demo-vault';
import type { LocketService } from '../../electron/core/service';
import { openSampleVault } from './harness/flows';
import { EN, ZH } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * Settings → Backup and Check on the sample archive: a backup to a folder chosen with Browse, a check of the vault,
 * a wipe that leaves the backup holding wiped data until Back up now runs again; in English (light) and Chinese
 * (dark, with the reminder banner).
 */
// A backup or a check reads every file of the vault: on a busy machine that can take longer than one step's 10 s.
const SLOWLY = { timeout: 60_000 };

describe('backup and check in Settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-backup-'));
  const apps: LocketApp[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up to a chosen folder, checks the vault, and lists the backup that still holds wiped data (English)', async () => {
    const app = await launchLocket({ locale: 'en-US', colorScheme: 'light', timezoneId: 'Asia/Shanghai' });
    apps.push(app);
    const { page } = app;
    await openSampleVault(page, EN, join(dir, 'En.locket'));
    await page.locator('.rail').getByRole('button', { name: EN.settings }).click();
    const backup = page.getByTestId('backup-settings');
    await backup.scrollIntoViewIfNeeded();
    await backup.getByText('Never backed up').waitFor();
    expect(await backup.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(true);

    const folder = join(dir, 'En backup');
    app.bridge.host.folders.push(folder);
    await backup.getByRole('button', { name: /Browse/ }).click();
    await expect.poll(() => backup.getByRole('textbox').inputValue()).toBe(folder);
    await backup.getByRole('button', { name: 'Back up now' }).click();
    await backup
      .getByTestId('backup-result')
      .getByText(/Backed up: \d+ files copied/)
      .waitFor(SLOWLY);
    await backup.getByTestId('backup-list').getByText(folder).waitFor();
    await app.screenshot('settings-backup-en');

    const check = page.getByTestId('check-settings');
    await check.getByRole('button', { name: 'Check now' }).click();
    await check
      .getByTestId('check-result')
      .getByText(/No problems: \d+ shards? with [\d,]+ messages/)
      .waitFor(SLOWLY);
    await check.scrollIntoViewIfNeeded();
    await app.screenshot('settings-check-en');

    // A wipe after the backup: the backup holds the wiped data until the next one.
    const conversation = (await app.service['conversations.list']())[0]!;
    const selection = { kind: 'conversation' as const, conversationId: conversation.id };
    const preview = await app.service['wipe.preview']({ selection });
    const certificate = await app.service['wipe.execute']({ selection, expectedMessages: preview.messages });
    expect(certificate.backupsHoldingData?.map((b) => b.path)).toEqual([folder]);
    await page.locator('.rail').getByRole('button', { name: EN.chats }).click();
    await page.locator('.rail').getByRole('button', { name: EN.settings }).click();
    await backup.getByTestId('backup-pending').getByText('Still holds data wiped since its last backup').waitFor();
    await backup.scrollIntoViewIfNeeded();
    await app.screenshot('settings-backup-pending-en');
    // No folder chosen: the last backup is updated, and the wiped data leaves it.
    await backup.getByRole('button', { name: 'Back up now' }).click();
    await backup
      .getByTestId('backup-result')
      .getByText('Data wiped since the last backup is now gone from it too.')
      .waitFor(SLOWLY);
    expect(await backup.getByTestId('backup-pending').count()).toBe(0);

    // A media file removed from the vault folder: the check names it.
    const media = (await readdir(join(dir, 'En.locket', 'media'), { recursive: true })).find((f) =>
      f.endsWith('.lkt'),
    )!;
    await rm(join(dir, 'En.locket', 'media', media));
    await check.getByRole('button', { name: 'Check now' }).click();
    await check.getByTestId('check-result').getByText('The check found a problem:').waitFor(SLOWLY);
    await check.getByText(`media/${media.split(sep).join('/')}`).waitFor();
    await check.scrollIntoViewIfNeeded();
    await app.screenshot('settings-check-problem-en');
  }, 180_000);

  it('shows the reminder banner and the Backup and Check settings in Chinese (dark)', async () => {
    let real: LocketService | null = null;
    const app = await launchLocket({
      locale: 'zh-CN',
      colorScheme: 'dark',
      timezoneId: 'Asia/Shanghai',
      // The core says a reminder is due only days after the last backup: the banner is shown by answering so.
      serviceOverrides: {
        'backup.list': async () => ({ ...(await real!['backup.list']()), isReminderDue: true }),
      },
    });
    real = app.service;
    apps.push(app);
    const { page } = app;
    await openSampleVault(page, ZH, join(dir, 'Zh.locket'));
    const banner = page.getByTestId('backup-reminder');
    await banner.getByText('该备份了').waitFor();
    await app.screenshot('backup-reminder-zh');
    await banner.getByRole('button', { name: '去备份' }).click();
    const backup = page.getByTestId('backup-settings');
    await backup.getByText('尚未备份').waitFor();
    const folder = join(dir, 'Zh backup');
    app.bridge.host.folders.push(folder);
    await backup.getByRole('button', { name: /浏览/ }).click();
    await backup.getByRole('button', { name: '立即备份' }).click();
    await backup
      .getByTestId('backup-result')
      .getByText(/备份完成/)
      .waitFor(SLOWLY);
    await page.locator('#setting-backup-reminder').selectOption('7');
    await expect.poll(async () => (await app.service['settings.get']()).backupReminderDays).toBe(7);
    const check = page.getByTestId('check-settings');
    await check.getByRole('button', { name: '立即检查' }).click();
    await check
      .getByTestId('check-result')
      .getByText(/没有发现问题/)
      .waitFor(SLOWLY);
    await backup.scrollIntoViewIfNeeded();
    await app.screenshot('settings-backup-zh');
    await check.scrollIntoViewIfNeeded();
    await app.screenshot('settings-check-zh');
    await banner.getByRole('button', { name: '稍后' }).click();
    expect(await banner.count()).toBe(0);

    // The backup folder opens as the vault, with a note (not a rollback warning): it is a backup made here.
    await page.locator('.rail').getByRole('button', { name: ZH.lock }).click();
    await page.getByRole('button', { name: '打开其他保险库' }).click();
    await page.locator('input[name="vault-path"]').fill(folder);
    await page.locator('input[name="passphrase"]').fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: ZH.unlock, exact: true }).click();
    const note = page.getByTestId('backup-note');
    await note.getByText('此文件夹是一个备份').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('vault-warning-rollback').count()).toBe(0);
    await page.locator('.conversation').first().waitFor();
    await app.screenshot('backup-opened-zh');
  }, 180_000);
});
