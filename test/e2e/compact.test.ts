import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import type { CompactProgress } from '../../electron/ipc/contract';
import { createUncompressedDemoVault } from '../fixtures/uncompressed-vault';
import { inPage, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, SAMPLE_PATH, type LocketApp } from './harness/launch';

/**
 * Settings → Storage on a vault written before compression (the sample archive, uncompressed, in about ten shards):
 * it says how much is still uncompressed, Compact now shows its progress to the end and the sizes before and after,
 * and the vault then opens again with the very same messages, every file compressed. English (light), Chinese (dark).
 */

/** Every message of the vault as text, sorted: what compaction must keep exactly. */
async function messagesOf(dir: string, passphrase: string): Promise<string[]> {
  const session = await VaultSession.open(dir, { passphrase }, { removesLeftovers: false });
  try {
    const rows: string[] = [];
    for (const entry of session.listShards())
      for (const row of all<Record<string, unknown>>(
        await session.shard(entry),
        'SELECT conversation_id, time, kind, text, payload FROM messages',
      ))
        rows.push(JSON.stringify(row));
    return rows.sort();
  } finally {
    await session.lock();
  }
}

/** The file version of the catalog and of each shard on disk (FORMAT.md, "Encrypted files"). */
function versions(dir: string): Set<number> {
  const shards = readdirSync(join(dir, 'shards')).map((name) => join('shards', name));
  return new Set(['catalog.lkt', ...shards].map((path) => readFileSync(join(dir, path))[4]!));
}

const TEXTS = {
  en: {
    title: 'Storage',
    browse: /Browse/,
    backUp: 'Back up now',
    backedUp: /Backed up: \d+ files copied/,
    waitForOther: 'An import, a backup or a wipe is running. Compact the vault when it has finished.',
    uncompressed: /^\d+ of \d+ files, [\d.]+ [kM]B$/,
    compact: 'Compact now',
    compacting: 'Compacting…',
    progress: /^\d+ of \d+ files, [\d.]+ k?B of [\d.]+ kB$|^Saving…$/,
    done: /^Compacted: the catalog and shards took [\d.]+ [kM]B, and now take [\d.]+ kB \([\d.]+× smaller\)\.$/,
    allCompressed: /^All \d+ files \(the catalog and the message shards, [\d.]+ kB\) are compressed\./,
    outdated:
      /^\d+ of \d+ files, [\d.]+ [kM]B: written by an older Locket, with a larger search index or no phrase filter$/,
  },
  zh: {
    title: '存储',
    browse: /浏览/,
    backUp: '立即备份',
    backedUp: /备份完成/,
    waitForOther: '正在进行导入、备份或清除，请等它完成后再压缩保险库。',
    uncompressed: /^\d+ 个文件中的 \d+ 个，共 [\d.]+ [kM]B$/,
    compact: '立即压缩',
    compacting: '正在压缩…',
    progress: /^已处理 \d+ \/ \d+ 个文件（[\d.]+ k?B \/ [\d.]+ kB）$|^正在保存…$/,
    done: /^压缩完成：目录和分片从 [\d.]+ [kM]B 减小到 [\d.]+ kB（压缩比 [\d.]+ : 1）。$/,
    allCompressed: /^全部 \d+ 个文件（目录和消息分片，共 [\d.]+ kB）都已压缩/,
    outdated: /^\d+ 个文件中的 \d+ 个，共 [\d.]+ [kM]B：由旧版 Locket 写入，搜索索引较大或没有短语过滤器$/,
  },
};

