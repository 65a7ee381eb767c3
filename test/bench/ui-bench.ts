import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import {
  maxMessageRows,
  openChatAndTimeFirstScreen,
  scrollBackThroughHistory,
  watchMessageRows,
} from '../e2e/harness/first-screen';
import { haveBuiltRenderer, launchLocket } from '../e2e/harness/launch';
import { BENCH_OWNER, fillBenchVault } from './bench-vault-fill';
import { fmt, heading, median, row } from './bench-util';

const REPO = resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'bench passphrase';
const LONG = { id: 1, name: '老朋友 (100k)', count: 100_000 };
const SHORT = { id: 2, name: '短聊 (50)', count: 50 };
const RUNS = 5;

/**
 * The built renderer in Debian's Chromium against the real core (the browser tests' harness), on a vault holding a
 * 100,000-message chat and a 50-message one: time from the first page of messages arriving to the first screen
 * painted (the renderer's own performance marks), median of RUNS openings each, and the most message rows the
 * DOM holds while scrolling back through the long chat.
 */
export async function benchUi(): Promise<void> {
  heading('UI: opening a 100,000-message chat in the built renderer (Chromium, real core)');
  if (!haveBuiltRenderer()) {
    row('building the renderer (out/renderer was missing)', '');
    spawnSync('npx', ['electron-vite', 'build'], {
      cwd: REPO,
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
  }
  const root = mkdtempSync(join(tmpdir(), 'locket-ui-bench-'));
  const path = join(root, 'UI.locket');
  const { session } = await VaultSession.create(path, PASSPHRASE, {
    kdf: KDF_TEST_PARAMS,
    recoveryKdf: KDF_TEST_PARAMS,
  });
  const start = Date.UTC(2020, 0, 1) / 1000;
  await fillBenchVault(session, [
    {
      id: LONG.id,
      username: 'wxid_longchat',
      name: LONG.name,
      isGroup: false,
      count: LONG.count,
      start,
      spacing: 60,
      senders: [BENCH_OWNER, 'wxid_longchat', 'wxid_longchat'],
    },
    {
      id: SHORT.id,
      username: 'wxid_short',
      name: SHORT.name,
      isGroup: false,
      count: SHORT.count,
      start: start + 30,
      spacing: 3600,
      senders: [BENCH_OWNER, 'wxid_short'],
    },
  ]);
  await session.lock();

  const app = await launchLocket({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    await app.service['vault.unlock']({ path, passphrase: PASSPHRASE });
    await app.page.reload();
    await app.page.locator('.conversation').first().waitFor({ timeout: 30_000 });
    // Ids are vault-wide: ask the core for each chat's newest, the message it opens at.
    const newest = async (conversationId: number) =>
      (await app.service['messages.list']({ conversationId, order: 'desc', limit: 1 })).messages[0]!.id;
    const longNewest = await newest(LONG.id);
    const shortNewest = await newest(SHORT.id);
    const long: number[] = [];
    const short: number[] = [];
    // Alternating, so each opening loads its chat afresh; the first pair warms the page up and is not counted.
    for (let i = 0; i <= RUNS; i++) {
      const shortMs = await openChatAndTimeFirstScreen(app.page, SHORT.name, shortNewest);
      const longMs = await openChatAndTimeFirstScreen(app.page, LONG.name, longNewest);
      if (i > 0) {
        short.push(shortMs);
        long.push(longMs);
      }
    }
    row(`first screen, 50-message chat (baseline)`, `${fmt(median(short))} ms, median of ${RUNS}`);
    row(
      `first screen, 100k-message chat`,
      `${fmt(median(long))} ms, median of ${RUNS}  (worst ${fmt(Math.max(...long))} ms; target 300 ms)`,
    );
    await watchMessageRows(app.page);
    const pagesBefore = app.bridge.calls.filter((c) => c.name === 'messages.list').length;
    await scrollBackThroughHistory(app.page, 60);
    const pages = app.bridge.calls.filter((c) => c.name === 'messages.list').length - pagesBefore;
    row(
      'most message rows in the DOM while scrolling back',
      `${await maxMessageRows(app.page)}  (${pages} older pages loaded; target at most 150)`,
    );
  } finally {
    await app.close().catch((error: unknown) => console.log(`  (the page reported: ${String(error)})`));
    rmSync(root, { recursive: true, force: true });
  }
}
