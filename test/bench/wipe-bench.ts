import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import type { WipeSelection } from '../../electron/ipc/contract';
import { Pc3Reader } from '../../electron/core/importing/pc3/read-pc3';
import { importSources } from '../../electron/core/importing/pipeline/import-sources';
import { WipeTally, collectFromShard, collectWipeSet, planWipe } from '../../electron/core/retention/collect-wipe-set';
import { executeWipe } from '../../electron/core/retention/execute-wipe';
import { all } from '../../electron/core/db/sqlite';
import { FileKind, sealBuffer } from '../../electron/core/vault/envelope';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { generatePc3Bulk } from '../fixtures/generate-pc3-bulk';
import { fmt, heading, row, timeMs } from './bench-util';

const MESSAGES = Number(process.env.LOCKET_BENCH_WIPE_MESSAGES ?? 200_000);
const PASSPHRASE = 'bench passphrase';
const MiB = 1024 * 1024;
const REPO = join(import.meta.dirname, '../..');

type WipeCase = 'conversation' | 'expired' | 'floors';

interface CaseResult {
  previewMs: number;
  /** The shards the preview decrypted: the rest it counted from the catalog. */
  shardsRead: number;
  /** The same preview as it was before the catalog kept counts: every shard it covers read, message by message. */
  readingMs: number;
  wipeMs: number;
  /** CPU time of the wipe's process, this thread and the thread pool's (deflate, fsync) together. */
  wipeCpuMs: number;
  messages: number;
  chatMessages: number;
  shards: number;
  rssOpenMiB: number;
  peakRssMiB: number;
}

/** The chats of a vault, most messages first. */
function chatsBySize(session: VaultSession): { id: number; messages: number }[] {
  return all<{ id: number; messages: number }>(
    session.catalog,
    'SELECT id, message_count AS messages FROM conversations ORDER BY message_count DESC, id',
  );
}

/**
 * One wipe as `locket wipe VAULT … --yes` runs it once the vault is unlocked: the preview on a cold shard cache, then
 * the wipe in the same session. Runs in a process of its own (runCase), so its peak memory is its own.
 */
