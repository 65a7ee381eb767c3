/**
 * Child process for the compaction crash test: opens an uncompressed vault, prints `ready`, then compacts it
 * (`committing 1` before, `committed 1` once the commit is in place) and idles until the parent kills it.
 */
import { compactVault } from '../../electron/core/session/compact-vault';
import { VaultSession } from '../../electron/core/session/vault-session';

async function main(): Promise<void> {
  const [dir, passphrase] = process.argv.slice(2);
  const session = await VaultSession.open(dir!, { passphrase: passphrase! });
  process.stdout.write('ready\ncommitting 1\n');
  await compactVault(session);
  process.stdout.write('committed 1\n');
  // Killed here at the latest: runAndKill expects SIGKILL, never an exit of its own.
  setInterval(() => undefined, 1000);
}

void main();