describe.each([
  ['en', EN, 'en-US', 'light'],
  ['zh', ZH, 'zh-CN', 'dark'],
] as const)('compacting an old vault from Settings (%s)', (lang, labels: Labels, locale, colorScheme) => {
  const texts = TEXTS[lang];
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-compact-'));
  const vault = join(dir, 'Old.locket');
  let passphrase = '';
  let before: string[] = [];
  let app: LocketApp;

  beforeAll(async () => {
    // About ten shards of the sample archive: several files to go through, one at a time.
    passphrase = await createUncompressedDemoVault(vault, SAMPLE_PATH, 96 * 1024);
    expect(versions(vault)).toEqual(new Set([1]));
    before = await messagesOf(vault, passphrase);
    expect(before.length).toBeGreaterThan(100);
    app = await launchLocket({ locale, colorScheme, timezoneId: 'Asia/Shanghai' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows what is uncompressed, compacts with progress to the end, and the vault opens with the same messages', async () => {
    const { page } = app;
    await page.getByRole('button', { name: labels.openVault }).click();
    await page.locator('input[name="vault-path"]').fill(vault);
    await page.locator('input[name="passphrase"]').fill(passphrase);
    await page.getByRole('button', { name: labels.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor({ timeout: 30_000 });
    const conversations = await page.locator('.conversation').count();

    await page.locator('.rail').getByRole('button', { name: labels.settings }).click();
    const storage = page.getByTestId('storage-settings');
    await storage.getByRole('heading', { name: texts.title }).waitFor();
    const status = await app.service['vault.compactStatus']();
    expect(status.uncompressedFiles).toBe(status.files);
    expect(status.files).toBeGreaterThan(5);
    const uncompressed = storage.getByTestId('storage-uncompressed');
    expect((await uncompressed.textContent())?.trim()).toMatch(texts.uncompressed);
    expect(await uncompressed.textContent()).toContain(String(status.files));
    await storage.scrollIntoViewIfNeeded();
    await app.screenshot(`settings-storage-old-${lang}`);

    // While a backup runs from this window, Compact now waits, and says why.
    const backup = page.getByTestId('backup-settings');
    app.bridge.host.folders.push(join(dir, `Backup ${lang}`));
    await backup.getByRole('button', { name: texts.browse }).click();
    const backupGate = app.bridge.hold('backup.run');
    await backup.getByRole('button', { name: texts.backUp }).click();
    await storage.getByText(texts.waitForOther).waitFor();
    expect(await storage.getByRole('button', { name: texts.compact }).isDisabled()).toBe(true);
    await storage.scrollIntoViewIfNeeded();
    await app.screenshot(`settings-storage-waiting-${lang}`);
    backupGate.release();
    await backup.getByTestId('backup-result').getByText(texts.backedUp).waitFor({ timeout: 60_000 });
    expect(await storage.getByRole('button', { name: texts.compact }).isDisabled()).toBe(false);
    expect(await storage.getByText(texts.waitForOther).count()).toBe(0);
    // The backup's own commit wrote the catalog compressed: the shards are left, as Storage now says.
    const shards = await app.service['vault.compactStatus']();
    expect(shards).toMatchObject({ files: status.files, uncompressedFiles: status.files - 1 });
    expect(await uncompressed.textContent()).toContain(String(status.files - 1));

    // Every text the progress line shows, recorded in the page as it changes: the run is too quick to poll.
    await storage.evaluate(
      inPage(`(() => {
        window.__progressSeen = [];
        new MutationObserver(() => {
          const line = el.querySelector('[data-testid="storage-progress"] .field-help');
          const text = line && line.textContent;
          if (text && window.__progressSeen.at(-1) !== text) window.__progressSeen.push(text);
        }).observe(el, { subtree: true, childList: true, characterData: true });
      })()`),
    );
    // Held at first, to look at the running state; then the real compaction runs in the core.
    const gate = app.bridge.hold('vault.compact');
    await storage.getByRole('button', { name: texts.compact }).click();
    const progress = storage.getByTestId('storage-progress');
    await progress.waitFor();
    await progress.getByText(texts.compacting).waitFor();
    expect(await progress.getByRole('progressbar').getAttribute('aria-label')).toBe(texts.compacting);
    await app.screenshot(`settings-storage-compacting-${lang}`);
    gate.release();

    const result = storage.getByTestId('storage-result');
    await result.waitFor({ timeout: 60_000 });
    expect((await result.textContent())?.trim()).toMatch(texts.done);
    expect(await progress.count()).toBe(0);
    // The progress the page was sent went file by file up to done, and the page showed it.
    const events = app.bridge.events
      .filter((e) => e.event === 'vault.compactProgress')
      .map((e) => e.payload as CompactProgress);
    const rewriting = events.filter((e) => e.phase === 'rewriting').map((e) => e.files);
    expect(rewriting).toEqual(Array.from({ length: shards.uncompressedFiles + 1 }, (_, i) => i));
    expect(events.at(-1)).toMatchObject({ phase: 'done', totalFiles: shards.uncompressedFiles });
    const seen = (await page.evaluate('window.__progressSeen')) as string[];
    // "Compacting…" while held, then counts of files as they were written (at least one shown), then "Saving…".
    expect(seen[0]).toBe(texts.compacting);
    for (const text of seen.slice(1)) expect(text).toMatch(texts.progress);
    expect(seen.filter((text) => /\d/.test(text)).length, seen.join(' | ')).toBeGreaterThan(0);
    // Nothing left to compact: the button is gone, a sentence says so.
    await storage.getByTestId('storage-all-compressed').waitFor();
    expect((await storage.getByTestId('storage-all-compressed').textContent())?.trim()).toMatch(texts.allCompressed);
    expect(await storage.getByRole('button', { name: texts.compact }).count()).toBe(0);
    await storage.scrollIntoViewIfNeeded();
    await app.screenshot(`settings-storage-done-${lang}`);

    // Locked and opened again: the same chats, and on disk the same messages, every file compressed (the catalog of
    // version 2, each shard of version 3, with its phrase filter).
    await page.locator('.rail').getByRole('button', { name: labels.lock }).click();
    await page.locator('input[name="passphrase"]').fill(passphrase);
    await page.getByRole('button', { name: labels.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.conversation').count(), PATIENTLY).toBe(conversations);
    await page.locator('.conversation').first().click();
    await page.locator('.message, .system-line').first().waitFor();
    await app.service['vault.lock']();
    expect(versions(vault)).toEqual(new Set([2, 3]));
    expect(await messagesOf(vault, passphrase)).toEqual(before);
  }, 180_000);

  it('says which shards an older shard format wrote, and compacts them into the current one', async () => {
    // As Locket 0.2 left its shards: compressed, recorded before the catalog knew shard formats.
    const session = await VaultSession.open(vault, { passphrase }, { removesLeftovers: false });
    const shardCount = session.listShards().length;
    await session.write((w) => w.catalog.exec('UPDATE shards SET shard_version = 0'));
    await session.lock();

    const { page } = app;
    await page.locator('input[name="passphrase"]').fill(passphrase);
    await page.getByRole('button', { name: labels.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor({ timeout: 30_000 });
    await page.locator('.rail').getByRole('button', { name: labels.settings }).click();
    const storage = page.getByTestId('storage-settings');
    const outdated = storage.getByTestId('storage-outdated');
    await outdated.waitFor();
    expect((await outdated.textContent())?.trim()).toMatch(texts.outdated);
    expect(await app.service['vault.compactStatus']()).toMatchObject({
      uncompressedFiles: 0,
      outdatedFiles: shardCount,
    });
    // Nothing is uncompressed: only the older format is named.
    expect(await storage.getByTestId('storage-uncompressed').count()).toBe(0);
    await storage.scrollIntoViewIfNeeded();
    await app.screenshot(`settings-storage-outdated-${lang}`);

    await storage.getByRole('button', { name: texts.compact }).click();
    await storage.getByTestId('storage-all-compressed').waitFor({ timeout: 60_000 });
    expect(await app.service['vault.compactStatus']()).toMatchObject({ uncompressedFiles: 0, outdatedFiles: 0 });
    await app.service['vault.lock']();
    expect(await messagesOf(vault, passphrase)).toEqual(before);
  }, 120_000);
});