async function wipeCase(vault: string, cacheBytes: number, kind: WipeCase): Promise<CaseResult> {
  const prepare = await VaultSession.open(vault, { passphrase: PASSPHRASE });
  const chats = chatsBySize(prepare);
  let selection: WipeSelection = { kind: 'conversation', conversationId: chats[0]!.id };
  let chatMessages = chats[0]!.messages;
  if (kind === 'expired') {
    const transient = all<{ id: number }>(
      prepare.catalog,
      "SELECT id FROM retention_classes WHERE name = 'Transient'",
    )[0]!.id;
    await prepare.write((w) =>
      w.catalog.run('UPDATE conversations SET retention_class_id = ? WHERE id = ?', [transient, chats[1]!.id]),
    );
    selection = { kind: 'expired' };
    chatMessages = chats[1]!.messages;
  }
  await prepare.lock();
  // The baseline first, in a session of its own, so the measured preview and wipe start from a cold shard cache.
  const reader = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { shardCacheBytes: cacheBytes });
  let readingMessages = 0;
  const readingMs = await timeMs(async () => (readingMessages = await previewByReading(reader, selection)));
  await reader.lock();
  const session = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { shardCacheBytes: cacheBytes });
  const rssOpenMiB = process.memoryUsage().rss / MiB;
  let messages = 0;
  let shards = 0;
  let shardsRead = 0;
  const previewMs = await timeMs(async () => {
    const { preview, shardsRead: read } = await collectWipeSet(session, selection, Date.now());
    messages = preview.messages;
    shardsRead = read;
  });
  if (readingMessages !== messages)
    throw new Error(`the preview counted ${messages} messages, reading every shard ${readingMessages}`);
  const cpuBefore = process.cpuUsage();
  const wipeMs = await timeMs(async () => {
    const certificate = await executeWipe(session, selection, messages);
    shards = (certificate.body.counts as { shardsRewritten: number }).shardsRewritten;
  });
  const cpu = process.cpuUsage(cpuBefore);
  await session.lock();
  return {
    previewMs,
    shardsRead,
    readingMs,
    wipeMs,
    wipeCpuMs: (cpu.user + cpu.system) / 1000,
    messages,
    chatMessages,
    shards,
    rssOpenMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** A preview as it was before the catalog kept counts: every shard the plan names decrypted and read. */
async function previewByReading(session: VaultSession, selection: WipeSelection): Promise<number> {
  const plan = planWipe(session, selection, Date.now());
  const tally = new WipeTally();
  for (const entry of plan.shards) collectFromShard(plan, entry, await session.shard(entry), tally);
  return tally.messages;
}

/** Runs one case on a copy of the vault in a child process (this file, run by tsx), and reads back its figures. */
function runCase<T = CaseResult>(vault: string, copy: string, cacheBytes: number, kind: WipeCase): T {
  rmSync(copy, { recursive: true, force: true });
  cpSync(vault, copy, { recursive: true });
  try {
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), import.meta.filename], {
      encoding: 'utf8',
      env: { ...process.env, LOCKET_BENCH_WIPE_CASE: JSON.stringify({ vault: copy, cacheBytes, kind }) },
      maxBuffer: 16 * MiB,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
    if (result.status !== 0 || !line)
      throw new Error(`the ${kind} wipe case failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
    return JSON.parse(line) as T;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * The least any wipe of a chat on every shard must do, measured on the same vault: every shard decrypted (the floor
 * of a preview that reads them all), and every shard decrypted, exported, compressed and encrypted under a new key as
 * the vault writes shards, and written (the floor of the wipe, which must rewrite each shard to destroy its old key).
 */
async function floors(vault: string, cacheBytes: number): Promise<{ readMs: number; rewriteMs: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'locket-wipe-floor-'));
  const reader = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { shardCacheBytes: cacheBytes });
  const readMs = await timeMs(async () => {
    for (const entry of reader.listShards()) await reader.shard(entry);
  });
  await reader.lock();
  const rewriter = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { shardCacheBytes: cacheBytes });
  const key = new Uint8Array(32).fill(7);
  const identity = { vaultId: new Uint8Array(16), kind: FileKind.shard, fileId: new Uint8Array(16) };
  const rewriteMs = await timeMs(async () => {
    for (const entry of rewriter.listShards())
      writeFileSync(
        join(scratch, 'floor.lkt'),
        await sealBuffer(identity, key, ((await rewriter.shard(entry)) as Database).export(), undefined, {
          compress: true,
        }),
      );
  });
  await rewriter.lock();
  rmSync(scratch, { recursive: true, force: true });
  return { readMs, rewriteMs };
}

/** Both wipe cases on an existing vault (left unchanged: each case wipes a copy), with their baselines. */
export async function measureWipes(vault: string, cacheBytes: number, scratch: string): Promise<void> {
  const info = await VaultSession.open(vault, { passphrase: PASSPHRASE });
  const shards = info.listShards();
  const vaultBytes = shards.reduce((n, s) => n + s.byteSize, 0);
  const chats = chatsBySize(info).length;
  await info.lock();
  row(
    'vault',
    `${shards.length} shards, ${fmt(vaultBytes / MiB, 0)} MiB of shards, ${chats} chats; shard cache ${fmt(cacheBytes / MiB, 0)} MiB`,
  );
  const copy = join(scratch, 'copy.locket');
  // Measured like the cases: in a process of its own, on a fresh copy.
  const floor = runCase<{ readMs: number; rewriteMs: number }>(vault, copy, cacheBytes, 'floors');
  row('baseline: every shard decrypted once, cold', `${fmt(floor.readMs / 1000, 2)} s`);
  row(
    'baseline: every shard decrypted, exported, compressed, encrypted, written',
    `${fmt(floor.rewriteMs / 1000, 2)} s`,
  );
  for (const kind of ['conversation', 'expired'] as const) {
    const r = runCase(vault, copy, cacheBytes, kind);
    const what =
      kind === 'conversation'
        ? `a chat of ${r.chatMessages.toLocaleString('en-US')} messages`
        : `expired: Transient on a chat of ${r.chatMessages.toLocaleString('en-US')}`;
    row(
      `${what}, preview (cold cache)`,
      `${fmt(r.previewMs / 1000, 2)} s for ${r.messages.toLocaleString('en-US')} messages, ${r.shardsRead} of ${shards.length} shards decrypted  (${fmt(r.previewMs / floor.readMs, 3)}x decrypting every shard)`,
    );
    row(
      '  baseline: the same preview reading every shard it covers',
      `${fmt(r.readingMs / 1000, 2)} s  (the catalog's counts: ${fmt(r.readingMs / Math.max(1, r.previewMs), 0)}x faster)`,
    );
    row(
      '  then the wipe, same session',
      `${fmt(r.wipeMs / 1000, 2)} s (CPU ${fmt(r.wipeCpuMs / 1000, 2)} s), ${r.shards} shards rewritten  (${fmt(r.wipeMs / floor.rewriteMs, 2)}x rewriting every shard)`,
    );
    row('  preview + wipe', `${fmt((r.previewMs + r.wipeMs) / 1000, 2)} s`);
    row(
      '  resident memory of its process: vault open, peak',
      `${fmt(r.rssOpenMiB, 0)} MiB, ${fmt(r.peakRssMiB, 0)} MiB (shard cache ${fmt(cacheBytes / MiB, 0)} MiB)`,
    );
  }
  row('load average (1 min) at the end, on this many cores', `${fmt(loadavg()[0]!, 1)} on ${availableParallelism()}`);
}

/**
 * `npm run bench wipe`: wipes in a generated PC 3.x vault where every chat spreads over every shard (issue 17,
 * item 5): a whole chat, and what expired after one chat was given the Transient class. The shard cache is set to
 * the share of the vault that the default 256 MiB is of a 1M-message vault (0.4), so that here too each wipe walks
 * through far more shards than the cache holds. LOCKET_BENCH_WIPE_MESSAGES sets the size (200,000 by default).
 */
export async function benchWipe(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-wipe-bench-'));
  try {
    heading(
      `Wipe of a chat on every shard, and of what expired: generated ${MESSAGES.toLocaleString('en-US')}-message PC WeChat 3.x vault`,
    );
    let backup = '';
    const genMs = await timeMs(async () => (backup = await generatePc3Bulk(root, MESSAGES)));
    const vault = join(root, 'wipe.locket');
    const { session } = await VaultSession.create(vault, PASSPHRASE, {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
    });
    const importMs = await timeMs(() => importSources(session, [{ path: backup, reader: new Pc3Reader(backup) }], {}));
    const vaultBytes = session.listShards().reduce((n, s) => n + s.byteSize, 0);
    await session.lock();
    rmSync(backup, { recursive: true, force: true });
    row(
      'generating and importing the backup (not measured below)',
      `${fmt(genMs / 1000)} s + ${fmt(importMs / 1000)} s`,
    );
    await measureWipes(vault, Math.max(16 * MiB, Math.round(vaultBytes * 0.4)), root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** In the child process runCase starts: one case, its figures printed as one JSON line. */
async function runCaseInChild(spec: string): Promise<void> {
  const { vault, cacheBytes, kind } = JSON.parse(spec) as { vault: string; cacheBytes: number; kind: WipeCase };
  console.log(
    JSON.stringify(kind === 'floors' ? await floors(vault, cacheBytes) : await wipeCase(vault, cacheBytes, kind)),
  );
}

if (process.env.LOCKET_BENCH_WIPE_CASE) void runCaseInChild(process.env.LOCKET_BENCH_WIPE_CASE);
