import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { killWindowMs, runAndKill } from '../helpers/run-and-kill';
import { seededRandom, testSeed, withSeedInFailure } from '../helpers/seeded-random';
import { tempDir } from '../helpers/temp-dir';
import { TEST_PASSPHRASE, createTestVault } from '../helpers/vault';

const ROUNDS = 12;
const CHILD = join(import.meta.dirname, 'backup-loop-child.ts');

async function vaultWithAChat(): Promise<string> {
  const { dir, session } = await createTestVault();
  await session.write((w) => {
    w.catalog.run("INSERT INTO conversations (id, username, display_name) VALUES (1, 'wxid_friend', 'Friend')");
  });
  await session.lock();
  return dir;
}

describe('crash safety of backups', () => {
  it(`after SIGKILL at ${ROUNDS} random points during backups, the backup folder always opens whole`, async () => {
    const dir = await vaultWithAChat();
    const dest = join(tempDir(), 'Backup');
    const window = await killWindowMs(
      CHILD,
      [await vaultWithAChat(), join(tempDir(), 'Measure'), TEST_PASSPHRASE],
      3,
      400,
    );
    let backupsMade = 0;
    const seed = testSeed('crash safety of backups');
    const random = seededRandom(seed);
    for (let i = 0; i < ROUNDS; i++) {
      const killAfter = Math.floor(random() * window);
      const run = await runAndKill(CHILD, [dir, dest, TEST_PASSPHRASE], killAfter);
      backupsMade = Math.max(backupsMade, run.lastCommitted);
      if (!existsSync(join(dest, 'locket.header'))) continue; // killed before the first backup's commit point
      await withSeedInFailure(seed, `round ${i + 1}, killed ${killAfter} ms after ready`, async () => {
        // Opened as a check opens it: the copies a killed backup left stay, and must not disturb the backup.
        const backup = await VaultSession.open(dest, { passphrase: TEST_PASSPHRASE }, { removesLeftovers: false });
        try {
          const { shards, mediaFiles } = await backup.verifyAllFiles();
          expect(shards).toBeGreaterThan(0);
          // Each round's batch is in the backup whole, or not at all (wiped, or stored after the backup).
          const byRound = new Map<string, number>();
          for (const entry of backup.listShards())
            for (const r of all<{ text: string }>(await backup.shard(entry), 'SELECT text FROM messages')) {
              const round = r.text.split(' ')[1]!;
              byRound.set(round, (byRound.get(round) ?? 0) + 1);
            }
          for (const count of byRound.values()) expect(count).toBe(10);
          expect(mediaFiles).toBeGreaterThanOrEqual(byRound.size);
        } finally {
          await backup.lock();
        }
      });
    }
    expect(backupsMade, `seed ${seed}`).toBeGreaterThan(0);
    // And the vault itself is untouched by all this.
    const vault = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect((await vault.verifyAllFiles()).shards).toBeGreaterThan(0);
    await vault.lock();
    expect(readdirSync(dest)).toContain('locket.backup');
  }, 600_000);
});
