import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { ShardIndexer } from '../../electron/core/store/index-shard';
import { parseQuery, type SearchQuery } from '../../electron/core/search/parse-query';
import { runSearch } from '../../electron/core/search/run-search';
import { atomize } from '../../electron/core/store/text-atoms';
import { indexTokens, matchExpression, queryPhrases } from '../../electron/core/store/tokenize';
import { migrate } from '../../electron/core/db/migrate';
import { shardMigrations } from '../../electron/core/store/shard-migrations';
import { loadSqlJs } from '../../electron/core/db/sqlite';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import type { StoredMessage } from '../../electron/core/store/message-writer';
import { fmt, heading, median, medianMs, row, timeMs } from './bench-util';
import { coldSearch, type ColdMode, type ColdRun } from './search-cold';

const MESSAGES = Number(process.env.LOCKET_BENCH_MESSAGES ?? 1_000_000);
const BATCH = 100_000;

// Words chosen so that a LIKE substring scan and the index agree: no Latin word holds another, and numbers and
// Latin words are always set apart by spaces, so substring and whole-word hits are the same messages.
const ZH = [
  '今天',
  '晚上',
  '吃饭',
  '火锅',
  '明天',
  '开会',
  '报告',
  '我们',
  '你们',
  '公司',
  '下午',
  '时间',
  '周末',
  '一起',
  '电影',
  '谢谢',
  '好的',
  '没问题',
  '怎么样',
  '已经',
  '发给',
  '看看',
  '地铁站',
  '到了',
  '等一下',
  '哈哈',
  '真的',
  '可以',
  '不行',
  '吃',
  '去',
  '家',
  '路上',
  '堵车',
  '快递',
  '生日',
  '快乐',
  '老板',
  '项目',
  '上线',
  '周一',
  '图片',
  '文件',
  '红包',
];
const EN = [
  'hello',
  'world',
  'meeting',
  'tomorrow',
  'dinner',
  'lunch',
  'report',
  'office',
  'weekend',
  'movie',
  'thanks',
  'sure',
  'station',
  'budget',
  'invoice',
  'flight',
  'hotel',
  'coffee',
];
const EMOJI = ['👍', '😂', '🙏', '🎉', '❤️', '🍲'];

/** Probes: a cross-word CJK substring, CJK words of 1–3 characters, Latin words (any case), a year, an emoji. */
const PROBES = ['今天晚上', '天晚', '火锅', '吃', '地铁站', '生日快乐', 'meeting', 'Dinner', 'invoice', '2024', '👍'];

/** The 20 fixed queries whose warm latency is reported as p50/p95: probes, phrases, filters, negation and OR. */
export const FIXED_QUERIES = [
  ...PROBES,
  '"今天晚上 吃饭"',
  '火锅 -周末',
  'meeting OR dinner',
  '公司 type:text',
  '生日 after:2024-01-01',
  'hotel flight',
  '快递 到了',
  'coffee 👍',
  '没问题 before:2030-01-01',
];

let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function chinese(): string {
  const words = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(ZH));
  return words.join(random() < 0.7 ? '' : pick(['，', ' ', '。']));
}

function english(): string {
  const words = Array.from({ length: 2 + Math.floor(random() * 6) }, () =>
    random() < 0.2 ? pick(EN).toUpperCase() : pick(EN),
  );
  return `${words.join(' ')}${pick(['', '.', '!', '?'])}`;
}

export function text(): string {
  const r = random();
  if (r < 0.6) return chinese();
  if (r < 0.85) return english();
  // Mixed: a Chinese sentence, an English word, a number (a year or a small count) or an emoji, spaced.
  return [
    chinese(),
    pick(EN),
    random() < 0.5 ? String(2019 + Math.floor(random() * 7)) : String(Math.floor(random() * 500)),
    pick(EMOJI),
  ].join(' ');
}

