/**
 * `npm run bench catalog` (issue 19): what the per-shard counts cost the catalog at the 10M scale bench's shape,
 * LOCKET_BENCH_CATALOG_SHARDS shards (560) × LOCKET_BENCH_CATALOG_CHATS chats (2,000), every chat in every shard, with
 * LOCKET_BENCH_CATALOG_MEDIA media references (100,000). The catalog is filled directly (no messages: importing 10M
 * takes 15 minutes) in both layouts, measured the same way in the same run:
 *
 * - before: the rows of catalog migration 0006 (`shard_conversations`, `shard_media`), in a catalog that stops at
 *   migration 8, as Locket 0.2.0 wrote it;
 * - after: one packed `shard_counts` row per shard (migration 0009).
 *
 * Per layout: the catalog's export (what sql.js holds in memory) and file (deflated, encrypted) with and without the
 * counts, an unlock in a fresh process (its time and peak resident memory), and a small commit (one setting, as a
 * tag or a hold commits only the catalog). Then the "before" vault is opened by this version, which converts it
 * (migration 0009) and commits it at that unlock. Every step runs in a child process of its own.
 *
 * With LOCKET_BENCH_CATALOG_MESSAGES set, a generated PC 3.x backup of that many messages over the chats is imported
 * instead, and "before" is a copy of that vault with the same counts written back as rows (schema 8).
 */
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Database } from 'sql.js';
import { catalogMigrations } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrate';
import { packShardCounts, type ShardConversationCount } from '../../electron/core/db/shard-counts-codec';
import { all, loadSqlJs, setSetting, tuneInMemoryDatabase, vacuumInMemory } from '../../electron/core/db/sqlite';
import { Pc3Reader } from '../../electron/core/importing/pc3/read-pc3';
import { importSources } from '../../electron/core/importing/pipeline/import-sources';
import { VaultSession } from '../../electron/core/session/vault-session';
import {
  shardConversationCounts,
  shardsHoldingConversation,
  uncountedShardIds,
} from '../../electron/core/store/shard-counts';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { generatePc3Bulk } from '../fixtures/generate-pc3-bulk';
import { writeCatalogAsVersion8 } from '../helpers/catalog-as-version-8';
import { seededRandom } from '../helpers/seeded-random';
import { fmt, heading, median, row, runStepInChild, timeMs } from './bench-util';

const SHARDS = Number(process.env.LOCKET_BENCH_CATALOG_SHARDS ?? 560);
const CHATS = Number(process.env.LOCKET_BENCH_CATALOG_CHATS ?? 2_000);
const MEDIA = Number(process.env.LOCKET_BENCH_CATALOG_MEDIA ?? 100_000);
/** Set: a generated backup of this many messages over CHATS chats is imported instead of filling the catalog. */
const MESSAGES = Number(process.env.LOCKET_BENCH_CATALOG_MESSAGES ?? 0);
const PASSPHRASE = 'bench passphrase';
const STEP = 'LOCKET_BENCH_CATALOG_STEP';
/** A shard's time range: ten years over 560 shards is about 6.5 days each. */
const SPAN = Math.floor((10 * 365 * 86_400) / 560);
const T0 = 1_400_000_000;
const COMMITS = 5;
const MiB = 1024 * 1024;

type Layout = 'rows' | 'packed';
const peakMiB = () => process.resourceUsage().maxRSS / 1024;

/** Locket 0.2.0's catalog: migrations up to 8, whose counts are rows. Only in the "rows" child processes. */
function stopMigrationsAt0008(): void {
  (catalogMigrations as Migration[]).splice(8);
}

