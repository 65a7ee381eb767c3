/**
 * `npm run bench search-scan` (issue 19): searches that must read many shards, on a vault built as the scale bench
 * builds its 1M size (scan-vault.ts). First where a shard's time goes (read, decrypt, inflate, open, query, check),
 * then the rare phrase, a count and an export-style pass over every shard, each in a fresh process, with shards read
 * one at a time as before (the baseline: no read-ahead, least recently used evicted first) and now, in the same run.
 *
 * LOCKET_BENCH_SCAN_MESSAGES (1M) and LOCKET_BENCH_SCAN_CHATS (200) size the vault; LOCKET_BENCH_SCAN_VAULT keeps it
 * in that folder for the next run. Not part of a bare `npm run bench`: building the vault takes minutes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_COLUMNS, type MessageRow } from '../../electron/core/archive/message-views';
import { all, loadSqlJs, one, tuneInMemoryDatabase } from '../../electron/core/db/sqlite';
import { migrate } from '../../electron/core/db/migrate';
import { parseQuery } from '../../electron/core/search/parse-query';
import { resolvePeople } from '../../electron/core/search/resolve-filters';
import { everyMatch, countSearch, runSearch } from '../../electron/core/search/run-search';
import { planSearch } from '../../electron/core/search/search-plan';
import { VaultSession } from '../../electron/core/session/vault-session';
import { shardMigrations } from '../../electron/core/store/shard-migrations';
import { decompressPlaintext, decompressPlaintextInPool } from '../../electron/core/vault/compression';
import { FileKind, corruptFile, decryptBuffer, filterSection, unwrapKey } from '../../electron/core/vault/envelope';
import { shardPath } from '../../electron/core/vault/vault-files';
import type { VaultKeys } from '../../electron/core/vault/vault-keys';
import { fmt, heading, median, row } from './bench-util';
import { SCAN_PASSPHRASE, scanVault } from './scan-vault';

const MESSAGES = Number(process.env.LOCKET_BENCH_SCAN_MESSAGES ?? 1_000_000);
const CHATS = Number(process.env.LOCKET_BENCH_SCAN_CHATS ?? 200);
const CHILD = 'LOCKET_BENCH_SCAN_CHILD';
const RARE = '"今天晚上 吃饭"';
/** Queries of the search bench's fixed 20 whose shards are broken down beside the rare phrase: inexact and exact. */
const BROKEN_DOWN = [RARE, '火锅 -周末', '快递 到了', 'hotel flight'];

const load = () => fmt(loadavg()[0]!, 2);
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

// ---- Where a shard's time goes (one process, every shard read once) ----

interface Breakdown {
  shards: number;
  read: number;
  decrypt: number;
  inflateSync: number;
  inflateAsync: number;
  open: number;
  queries: { query: string; sql: number; check: number; candidates: number; matches: number }[];
}

