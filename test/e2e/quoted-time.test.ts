import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GROUP_TEXT,
  OLDER_QUOTED_TEXT,
  OLDER_QUOTED_TIME,
  generatePc3Backup,
  svrid,
} from '../fixtures/generate-pc3-backup';
import { confirmRecoveryCode, createVault, importByPath, openConversation, PATIENTLY } from './harness/flows';
import { EN, ZH } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * Issue 21: a quote shows when the quoted message was sent, as WeChat does, also when that message is nowhere near
 * (here it is older than the backup, so the vault never held it): the time comes from the quote's own
 * `refermsg/createtime`. Both languages, in the chosen zone; "go to" still marks a quoted message that is there.
 */
describe.each([
  {
    locale: 'en-US',
    labels: EN,
    suffix: 'en',
    // 2023-06-15 09:30:07 UTC in Shanghai, in the app's date and time formats.
    shown: 'Jun 15, 2023 17:30',
    notInVault: 'is not in this vault',
  },
  {
    locale: 'zh-CN',
    labels: ZH,
    suffix: 'zh',
    shown: '2023年6月15日 17:30',
    notInVault: '不在此保险库中',
  },
])('a quote of a message the vault does not hold ($suffix)', ({ locale, labels, suffix, shown, notInVault }) => {
  let app: LocketApp;
  let accountRoot: string;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-quote-'));

  beforeAll(async () => {
    accountRoot = (await generatePc3Backup(join(dir, 'backup'), { withQuoteOfOlderMessage: true })).accountRoot;
    app = await launchLocket({ locale, colorScheme: 'light', timezoneId: 'Asia/Shanghai' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows when the quoted message was sent, from the quote itself, and says it is not in the vault', async () => {
    const { page, service } = app;
    const code = await createVault(page, labels, join(dir, 'Quotes.locket'));
    await confirmRecoveryCode(page, labels, code);
    await importByPath(page, labels, accountRoot);
    await page.getByRole('button', { name: labels.openChats }).click();
    await openConversation(page, '家庭群');

    // The quoted message was never imported: nothing nearby could have given its time.
    const held = await service['messages.list']({ limit: 500 });
    expect(held.messages.some((m) => m.serverId === svrid(41))).toBe(false);

    const quote = page.locator('.message[data-kind="quote"]', { hasText: OLDER_QUOTED_TEXT });
    const time = quote.locator('.quoted-time');
    await time.waitFor();
    expect(await time.textContent()).toBe(shown);
    expect(await time.getAttribute('datetime')).toBe(new Date(OLDER_QUOTED_TIME * 1000).toISOString());
    await quote.scrollIntoViewIfNeeded();
    await app.screenshot(`quote-time-not-nearby-${suffix}`);

    // "Go to" cannot show a message the vault does not hold: the chat stays, and the notice says when it was sent.
    await quote.locator('.quoted').click();
    const toast = page.locator('.toast');
    await expect.poll(() => toast.textContent(), PATIENTLY).toContain(notInVault);
    expect(await toast.textContent()).toContain('2023');
    await app.screenshot(`quote-not-in-vault-${suffix}`);

    // A quote of a message that is there still jumps to it and marks it.
    const nearby = page.locator('.message[data-kind="quote"]', { hasText: '几点开始' });
    expect(await nearby.locator('.quoted-time').textContent()).toMatch(/\d{2}:\d{2}$/);
    await nearby.locator('.quoted').click();
    await page.locator('.message.is-highlighted', { hasText: GROUP_TEXT.split('\n')[0]! }).waitFor();
  }, 120_000);
});
