import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateMemoTraceVariants,
  PAIRED_MESSAGES,
  VARIANT_PEER,
  VARIANT_PEER_REMARK,
} from '../fixtures/generate-memotrace-variants';
import { confirmRecoveryCode, createVault } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * A whole MemoTrace export folder in one go, in both languages: the picker says what the folder holds and asks for
 * the zone of its local times; the report has a row per file and lists the files that are not chats.
 */
describe.each([
  ['en', EN, 'light'],
  ['zh-CN', ZH, 'dark'],
] as const)('importing an export folder (%s)', (locale, labels: Labels, colorScheme) => {
  let app: LocketApp;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-folder-'));
  const root = join(dir, 'MemoTrace');
  const shoot = (name: string) => app.screenshot(`${name}-${locale === 'en' ? 'en' : 'zh'}`);
  const text =
    locale === 'en'
      ? {
          folder: 'Folder of export files',
          csv: 'MemoTrace (WeChatMsg) CSV export',
          zone: 'Time zone of the export',
          perFile: 'Per file',
          notRead: 'not chat exports and were not read',
        }
      : {
          folder: '导出文件所在的文件夹',
          csv: '留痕（MemoTrace / WeChatMsg）导出的 CSV',
          zone: '导出文件的时区',
          perFile: '按文件统计',
          notRead: '不是聊天记录导出，未读取',
        };

  beforeAll(async () => {
    generateMemoTraceVariants(root);
    const paired = join(root, 'data', '聊天记录', `${VARIANT_PEER_REMARK}(${VARIANT_PEER})`);
    writeFileSync(join(paired, `${VARIANT_PEER_REMARK}.html`), '<!doctype html><title>chat</title>');
    mkdirSync(join(paired, 'image'));
    writeFileSync(join(paired, 'image', 'p1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    app = await launchLocket({ locale, colorScheme, timezoneId: 'Europe/Berlin' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what the folder holds, takes the zone of its times, and reports per file', async () => {
    const { page } = app;
    await confirmRecoveryCode(page, labels, await createVault(page, labels, join(dir, 'Folder.locket')));
    await page.locator('input[name="import-path"]').fill(root);
    await page.getByRole('button', { name: labels.check, exact: true }).click();
    const card = page.locator('.detected-card');
    await card.waitFor();
    expect(await card.locator('.detected-format').textContent()).toBe(text.folder);
    expect(await card.locator('.folder-formats').textContent()).toContain(`6 × ${text.csv}`);
    const zone = page.locator('#import-time-zone');
    expect(await page.locator('.import-options label', { hasText: text.zone }).count()).toBe(1);
    await page.locator('input[name="import-time-zone-filter"]').fill('shanghai');
    await zone.selectOption('Asia/Shanghai');
    await shoot('import-folder-detected');

    await page.locator('.detected').getByRole('button', { name: labels.import, exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    expect(app.bridge.calls.find((c) => c.name === 'import.run')?.args).toMatchObject({
      paths: [root],
      timeZone: 'Asia/Shanghai',
    });
    const files = report.locator('section', { hasText: text.perFile }).locator('tbody tr');
    expect(await files.count()).toBe(8);
    expect(await report.getByTestId('report-unrecognized').textContent()).toContain(text.notRead);
    expect(await report.locator('[data-reason="media-or-page"]').count()).toBe(2);
    await shoot('import-folder-report');

    // The paired chat's TXT and CSV are one conversation: each message once.
    const conversations = await app.service['conversations.list']();
    expect(conversations.find((c) => c.username === VARIANT_PEER)?.messageCount).toBe(PAIRED_MESSAGES.length);
  }, 120_000);
});