async function breakdown(vault: string): Promise<Breakdown> {
  const session = await VaultSession.open(vault, { passphrase: SCAN_PASSPHRASE });
  // The bench reads the files itself, step by step, with the session's keys: a test may reach past `private`.
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const wrap = keys.require().wrap;
  const SQL = await loadSqlJs();
  const plans = BROKEN_DOWN.map((q) => {
    const parsed = parseQuery(q, { timeZone: 'UTC' });
    return { query: q, plan: planSearch(parsed, resolvePeople(session.catalog, parsed, undefined)) };
  });
  const totals: Breakdown = {
    shards: 0,
    read: 0,
    decrypt: 0,
    inflateSync: 0,
    inflateAsync: 0,
    open: 0,
    queries: plans.map((p) => ({ query: p.query, sql: 0, check: 0, candidates: 0, matches: 0 })),
  };
  const time = <T>(add: (ms: number) => void, fn: () => T): T => {
    const start = performance.now();
    const value = fn();
    add(performance.now() - start);
    return value;
  };
  const timeAsync = async <T>(add: (ms: number) => void, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await fn();
    add(performance.now() - start);
    return value;
  };
  for (const entry of session.listShards().filter((s) => s.messageCount > 0)) {
    totals.shards++;
    const relPath = shardPath(entry.fileId);
    const bytes = await timeAsync(
      (ms) => (totals.read += ms),
      async () => readFileSync(join(vault, relPath)),
    );
    const identity = keys.identity(FileKind.shard, entry.fileId, relPath);
    const wrapped = one<{ wrapped_key: Uint8Array }>(
      session.catalog,
      'SELECT wrapped_key FROM shards WHERE file_id = ?',
      [entry.fileId],
    )!.wrapped_key;
    const { plain: sealedPlain, layout } = await timeAsync(
      (ms) => (totals.decrypt += ms),
      async () =>
        decryptBuffer(
          bytes,
          identity,
          await unwrapKey(wrap, wrapped, identity.vaultId, identity.kind, identity.fileId, relPath),
        ),
    );
    // A shard of file version 3 starts with its phrase filter: inflating starts after it.
    const packed = layout === 'filtered' ? filterSection(sealedPlain, relPath).compressed : sealedPlain;
    // On this thread (a shard needed at once), and in the thread pool (read ahead; the time until it is back).
    const corrupt = (reason: string) => corruptFile(relPath, reason);
    time(
      (ms) => (totals.inflateSync += ms),
      () => decompressPlaintext(packed, 1 << 30, corrupt),
    );
    const plain = await timeAsync(
      (ms) => (totals.inflateAsync += ms),
      () => decompressPlaintextInPool(packed, 1 << 30, corrupt),
    );
    const db = time(
      (ms) => (totals.open += ms),
      () => {
        const opened = tuneInMemoryDatabase(new SQL.Database(plain));
        migrate(opened, shardMigrations, relPath);
        return opened;
      },
    );
    for (const [i, { plan }] of plans.entries()) {
      const figures = totals.queries[i]!;
      const q = plan.forShard(entry);
      // The candidates as the search steps through them (run-search.ts, fromShard), then the exact check in JS.
      const rows = time(
        (ms) => (figures.sql += ms),
        () =>
          all<MessageRow>(
            db,
            `SELECT ${MESSAGE_COLUMNS} FROM message_index CROSS JOIN messages ON messages.id = message_index.docid WHERE message_index MATCH ?${q.where ? ` AND ${q.where}` : ''} ORDER BY time DESC, id DESC`,
            [q.match!, ...q.params],
          ),
      );
      figures.candidates += rows.length;
      if (!plan.isExact)
        figures.matches += time(
          (ms) => (figures.check += ms),
          () => rows.filter((r) => plan.check(r)).length,
        );
      else figures.matches += rows.length;
    }
    db.close();
  }
  await session.lock();
  return totals;
}

// ---- Passes over many shards, each in a fresh process ----

type PassKind = 'page-cold' | 'rare-cold' | 'rare-warm' | 'count' | 'export';

interface Pass {
  ms: number;
  /** CPU time of the process meanwhile (both threads and the thread pool): the work, apart from the waiting. */
  cpuMs: number;
  /** Shard files decrypted by the timed pass (a warm pass finds some in memory). */
  decrypted: number;
  shards: number;
  found: number;
  rssMiB: number;
}

/** How shards are read: as before (one at a time, least recently used evicted first), and now. */
const SETTINGS = {
  before: { readAhead: 0, keepsShardsToScan: false },
  now: {},
  'now, 3 ahead': { readAhead: 3 },
} as const;
type Setting = keyof typeof SETTINGS;

async function pass(vault: string, kind: PassKind, setting: Setting): Promise<Pass> {
  const session = await VaultSession.open(vault, { passphrase: SCAN_PASSPHRASE }, { shardScan: SETTINGS[setting] });
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const openFile = keys.openFileWithFilter.bind(keys);
  let decrypted = 0;
  keys.openFileWithFilter = (...args) => (decrypted++, openFile(...args));
  const shards = session.listShards().filter((s) => s.messageCount > 0).length;
  let found = 0;
  const query = (text: string) => parseQuery(text, { timeZone: 'UTC' });
  const rare = () => runSearch(session, query(RARE), { limit: 50 });
  // Warm: the same search again in the same session, the cache holding what the first left.
  if (kind === 'rare-warm') await rare();
  decrypted = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (kind === 'page-cold') found = (await runSearch(session, query('火锅'), { limit: 50 })).results.length;
  else if (kind === 'rare-cold' || kind === 'rare-warm') found = (await rare()).results.length;
  else if (kind === 'count') found = await countSearch(session, query('火锅 -周末'));
  else for await (const rows of everyMatch(session, query(RARE))) found += rows.length;
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await session.lock();
  return { ms, cpuMs: (used.user + used.system) / 1000, decrypted, shards, found, rssMiB: peakMiB() };
}

