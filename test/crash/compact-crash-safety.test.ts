import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { createUncompressedVault } from '../fixtures/uncompressed-vault';
import { killWindowMs, runAndKill } from '../helpers/run-and-kill';
import { seededRandom, testSeed, withSeedInFailure } from '../helpers/seeded-random';
import { tempDir } from '../helpers/temp-dir';
import { TEST_PASSPHRASE } from '../helpers/vault';

const ROUNDS = 10;
const MESSAGES = 1200;
const CHILD = join(import.meta.dirname, 'compact-child.ts');

/** The file version of the catalog and of each shard file in the folder. */
function versions(dir: string): number[] {
  const shards = readdirSync(join(dir, 'shards')).map((name) => join('shards', name));
  return ['catalog.lkt', ...shards].map((path) => readFileSync(join(dir, path))[4]!);
}

describe('crash safety of compaction', () => {
  it(`after SIGKILL at ${ROUNDS} random points during locket compact, the vault opens whole: all old or all compacted`, async () => {
    const template = join(tempDir(), 'Template.locket');
    await createUncompressedVault(template, TEST_PASSPHRASE, { messages: MESSAGES, shardBudgetBytes: 16 * 1024 });
    const shards = readdirSync(join(template, 'shards')).length;
    expect(shards).toBeGreaterThan(5);
    const copy = (name: string) => {
      const dir = join(tempDir(), name);
      cpSync(template, dir, { recursive: true });
      return dir;
    };
    // Kill points span the whole compaction (as long as it takes on this machine now) and a little after.
    const window = await killWindowMs(CHILD, [copy('Measure.locket'), TEST_PASSPHRASE], 1.3, 300);
    const outcomes = { old: 0, compacted: 0 };
    const seed = testSeed('crash safety of compaction');
    const random = seededRandom(seed);
    for (let round = 0; round < ROUNDS; round++) {
      const dir = copy(`Round${round}.locket`);
      const killAfter = Math.floor(random() * window);
      const run = await runAndKill(CHILD, [dir, TEST_PASSPHRASE], killAfter);
      await withSeedInFailure(seed, `round ${round + 1}, killed ${killAfter} ms after ready`, async () => {
        const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
        try {
          // Before the commit point every shard is the old one; after it, every shard is compressed, with its filter.
          const shardVersions = new Set(versions(dir).slice(1));
          expect(shardVersions.size).toBe(1);
          const isCompacted = shardVersions.has(3);
          if (run.lastCommitted === 1) expect(isCompacted).toBe(true);
          outcomes[isCompacted ? 'compacted' : 'old']++;
          // Unlock removed what the killed run had written and the commit does not reference.
          expect(readdirSync(join(dir, 'shards')).length).toBe(reopened.listShards().length);
          expect((await reopened.verifyAllFiles()).shards).toBe(reopened.listShards().length);
          const texts: string[] = [];
          for (const entry of reopened.listShards())
            for (const row of all<{ text: string }>(await reopened.shard(entry), 'SELECT text FROM messages'))
              texts.push(row.text);
          expect(texts.length).toBe(MESSAGES);
          expect(new Set(texts).size).toBe(MESSAGES);
        } finally {
          await reopened.lock();
        }
      });
    }
    console.log(`compaction kills: ${JSON.stringify(outcomes)} in a window of ${window} ms`);
    // Killed before the commit point at least once, or the test proved less than it says.
    expect(outcomes.old, `seed ${seed}`).toBeGreaterThan(0);
  }, 600_000);
});
