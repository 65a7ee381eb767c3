import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { LocketError } from '../errors';
import { LOCK_FILE } from './vault-files';

/**
 * One process at a time may hold a vault unlocked (the app and the CLI would otherwise overwrite each other's
 * commits). The lock file names the owning process; a lock whose process is gone is taken over.
 */
export async function acquireVaultLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      return async () => {
        await fs.rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await fs.readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new LocketError(
          'vault-busy',
          `This vault is open in another Locket window or command (process ${owner}). Lock it there first.`,
          { pid: owner },
        );
      }
      await fs.rm(path, { force: true });
    }
  }
  throw new LocketError('vault-busy', 'This vault is being opened by another Locket process. Try again.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