function passInChild(vault: string, kind: PassKind, setting: Setting): Pass {
  const result = spawnSync(
    process.execPath,
    [join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), import.meta.filename],
    { encoding: 'utf8', env: { ...process.env, [CHILD]: JSON.stringify({ vault, kind, setting }) } },
  );
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line)
    throw new Error(`the ${kind} pass failed (exit ${result.status}): ${result.stderr}`);
  return JSON.parse(line) as Pass;
}

const PASSES: [PassKind, string][] = [
  ['page-cold', '火锅, first page, cold (the newest shard fills it: nothing read ahead)'],
  ['rare-cold', `${RARE}, first page, cold (after unlock)`],
  ['rare-warm', `${RARE}, first page, warm (the same search again)`],
  ['count', 'exact count of 火锅 -周末 (every shard)'],
  ['export', `every match of ${RARE} (an export's pass, oldest first)`],
];
const RUNS = 3;

export async function benchSearchScan(): Promise<void> {
  const kept = process.env.LOCKET_BENCH_SCAN_VAULT;
  const root = kept ?? mkdtempSync(join(tmpdir(), 'locket-scan-bench-'));
  try {
    heading(
      `Searches over many shards (issue 19): ${MESSAGES.toLocaleString('en-US')} messages over ${CHATS} chats, as the scale bench's`,
    );
    const vault = await scanVault(root, MESSAGES, CHATS, (what) => row('vault', what));

    const parts = await breakdown(vault);
    const per = (ms: number) => `${fmt(ms / parts.shards, 1)} ms/shard (${fmt(ms / 1000, 2)} s in all)`;
    heading(`Where a shard's time goes: ${parts.shards} shards, each read once (load ${load()})`);
    row('read the file', per(parts.read));
    row('decrypt (libsodium secretstream, this thread)', per(parts.decrypt));
    row('inflate on this thread (a shard needed at once)', per(parts.inflateSync));
    row('inflate in the thread pool (read ahead; until back)', per(parts.inflateAsync));
    row('open in sql.js (copy in, pragmas, version check)', per(parts.open));
    for (const q of parts.queries) {
      row(
        `query ${q.query}: SQL candidates / JS check`,
        `${fmt(q.sql / parts.shards, 2)} / ${fmt(q.check / parts.shards, 2)} ms/shard (${q.candidates.toLocaleString('en-US')} candidates, ${q.matches.toLocaleString('en-US')} matches)`,
      );
    }

    heading(
      `Searches, each in a fresh process, median of ${RUNS}: shards read one at a time (before) vs read ahead (now)`,
    );
    const settings = Object.keys(SETTINGS) as Setting[];
    let mismatches = 0;
    for (const [kind, label] of PASSES) {
      const runs = Object.fromEntries(settings.map((s) => [s, [] as Pass[]])) as Record<Setting, Pass[]>;
      // Interleaved, so that the machine's load falls on every setting alike.
      for (let i = 0; i < RUNS; i++)
        for (const setting of settings) runs[setting].push(passInChild(vault, kind, setting));
      const mid = (setting: Setting, pick: (p: Pass) => number) => median(runs[setting].map(pick));
      const found = new Set(settings.flatMap((s) => runs[s].map((p) => p.found)));
      if (found.size !== 1) mismatches++;
      console.log(`  ${label}${found.size === 1 ? '' : '  RESULTS DIFFER'}`);
      for (const setting of settings) {
        row(
          `    ${setting}`,
          `${fmt(mid(setting, (p) => p.ms) / 1000, 2)} s (CPU ${fmt(mid(setting, (p) => p.cpuMs) / 1000, 2)} s), ${mid(setting, (p) => p.decrypted)} of ${runs[setting][0]!.shards} shards decrypted, peak RSS ${Math.max(...runs[setting].map((p) => p.rssMiB))} MiB${setting === 'before' ? '' : `, ${fmt(mid('before', (p) => p.ms) / mid(setting, (p) => p.ms), 2)}x`}`,
        );
      }
      row('    load average (1 min) after these runs', load());
    }
    row('load average (1 min) at the end, on this many cores', `${load()} on ${availableParallelism()}`);
    if (mismatches > 0) process.exitCode = 1;
  } finally {
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
}

if (process.env[CHILD]) {
  const { vault, kind, setting } = JSON.parse(process.env[CHILD]) as {
    vault: string;
    kind: PassKind;
    setting: Setting;
  };
  void pass(vault, kind, setting).then((p) => console.log(JSON.stringify(p)));
}