function generated(n: number): StoredMessage {
  return {
    conversationId: 1 + (n % 40),
    dedupeKey: `bench:${n}`,
    sourceId: String(7_000_000_000_000_000_000n + BigInt(n)),
    sender: n % 3 === 0 ? null : `wxid_friend${n % 40}`,
    isSent: n % 3 === 0,
    time: 1_600_000_000 + n * 60,
    kind: 'text',
    text: text(),
    payload: null,
    raw: null,
    mediaId: null,
    importId: 1,
  };
}

function scalar(db: Database, sql: string, params: (string | number)[] = []): number {
  return Number(db.exec(sql, params)[0]?.values[0]?.[0] ?? 0);
}

/** Bytes of the shard with and without its search index (a copy without it, vacuumed). */
async function sizes(db: Database): Promise<{ total: number; withoutIndex: number }> {
  const bytes = db.export();
  const SQL = await loadSqlJs();
  const copy = new SQL.Database(bytes);
  copy.exec('DROP TABLE message_index; VACUUM;');
  const withoutIndex = copy.export().length;
  copy.close();
  return { total: bytes.length, withoutIndex };
}

/** Inserting 100k messages into a bare shard database in one transaction, with or without indexing them. */
async function insertMs(withIndex: boolean): Promise<number> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, shardMigrations, 'bench');
  const messages = Array.from({ length: 100_000 }, (_, i) => generated(i));
  const insert = db.prepare(
    'INSERT INTO messages (id, conversation_id, dedupe_key, source_id, sender, is_sent, time, kind, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const indexer = new ShardIndexer(db);
  const ms = await timeMs(() => {
    db.exec('BEGIN');
    for (const [i, m] of messages.entries()) {
      insert.run([
        i + 1,
        m.conversationId,
        m.dedupeKey,
        m.sourceId,
        m.sender,
        m.isSent ? 1 : 0,
        m.time,
        m.kind,
        m.text,
      ]);
      if (withIndex) indexer.add(i + 1, m);
    }
    db.exec('COMMIT');
  });
  insert.free();
  indexer.free();
  db.close();
  return ms;
}

/**
 * Native sqlite3 building the same FTS4 table from the same tokens, from a SQL script in one transaction, timed
 * around the sqlite3 process. Installs Debian's sqlite3 when missing and allowed (root); null when unavailable.
 */
function nativeFts4BuildMs(tokens: string[], dir: string): number | null {
  if (spawnSync('sqlite3', ['-version']).status !== 0) {
    if (process.getuid?.() === 0)
      spawnSync(
        'sh',
        [
          '-c',
          'apt-get install -y -qq sqlite3 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq sqlite3)',
        ],
        { stdio: 'ignore' },
      );
    if (spawnSync('sqlite3', ['-version']).status !== 0) return null;
  }
  const script = join(dir, 'fts4.sql');
  const lines = ['CREATE VIRTUAL TABLE t USING fts4(tokens, tokenize=simple);', 'BEGIN;'];
  tokens.forEach((tk, i) =>
    lines.push(`INSERT INTO t (docid, tokens) VALUES (${i + 1}, '${tk.replace(/'/g, "''")}');`),
  );
  lines.push('COMMIT;');
  writeFileSync(script, lines.join('\n'));
  // The baseline is the build, not reading the script: time an empty run and subtract it.
  const empty = join(dir, 'empty.sql');
  writeFileSync(empty, lines.filter((l) => !l.startsWith('INSERT')).join('\n'));
  const time = (file: string) => {
    const start = performance.now();
    spawnSync('sh', ['-c', `sqlite3 :memory: < '${file}'`]);
    return performance.now() - start;
  };
  return Math.max(0, time(script) - time(empty));
}

interface QueryRun {
  /** Until runSearch returns: the first page and the exact total. */
  ms: number;
  /** Until the streamed events hold a full page (or the search is done): what the app shows first. */
  firstPageMs: number;
  /** CPU time of this process meanwhile: what the query costs, less sensitive to other work on the machine. */
  cpuMs: number;
  total: number;
}

