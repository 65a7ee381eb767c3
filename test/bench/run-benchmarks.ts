/** `npm run bench`: Locket's speed and memory figures, each beside a baseline measured in the same run. */
import { benchImport } from './import-bench';
import { benchMedia } from './media-bench';
import { benchSearch } from './search-bench';
import { benchCrypto, benchVault } from './vault-bench';

async function main(): Promise<void> {
  console.log(`Locket benchmarks, Node ${process.version}, ${new Date().toISOString()}`);
  const only = process.argv[2];
  if (!only || only === 'crypto') await benchCrypto();
  if (!only || only === 'vault') await benchVault();
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'search') await benchSearch();
  if (!only || only === 'media') await benchMedia();
  console.log(`\npeak RSS of the benchmark process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}

void main();
