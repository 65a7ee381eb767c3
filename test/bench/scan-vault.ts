/**
 * The vault the shard-scan bench searches: a generated PC WeChat 3.x backup with the search bench's words, imported
 * as the scale bench imports its 1M size (200 chats), so that its shards are those of `npm run bench scale`.
 * `LOCKET_BENCH_SCAN_VAULT=<folder>` keeps it there and reuses it on the next run (the import takes minutes);
 * without it the vault lives in a temporary folder the bench removes.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pc3Reader } from '../../electron/core/importing/pc3/read-pc3';
import { importSources } from '../../electron/core/importing/pipeline/import-sources';
import { VaultSession } from '../../electron/core/session/vault-session';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { generatePc3Bulk } from '../fixtures/generate-pc3-bulk';
import { text } from './search-bench';

export const SCAN_PASSPHRASE = 'bench passphrase';

/** The vault's folder, built when it is not there yet. */
export async function scanVault(
  root: string,
  messages: number,
  chats: number,
  say: (what: string) => void,
): Promise<string> {
  const vault = join(root, 'scan.locket');
  if (existsSync(join(vault, 'catalog.lkt'))) {
    say(`reusing ${vault}`);
    return vault;
  }
  rmSync(vault, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const sourceDir = join(root, 'source');
  const started = performance.now();
  const backup = await generatePc3Bulk(sourceDir, messages, 250_000, { chats, text: () => text() });
  const { session } = await VaultSession.create(vault, SCAN_PASSPHRASE, {
    kdf: KDF_TEST_PARAMS,
    recoveryKdf: KDF_TEST_PARAMS,
  });
  try {
    await importSources(session, [{ path: backup, reader: new Pc3Reader(backup) }]);
  } finally {
    await session.lock();
    rmSync(sourceDir, { recursive: true, force: true });
  }
  say(
    `built a vault of ${messages.toLocaleString('en-US')} messages in ${Math.round(performance.now() - started) / 1000} s`,
  );
  return vault;
}
