import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countUnindexed, indexedThrough } from '../../electron/core/store/index-shard';
import { all } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { killWindowMs, runAndKill } from '../helpers/run-and-kill';
import { seededRandom, testSeed, withSeedInFailure } from '../helpers/seeded-random';
import { TEST_PASSPHRASE, createTestVault } from '../helpers/vault';
import { indexedDocids } from '../helpers/index-docids';

const ROUNDS = 50;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('crash safety', () => {
  it(`after SIGKILL at ${ROUNDS} random points during commits, the vault reopens holding exactly the last committed state`, async () => {
    const { dir, session } = await createTestVault();
    await session.lock();
    // Kill points span about four commits as fast as this machine makes them, measured on a vault of its own.
    const probe = await createTestVault();
    await probe.session.lock();
    const window = await killWindowMs(
      join(import.meta.dirname, 'commit-loop-child.ts'),
      [probe.dir, TEST_PASSPHRASE],
      4,
      250,
    );
    let expectedAtLeast = 0;
    const outcomes = { beforeCommitPoint: 0, afterCommitPoint: 0 };
    // The kill points are random, from a printed seed: a failure names it, and LOCKET_TEST_SEED replays them.
    const seed = testSeed('crash safety');
    const random = seededRandom(seed);
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = Math.floor(random() * window);
      const run = await runAndKill(
        join(import.meta.dirname, 'commit-loop-child.ts'),
        [dir, TEST_PASSPHRASE],
        killAfter,
      );
      await withSeedInFailure(seed, `round ${round + 1}, killed ${killAfter} ms after ready`, async () => {
        const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
        try {
          const counter = reopened.setting('counter', 0);
          // The killed commit either did not reach the catalog rename (old state) or did (new state): nothing between.
          const acknowledged = Math.max(run.lastCommitted, expectedAtLeast);
          expect([acknowledged, run.lastStarted].filter((n) => n >= 0)).toContain(counter);
          if (counter === acknowledged) outcomes.beforeCommitPoint++;
          else outcomes.afterCommitPoint++;
          // The rest of the state matches the counter exactly: one message per commit, one media file per fifth.
          const messages = reopened.listShards().reduce((n, s) => n + s.messageCount, 0);
          expect(messages).toBe(counter);
          expect(await reopened.verifyAllFiles()).toEqual({
            shards: reopened.listShards().length,
            mediaFiles: Math.floor(counter / 5),
          });
          // Unlock removed whatever the interrupted commit had written.
          expect(filesUnder(dir).filter((f) => f.includes('shards') || f.includes('media')).length).toBe(
            reopened.listShards().length + Math.floor(counter / 5),
          );
          expect(filesUnder(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
          // The search index holds exactly the messages up to each shard's mark, and the catalog knows what is left.
          let unindexed = 0;
          for (const entry of reopened.listShards()) {
            const db = await reopened.shard(entry);
            const through = indexedThrough(db);
            expect(indexedDocids(db)).toEqual(
              all<{ id: number }>(db, 'SELECT id FROM messages WHERE id <= ? ORDER BY id', [through]).map((r) => r.id),
            );
            unindexed += countUnindexed(db);
          }
          expect(reopened.unindexedMessageCount).toBe(unindexed);
          expectedAtLeast = counter;
        } finally {
          await reopened.lock();
        }
      });
    }
    expect(expectedAtLeast, `seed ${seed}`).toBeGreaterThan(ROUNDS / 2);
    console.log(
      `crash safety: ${ROUNDS} kills within ${window} ms of ready, ${expectedAtLeast} commits survived; ${JSON.stringify(outcomes)}`,
    );
  }, 600_000);
});