async function timeQuery(session: VaultSession, query: SearchQuery): Promise<QueryRun> {
  let shown = 0;
  let firstPageMs = -1;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const page = await runSearch(session, query, {
    limit: 50,
    count: true,
    onResults: (p) => {
      shown += p.results.length;
      if (firstPageMs < 0 && (shown >= 50 || p.done)) firstPageMs = performance.now() - start;
    },
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, firstPageMs, cpuMs: (used.user + used.system) / 1000, total: page.total! };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function likePattern(probe: string): string {
  return `%${probe.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export async function benchSearch(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-search-bench-'));
  try {
    heading(`Search: ${MESSAGES.toLocaleString('en-US')} mixed Chinese/English messages`);
    const sample = Array.from({ length: 100_000 }, (_, i) => generated(i).text);
    const tokenizeMs = await timeMs(() => sample.forEach(indexTokens));
    row('tokenizing in JS (per 100k messages)', `${fmt(tokenizeMs, 0)} ms`);
    const bare = await insertMs(false);
    const indexed = await insertMs(true);
    row('inserting 100k into a shard db, without the index (baseline)', `${fmt(bare, 0)} ms`);
    row('inserting 100k into a shard db, with the index', `${fmt(indexed, 0)} ms  (${fmt(indexed / bare, 2)}x)`);

    seed = 42;
    // A cache that holds every shard, so queries compare index and scan, not decryption.
    const { session } = await VaultSession.create(join(root, 'search.locket'), 'bench passphrase', {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      shardCacheBytes: 3 * 1024 * 1024 * 1024,
    });
    const fillMs = await timeMs(async () => {
      for (let done = 0; done < MESSAGES; done += BATCH) {
        const count = Math.min(BATCH, MESSAGES - done);
        await session.write((w) => w.insertMessages(Array.from({ length: count }, (_, i) => generated(done + i))));
      }
      // An import indexes in a write of its own once its messages are committed; without it every query would
      // check every message's text, and the figures would measure that fallback, not the index.
      await session.write((w) => w.indexBacklog());
    });
    if (session.unindexedMessageCount > 0) throw new Error(`${session.unindexedMessageCount} messages left unindexed`);
    const shards = session.listShards().filter((s) => s.messageCount > 0);
    row(
      'filling the vault (insert + index + encrypt)',
      `${fmt(fillMs / 1000)} s, ${fmt(MESSAGES / (fillMs / 1000), 0)} messages/s, ${shards.length} shards`,
    );

    const dbs: Database[] = [];
    for (const entry of shards) dbs.push((await session.shard(entry)) as Database); // exported to measure, not changed
    let total = 0;
    let withoutIndex = 0;
    for (const db of dbs) {
      const size = await sizes(db);
      total += size.total;
      withoutIndex += size.withoutIndex;
    }
    const MiB = 1024 * 1024;
    row('shards without the search index (messages + their indexes)', `${fmt(withoutIndex / MiB)} MiB`);
    row(
      'search index (FTS4 message_index)',
      `${fmt((total - withoutIndex) / MiB)} MiB  (${fmt((total - withoutIndex) / withoutIndex, 2)}x the rest)`,
    );

    heading('Probes: Locket (first page of 50 + total) and index count vs LIKE scan of the same shards (median of 5)');
    console.log(
      `  ${'probe'.padEnd(10)} ${'hits (index)'.padStart(13)} ${'hits (LIKE)'.padStart(12)} ${'search page'.padStart(12)} ${'index count'.padStart(12)} ${'LIKE scan'.padStart(12)}`,
    );
    let mismatches = 0;
    for (const probe of PROBES) {
      const query = parseQuery(probe, { timeZone: 'UTC' });
      let page = await runSearch(session, query, { limit: 50, count: true });
      const pageMs = await medianMs(
        5,
        async () => (page = await runSearch(session, query, { limit: 50, count: true })),
      );
      // The probe's MATCH expression counted in the index alone: the index's own cost, without reading messages.
      const match = matchExpression(queryPhrases(atomize(probe)));
      let likeHits = 0;
      const likeMs = await medianMs(5, () => {
        likeHits = 0;
        for (const db of dbs)
          likeHits += scalar(db, "SELECT count(*) FROM messages WHERE text LIKE ? ESCAPE '\\'", [likePattern(probe)]);
      });
      const indexMs = await medianMs(5, () => {
        for (const db of dbs) scalar(db, 'SELECT count(*) FROM message_index WHERE message_index MATCH ?', [match]);
      });
      if (page.total !== likeHits) mismatches++;
      console.log(
        `  ${probe.padEnd(10)} ${String(page.total).padStart(13)} ${String(likeHits).padStart(12)} ${`${fmt(pageMs)} ms`.padStart(12)} ${`${fmt(indexMs)} ms`.padStart(12)} ${`${fmt(likeMs)} ms`.padStart(12)}${page.total === likeHits ? '' : '  MISMATCH'}`,
      );
    }
    row('probes where search and LIKE found different counts', String(mismatches));

    heading('Query latency, warm: 20 fixed queries × 5 runs (first page of 50 + exact total)');
    console.log(
      `  ${'query'.padEnd(28)} ${'total'.padStart(9)} ${'median'.padStart(10)} ${'worst'.padStart(10)} ${'first page'.padStart(11)}`,
    );
    const latencies: number[] = [];
    const firstPages: number[] = [];
    const cpuTimes: number[] = [];
    const loadBefore = loadavg()[0]!;
    const perQuery: [string, number][] = [];
    for (const text of FIXED_QUERIES) {
      const query = parseQuery(text, { timeZone: 'UTC' });
      const runs: QueryRun[] = [];
      for (let i = 0; i < 5; i++) runs.push(await timeQuery(session, query));
      const ms = runs.map((r) => r.ms);
      latencies.push(...ms);
      firstPages.push(...runs.map((r) => r.firstPageMs));
      cpuTimes.push(...runs.map((r) => r.cpuMs));
      perQuery.push([text, Math.max(...ms)]);
      // Padding counts UTF-16 units, so CJK queries sit a little wider: the numbers still line up per row.
      const cells = [
        String(runs[0]!.total).padStart(9),
        `${fmt(median(ms))} ms`.padStart(10),
        `${fmt(Math.max(...ms))} ms`.padStart(10),
      ];
      console.log(
        `  ${text.padEnd(28)} ${cells.join(' ')} ${`${fmt(median(runs.map((r) => r.firstPageMs)))} ms`.padStart(11)}`,
      );
    }
    perQuery.sort((a, b) => b[1] - a[1]);
    row(
      'slowest queries (worst run)',
      perQuery
        .slice(0, 3)
        .map(([q, ms]) => `${q} ${fmt(ms)} ms`)
        .join(', '),
    );
    row(
      'p50 / p95',
      `${fmt(percentile(latencies, 50))} ms / ${fmt(percentile(latencies, 95))} ms  (targets: 30 ms / 100 ms)`,
    );
    row(
      'first page streamed, before the total: p50 / p95',
      `${fmt(percentile(firstPages, 50))} ms / ${fmt(percentile(firstPages, 95))} ms`,
    );
    row('CPU time per query: p50 / p95', `${fmt(percentile(cpuTimes, 50))} ms / ${fmt(percentile(cpuTimes, 95))} ms`);
    // Other work on the machine slows every figure above: say how busy it was.
    row(
      'load average (1 min) before / after the queries',
      `${fmt(loadBefore, 2)} / ${fmt(loadavg()[0]!, 2)} on ${availableParallelism()} cores`,
    );

    heading('Index build: the same tokens into FTS4 with sql.js (Locket) vs native sqlite3 (baseline), 100k messages');
    const tokens = sample.map((t) => indexTokens(t));
    const sqljsMs = await timeMs(async () => {
      const SQL = await loadSqlJs();
      const db = new SQL.Database();
      db.exec('CREATE VIRTUAL TABLE t USING fts4(tokens, tokenize=simple); BEGIN');
      const insert = db.prepare('INSERT INTO t (docid, tokens) VALUES (?, ?)');
      tokens.forEach((tk, i) => insert.run([i + 1, tk]));
      insert.free();
      db.exec('COMMIT');
      db.close();
    });
    const native = nativeFts4BuildMs(tokens, root);
    row('sql.js FTS4 build (what Locket runs)', `${fmt(sqljsMs, 0)} ms`);
    row(
      'native sqlite3 FTS4 build (baseline)',
      native === null
        ? 'skipped: no sqlite3 command (apt-get install sqlite3)'
        : `${fmt(native, 0)} ms  (Locket ${fmt(sqljsMs / native, 2)}x; target 1.5x)`,
    );
    row('plus tokenizing in JS (Locket only)', `${fmt(tokenizeMs, 0)} ms`);

    heading('Time to first result, cold (just after unlock: no shard decrypted yet)');
    await session.lock();
    const cold = await VaultSession.open(join(root, 'search.locket'), { passphrase: 'bench passphrase' });
    let firstMs = -1;
    const started = performance.now();
    await runSearch(cold, parseQuery('今天晚上', { timeZone: 'UTC' }), {
      limit: 50,
      onResults: (p) => {
        if (firstMs < 0 && p.results.length > 0) firstMs = performance.now() - started;
      },
    });
    row('first result of 今天晚上', `${fmt(firstMs, 0)} ms  (target: 2,000 ms)`);
    await cold.lock();

    heading('Cold search in a fresh process: unlock, then 今天 (first page of 50), median of 3 each');
    const runs: Record<ColdMode, ColdRun[]> = { page: [], counted: [], first: [] };
    for (let i = 0; i < 3; i++)
      for (const mode of ['counted', 'page'] as const)
        runs[mode].push(coldSearch(join(root, 'search.locket'), 'bench passphrase', '今天', mode));
    const mid = (mode: ColdMode, pick: (r: ColdRun) => number) => median(runs[mode].map(pick));
    const { shards: shardCount, total: coldTotal } = runs.page[0]!;
    row(
      'unlock',
      `${fmt(
        mid('page', (r) => r.unlockMs),
        0,
      )} ms`,
    );
    row(
      'first page + exact total in one pass (before: every shard decrypted)',
      `${fmt(
        mid('counted', (r) => r.pageMs),
        0,
      )} ms, peak RSS ${fmt(
        mid('counted', (r) => r.pageRssMiB),
        0,
      )} MiB  (${coldTotal} matches, ${shardCount} shards)`,
    );
    row(
      'first page, stopping once it is full (now)',
      `${fmt(
        mid('page', (r) => r.pageMs),
        0,
      )} ms, peak RSS ${fmt(
        mid('page', (r) => r.pageRssMiB),
        0,
      )} MiB  (${fmt(
        mid('page', (r) => r.pageShards),
        0,
      )} of ${shardCount} shards decrypted)`,
    );
    row(
      'then the exact total, counted after the page (now)',
      `${fmt(
        mid('page', (r) => r.totalMs),
        0,
      )} ms from the search's start, peak RSS ${fmt(
        mid('page', (r) => r.totalRssMiB),
        0,
      )} MiB`,
    );
    if (runs.page.some((r) => r.total !== coldTotal) || runs.counted.some((r) => r.total !== coldTotal)) {
      row('cold totals disagree', 'MISMATCH');
      mismatches++;
    }
    if (mismatches > 0) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
