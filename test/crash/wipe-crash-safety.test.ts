import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/audit-log';
import { all } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { killWindowMs, runAndKill } from '../helpers/run-and-kill';
import { seededRandom, testSeed, withSeedInFailure } from '../helpers/seeded-random';
import { TEST_PASSPHRASE, createTestVault } from '../helpers/vault';

const ROUNDS = 30;

async function vaultWithTwoChats(): Promise<string> {
  const { dir, session } = await createTestVault();
  await session.write((w) => {
    w.catalog.run(
      "INSERT INTO conversations (id, username, display_name) VALUES (1, 'wxid_a', 'A'), (2, 'wxid_b', 'B')",
    );
  });
  await session.lock();
  return dir;
}

describe('crash safety of wipes', () => {
  it(`after SIGKILL at ${ROUNDS} random points during imports and wipes, the vault always reopens consistent`, async () => {
    const dir = await vaultWithTwoChats();
    // Kill points span about four rounds as fast as this machine makes them, measured on a vault of its own.
    const window = await killWindowMs(
      join(import.meta.dirname, 'wipe-loop-child.ts'),
      [await vaultWithTwoChats(), TEST_PASSPHRASE],
      4,
      400,
    );
    let wipesSurvived = 0;
    // The kill points are random, from a printed seed: a failure names it, and LOCKET_TEST_SEED replays them.
    const seed = testSeed('crash safety of wipes');
    const random = seededRandom(seed);
    for (let i = 0; i < ROUNDS; i++) {
      const killAfter = Math.floor(random() * window);
      const run = await runAndKill(join(import.meta.dirname, 'wipe-loop-child.ts'), [dir, TEST_PASSPHRASE], killAfter);
      wipesSurvived = Math.max(wipesSurvived, run.lastCommitted);
      await withSeedInFailure(seed, `round ${i + 1}, killed ${killAfter} ms after ready`, async () => {
        const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
        try {
          // Every file the catalog names decrypts, and nothing else is left in the folder.
          const { shards, mediaFiles } = await reopened.verifyAllFiles();
          const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
            (f) => f.isFile() && /^[0-9a-f]{32}\.lkt$/.test(f.name),
          );
          expect(files.length).toBe(shards + mediaFiles);
          // A round's batch is either entirely present (killed before its wipe committed) or entirely gone.
          const byRound = new Map<string, number>();
          for (const entry of reopened.listShards()) {
            for (const r of all<{ text: string }>(await reopened.shard(entry), 'SELECT text FROM messages')) {
              const round = r.text.split(' ')[1]!;
              byRound.set(round, (byRound.get(round) ?? 0) + 1);
            }
          }
          for (const count of byRound.values()) expect(count).toBe(10);
          // Media references match the messages that remain; the log's chain and signed head hold.
          const mediaRows = all<{ ref_count: number }>(reopened.catalog, 'SELECT ref_count FROM media');
          expect(mediaRows.length).toBe(byRound.size);
          expect(mediaRows.every((m) => m.ref_count === 10)).toBe(true);
          expect(await verifyAudit(reopened.catalog, reopened.signingPublicKey)).toMatchObject({ isIntact: true });
        } finally {
          await reopened.lock();
        }
      });
    }
    expect(wipesSurvived, `seed ${seed}`).toBeGreaterThan(0);
  }, 600_000);
});