const hex32 = (random: () => number) =>
  Array.from({ length: 4 }, () =>
    Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');

/** The same counts for either layout, from one seed: each chat's messages in each shard, and the media references. */
function* shardsToFill(): Generator<{
  fileId: string;
  start: number;
  counts: ShardConversationCount[];
  media: { conversationId: number; mediaId: string; refs: number }[];
}> {
  const random = seededRandom(19);
  const mediaPerShard = Math.floor(MEDIA / SHARDS);
  for (let s = 0; s < SHARDS; s++) {
    const start = T0 + s * SPAN;
    const counts: ShardConversationCount[] = [];
    for (let c = 1; c <= CHATS; c++) {
      const oldest = start + Math.floor(random() * (SPAN / 2));
      const messages = 1 + Math.floor(random() * 17);
      counts.push({
        conversationId: c,
        messages,
        oldest,
        newest: oldest + Math.floor(random() * (SPAN / 2)),
        classed: random() < 0.01 ? 1 : 0,
      });
    }
    const media = new Map<string, { conversationId: number; mediaId: string; refs: number }>();
    for (let i = 0; i < mediaPerShard; i++) {
      const conversationId = 1 + Math.floor(random() * CHATS);
      const mediaId = hex32(random);
      media.set(`${conversationId}/${mediaId}`, { conversationId, mediaId, refs: 1 });
    }
    yield { fileId: hex32(random), start, counts, media: [...media.values()] };
  }
}

// ---- The steps, each in a child process ----

interface SizeFigures {
  exportBytes: number;
  exportWithoutCountsBytes: number;
  deflatedBytes: number;
  deflatedWithoutCountsBytes: number;
  fileBytes: number;
}

async function fillStep(layout: Layout, vault: string): Promise<SizeFigures & { fillMs: number }> {
  if (layout === 'rows') stopMigrationsAt0008();
  const { session } = await VaultSession.create(vault, PASSPHRASE, {
    kdf: KDF_TEST_PARAMS,
    recoveryKdf: KDF_TEST_PARAMS,
  });
  const fillMs = await timeMs(() =>
    session.write((w) => {
      const shard = w.catalog.prepare(
        "INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES (?, ?, ?, ?, 1, x'', 0)",
      );
      const conversation = w.catalog.prepare(
        layout === 'rows'
          ? 'INSERT INTO shard_conversations (shard_id, conversation_id, messages, oldest, newest, classed) VALUES (?, ?, ?, ?, ?, ?)'
          : 'INSERT INTO shard_counts (shard_id, messages, conversation_ids, conversation_counts, media_refs) VALUES (?, ?, ?, ?, ?)',
      );
      const media =
        layout === 'rows'
          ? w.catalog.prepare('INSERT INTO shard_media (shard_id, conversation_id, media_id, refs) VALUES (?, ?, ?, ?)')
          : null;
      for (const s of shardsToFill()) {
        const total = s.counts.reduce((n, c) => n + c.messages, 0);
        shard.run([s.fileId, s.start, s.start + SPAN, total]);
        if (layout === 'packed') {
          const packed = packShardCounts(s.counts, s.media)!;
          conversation.run([s.fileId, total, packed.conversationIds, packed.conversationCounts, packed.mediaRefs]);
          continue;
        }
        for (const c of s.counts)
          conversation.run([s.fileId, c.conversationId, c.messages, c.oldest, c.newest, c.classed]);
        for (const m of s.media) media!.run([s.fileId, m.conversationId, m.mediaId, m.refs]);
      }
      shard.free();
      conversation.free();
      media?.free();
    }),
  );
  const sizes = await measureSizes(session, layout, vault);
  await session.lock();
  return { ...sizes, fillMs };
}

/** What sql.js holds and what the file deflates, with the counts and without them (dropped, then vacuumed). */
async function measureSizes(session: VaultSession, layout: Layout, vault: string): Promise<SizeFigures> {
  const catalog = session.catalog as Database;
  const exported = catalog.export();
  tuneInMemoryDatabase(catalog);
  const SQL = await loadSqlJs();
  const copy = new SQL.Database(exported);
  copy.exec(
    layout === 'rows'
      ? 'DROP TABLE shard_conversations; DROP TABLE shard_media; VACUUM'
      : 'DROP TABLE shard_counts; VACUUM',
  );
  const without = copy.export();
  copy.close();
  // zlib level 4, as the vault deflates its files (vault/compression.ts).
  return {
    exportBytes: exported.length,
    exportWithoutCountsBytes: without.length,
    deflatedBytes: deflateSync(exported, { level: 4 }).length,
    deflatedWithoutCountsBytes: deflateSync(without, { level: 4 }).length,
    fileBytes: statSync(join(vault, 'catalog.lkt')).size,
  };
}

/** The sizes of a vault as it is on disk, opened without changing it. */
async function sizeStep(layout: Layout, vault: string): Promise<SizeFigures> {
  if (layout === 'rows') stopMigrationsAt0008();
  const session = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { removesLeftovers: false });
  const sizes = await measureSizes(session, layout, vault);
  await session.lock();
  return sizes;
}

