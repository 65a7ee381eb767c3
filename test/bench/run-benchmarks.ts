/** `npm run bench`: Locket's speed and memory figures, each beside a baseline measured in the same run. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchBackup } from './backup-bench';
import { benchCatalog } from './catalog-bench';
import { benchChatPage } from './chat-page-bench';
import { benchExport } from './export-bench';
import { benchImport } from './import-bench';
import { benchMedia } from './media-bench';
import { benchScale } from './scale-bench';
import { benchSearch } from './search-bench';
import { benchSearchScan } from './search-scan-bench';
import { benchStats } from './stats-bench';
import { benchCrypto, benchVault } from './vault-bench';
import { benchVaultSize } from './vault-size-bench';
import { benchWipe } from './wipe-bench';

async function main(): Promise<void> {
  if (process.env.LOCKET_BENCH_UI_CHILD) return benchUiInItsOwnProcess();
  console.log(`Locket benchmarks, Node ${process.version}, ${new Date().toISOString()}`);
  const only = process.argv[2];
  if (!only || only === 'crypto') await benchCrypto();
  if (!only || only === 'vault') await benchVault();
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'size') await benchVaultSize();
  if (!only || only === 'search') await benchSearch();
  if (!only || only === 'media') await benchMedia();
  if (!only || only === 'stats') await benchStats();
  if (!only || only === 'wipe') await benchWipe();
  if (!only || only === 'export') await benchExport();
  if (!only || only === 'backup') await benchBackup();
  if (!only || only === 'ui') await benchUiInItsOwnProcess();
  // 10M messages, or building a 1M vault, take long: only when asked for by name.
  if (only === 'scale') await benchScale();
  if (only === 'search-scan') await benchSearchScan();
  if (only === 'chat') await benchChatPage();
  // The catalog's counts at the 10M shape, filled directly: a minute or two, so also only by name.
  if (only === 'catalog') await benchCatalog();
  console.log(`\npeak RSS of the benchmark process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}

/**
 * `npm run bench ui` drives Chromium against the whole core, whose readers import ESM-only packages (plist) that
 * this CommonJS run of tsx cannot require; a child with the `import` condition can.
 */
async function benchUiInItsOwnProcess(): Promise<void> {
  if (process.env.LOCKET_BENCH_UI_CHILD) {
    const { benchUi } = await import('./ui-bench');
    await benchUi();
    return;
  }
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), import.meta.filename, 'ui'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        LOCKET_BENCH_UI_CHILD: '1',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=import`.trim(),
      },
    },
  );
  if (result.status !== 0) console.log(`  the UI benchmark failed (exit ${result.status})`);
}

void main();
