/**
 * A cold search in a process of its own: open (unlock) a vault, then search it, with no shard decrypted before and no
 * memory grown by earlier work. sql.js's WebAssembly heap never shrinks, so only a fresh process shows what one
 * search costs in memory.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseQuery } from '../../electron/core/search/parse-query';
import { countSearch, runSearch } from '../../electron/core/search/run-search';
import { VaultSession } from '../../electron/core/session/vault-session';
import type { VaultKeys } from '../../electron/core/vault/vault-keys';

/**
 * 'page': the first page of 50, then the exact total counted after it (now); 'counted': the page and its exact total
 * in one pass (as before); 'first': the first page only, as the app shows it (total and totalMs are the page's).
 */
export type ColdMode = 'page' | 'counted' | 'first';

export interface ColdRun {
  unlockMs: number;
  /** From the start of the search to the first page of 50. */
  pageMs: number;
  /** From the start of the search to the exact total (page, then count of the rest, for 'page'). */
  totalMs: number;
  total: number;
  /** Shards decrypted whole for the page (a shard its phrase filter rules out is not). */
  pageShards: number;
  shards: number;
  /** Peak resident memory of the process, including Node itself, until the page / until the total. */
  pageRssMiB: number;
  totalRssMiB: number;
}

const CHILD = 'LOCKET_BENCH_COLD_SEARCH';

/** `usesPhraseFilters: false`: every shard the words could be in is read, as before file version 3 (a baseline). */
export function coldSearch(
  dir: string,
  passphrase: string,
  query: string,
  mode: ColdMode,
  usesPhraseFilters = true,
): ColdRun {
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), import.meta.filename],
    {
      encoding: 'utf8',
      env: { ...process.env, [CHILD]: JSON.stringify({ dir, passphrase, query, mode, usesPhraseFilters }) },
    },
  );
  if (result.status !== 0) throw new Error(`the cold search failed (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ColdRun;
}

const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function child(): Promise<void> {
  const { dir, passphrase, query, mode, usesPhraseFilters } = JSON.parse(process.env[CHILD]!) as {
    dir: string;
    passphrase: string;
    query: string;
    mode: ColdMode;
    usesPhraseFilters: boolean;
  };
  let start = performance.now();
  const session = await VaultSession.open(dir, { passphrase }, { shardScan: { usesPhraseFilters } });
  const unlockMs = performance.now() - start;
  const parsed = parseQuery(query, { timeZone: 'UTC' });
  const shards = session.listShards().filter((s) => s.messageCount > 0);
  start = performance.now();
  // Counted as they are decrypted: shards still in the cache afterwards would miss those it evicted.
  let pageShards = 0;
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const open = keys.openFileWithFilter.bind(keys);
  keys.openFileWithFilter = (...args) => {
    pageShards++;
    return open(...args);
  };
  const page = await runSearch(session, parsed, { limit: 50, count: mode === 'counted' });
  keys.openFileWithFilter = open;
  const pageMs = performance.now() - start;
  const pageRssMiB = peakMiB();
  const total =
    page.total ?? (mode === 'first' ? page.results.length : await countSearch(session, parsed, { cursor: page.next! }));
  const totalMs = performance.now() - start;
  const run: ColdRun = {
    unlockMs,
    pageMs,
    totalMs,
    total,
    pageShards,
    shards: shards.length,
    pageRssMiB,
    totalRssMiB: peakMiB(),
  };
  await session.lock();
  console.log(JSON.stringify(run));
}

if (process.env[CHILD]) void child();
