/**
 * Randomness a test can replay. A randomized test takes its seed from `testSeed` (printed, and LOCKET_TEST_SEED
 * replays it) and draws from `seededRandom(seed)` instead of Math.random.
 */

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same numbers in [0, 1) on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** LOCKET_TEST_SEED when set (to replay a failure), else a fresh seed; printed either way, with how to replay it. */
export function testSeed(what: string): number {
  const given = process.env['LOCKET_TEST_SEED'];
  const seed = given !== undefined && given !== '' ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`${what}: seed ${seed} (replay with LOCKET_TEST_SEED=${seed})`);
  return seed;
}

/** Runs one round of a seeded test, naming the seed and the round in any failure so it can be replayed. */
export async function withSeedInFailure<T>(seed: number, round: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) error.message += `\n(seed ${seed}, ${round}; replay with LOCKET_TEST_SEED=${seed})`;
    throw error;
  }
}