/** A generated PC 3.x backup of MESSAGES messages over CHATS chats, imported into a new vault. */
async function importStep(vault: string): Promise<{ importMs: number; shards: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'locket-catalog-source-'));
  try {
    const backup = await generatePc3Bulk(dir, MESSAGES, 250_000, { chats: CHATS });
    const { session } = await VaultSession.create(vault, PASSPHRASE, {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
    });
    const importMs = await timeMs(() => importSources(session, [{ path: backup, reader: new Pc3Reader(backup) }]));
    const shards = session.listShards().length;
    await session.lock();
    return { importMs, shards };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A copy of an imported vault with its catalog as Locket 0.2.0 wrote it: the counts as the rows of migration 0006
 * (the same counts, unpacked), schema 8. Committed by this version, so only the counts' layout differs.
 */
async function downgradeStep(from: string, to: string): Promise<Record<string, never>> {
  cpSync(from, to, { recursive: true });
  const session = await VaultSession.open(to, { passphrase: PASSPHRASE });
  await session.write((w) => {
    writeCatalogAsVersion8(w.catalog, session.listShards());
    vacuumInMemory(w.catalog);
  });
  await session.lock();
  return {};
}

interface OpenFigures {
  unlockMs: number;
  unlockRssMiB: number;
  commitMs: number;
  firstCommitMs: number;
  rssMiB: number;
  fileBytes: number;
  /** The unlock's check of every shard's counts, a walk reading every shard's (a wipe), one chat's shards. */
  checkMs: number;
  walkMs: number;
  holdingMs: number;
  /** What the walk read: the same in both layouts. */
  counted: number;
}

async function openStep(layout: Layout, vault: string, isUpgrade: boolean): Promise<OpenFigures> {
  if (layout === 'rows') stopMigrationsAt0008();
  let session!: VaultSession;
  // Both layouts unlock alike, without the cleanup and the check of which shards are counted, which this version
  // cannot run on the rows: that check is timed on its own below. An upgrade unlocks as the app does (it converts
  // and commits there).
  const options = isUpgrade ? {} : { removesLeftovers: false };
  const unlockMs = await timeMs(
    async () => (session = await VaultSession.open(vault, { passphrase: PASSPHRASE }, options)),
  );
  const unlockRssMiB = peakMiB();
  const extra = layout === 'packed' ? readPacked(session) : readRows(session);
  const times: number[] = [];
  for (let i = 0; i < COMMITS; i++)
    times.push(await timeMs(() => session.write((w) => setSetting(w.catalog, 'benchCommit', i))));
  await session.lock();
  return {
    unlockMs,
    unlockRssMiB,
    firstCommitMs: times[0]!,
    commitMs: median(times.slice(1)),
    rssMiB: peakMiB(),
    fileBytes: statSync(join(vault, 'catalog.lkt')).size,
    ...extra,
  };
}

/** This version's reads of the counts: the unlock's check, every shard's counts, the shards holding one chat. */
type Reads = Pick<OpenFigures, 'checkMs' | 'walkMs' | 'holdingMs' | 'counted'>;

function readPacked(session: VaultSession): Reads {
  let uncounted = -1;
  const checkMs = timeSync(() => (uncounted = uncountedShardIds(session.catalog).length));
  if (uncounted !== 0) throw new Error(`${uncounted} shards are not counted`);
  const counts = shardConversationCounts(session.catalog);
  let conversations = 0;
  const walkMs = timeSync(() => {
    for (const s of session.listShards()) conversations += counts.get(s.fileId)?.length ?? 0;
  });
  const holdingMs = timeSync(() => shardsHoldingConversation(session.catalog, CHATS));
  return { checkMs, walkMs, holdingMs, counted: conversations };
}

/** The same reads as Locket 0.2.0 made them (store/shard-counts.ts at ffe86b3), on its rows. */
function readRows(session: VaultSession): Reads {
  const catalog = session.catalog;
  const checkMs = timeSync(() =>
    all(
      catalog,
      `SELECT file_id FROM shards WHERE message_count > 0
         AND NOT EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id) ORDER BY start_time`,
    ),
  );
  let conversations = 0;
  const walkMs = timeSync(() => {
    for (const s of session.listShards())
      conversations += all<{
        conversation_id: number;
        messages: number;
        oldest: number;
        newest: number;
        classed: number;
      }>(
        catalog,
        'SELECT conversation_id, messages, oldest, newest, classed FROM shard_conversations WHERE shard_id = ?',
        [s.fileId],
      ).map((r) => ({
        conversationId: r.conversation_id,
        messages: r.messages,
        oldest: r.oldest,
        newest: r.newest,
        classed: r.classed,
      })).length;
  });
  const holdingMs = timeSync(() =>
    all(
      catalog,
      `SELECT file_id FROM shards WHERE message_count > 0
         AND (EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id AND conversation_id = ?)
              OR NOT EXISTS (SELECT 1 FROM shard_conversations WHERE shard_id = shards.file_id))`,
      [CHATS],
    ),
  );
  return { checkMs, walkMs, holdingMs, counted: conversations };
}

function timeSync(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

type Step =
  | { kind: 'fill' | 'size'; layout: Layout; vault: string }
  | { kind: 'open'; layout: Layout; vault: string; isUpgrade?: boolean }
  | { kind: 'import'; vault: string }
  | { kind: 'downgrade'; vault: string; to: string };

/** Runs one step in a child process (this file again) and reads back its figures. */
const runStep = <T>(step: Step): T => runStepInChild<T>(import.meta.filename, STEP, step);

async function stepInChild(step: Step): Promise<void> {
  console.log(JSON.stringify(await figuresOf(step)));
}

function figuresOf(step: Step): Promise<unknown> {
  switch (step.kind) {
    case 'fill':
      return fillStep(step.layout, step.vault);
    case 'size':
      return sizeStep(step.layout, step.vault);
    case 'import':
      return importStep(step.vault);
    case 'downgrade':
      return downgradeStep(step.vault, step.to);
    case 'open':
      return openStep(step.layout, step.vault, step.isUpgrade === true);
  }
}

// ---- The table ----

const mib = (n: number) => `${fmt(n / MiB, 2)} MiB`;
const ms = (n: number) => `${fmt(n, 0)} ms`;
const load = () => `load ${fmt(loadavg()[0]!, 1)}`;

export async function benchCatalog(): Promise<void> {
  heading(
    MESSAGES
      ? `Catalog counts: a generated PC 3.x backup of ${MESSAGES.toLocaleString('en-US')} messages over ${CHATS} chats, imported`
      : `Catalog counts: ${SHARDS} shards × ${CHATS} chats (${(SHARDS * CHATS).toLocaleString('en-US')} shard-chat pairs), ${MEDIA.toLocaleString('en-US')} media references`,
  );
  const root = mkdtempSync(join(tmpdir(), 'locket-catalog-bench-'));
  const vaultOf = (layout: Layout) => join(root, `${layout}.locket`);
  try {
    const sizes = {} as Record<Layout, SizeFigures>;
    if (MESSAGES) {
      const imported = runStep<{ importMs: number; shards: number }>({ kind: 'import', vault: vaultOf('packed') });
      row('imported', `${fmt(imported.importMs / 1000)} s, ${imported.shards} shards; ${load()}`);
      runStep({ kind: 'downgrade', vault: vaultOf('packed'), to: vaultOf('rows') });
      for (const layout of ['rows', 'packed'] as const)
        sizes[layout] = runStep<SizeFigures>({ kind: 'size', layout, vault: vaultOf(layout) });
    } else {
      for (const layout of ['rows', 'packed'] as const)
        sizes[layout] = runStep<SizeFigures>({ kind: 'fill', layout, vault: vaultOf(layout) });
    }
    const opened = {} as Record<Layout, OpenFigures & { load: string }>;
    for (const layout of ['rows', 'packed'] as const)
      opened[layout] = { ...runStep<OpenFigures>({ kind: 'open', layout, vault: vaultOf(layout) }), load: load() };
    const pair = (label: string, value: (l: Layout) => string) =>
      row(label, `before ${value('rows').padStart(12)}   after ${value('packed').padStart(12)}`);
    pair('catalog in memory (sql.js export)', (l) => mib(sizes[l].exportBytes));
    pair('  of which the counts', (l) => mib(sizes[l].exportBytes - sizes[l].exportWithoutCountsBytes));
    pair('catalog deflated (level 4)', (l) => mib(sizes[l].deflatedBytes));
    pair('  of which the counts', (l) => mib(sizes[l].deflatedBytes - sizes[l].deflatedWithoutCountsBytes));
    pair('catalog.lkt on disk', (l) => mib(sizes[l].fileBytes));
    pair('unlock in a fresh process (test KDF, no cleanup)', (l) => ms(opened[l].unlockMs));
    pair('  peak RSS', (l) => `${fmt(opened[l].unlockRssMiB, 0)} MiB`);
    pair('small commit (one setting), first', (l) => ms(opened[l].firstCommitMs));
    pair(`small commit, median of the next ${COMMITS - 1}`, (l) => ms(opened[l].commitMs));
    pair('  peak RSS after the commits', (l) => `${fmt(opened[l].rssMiB, 0)} MiB`);
    pair('load average (1 min, 2 cores)', (l) => opened[l].load);
    pair('  + which shards are not counted (the unlock asks)', (l) => ms(opened[l].checkMs));
    pair('every shard counts read (a wipe over all)', (l) => ms(opened[l].walkMs));
    pair('the shards holding one chat (opening it)', (l) => ms(opened[l].holdingMs));
    pair('shard-chat pairs read by that walk', (l) => opened[l].counted.toLocaleString('en-US'));
    if (opened.rows.counted !== opened.packed.counted) throw new Error('the two layouts read different counts');
    // An old vault opened by this version: migration 0009 converts it at unlock, and the unlock commits it.
    const upgraded = runStep<OpenFigures>({ kind: 'open', layout: 'packed', vault: vaultOf('rows'), isUpgrade: true });
    if (upgraded.counted !== opened.packed.counted) throw new Error('the conversion read different counts');
    row(
      'before-vault opened by this version',
      `unlock ${ms(upgraded.unlockMs)} (converts and commits, peak ${fmt(upgraded.unlockRssMiB, 0)} MiB), first commit ${ms(upgraded.firstCommitMs)}, then ${ms(upgraded.commitMs)}; catalog.lkt ${mib(upgraded.fileBytes)}; ${load()}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.env[STEP]) void stepInChild(JSON.parse(process.env[STEP]) as Step);
