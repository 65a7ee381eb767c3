import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Session } from 'node:inspector/promises';
import { all } from '../../electron/core/db/sqlite';
import { exportEvidence } from '../../electron/core/evidence/export-evidence';
import { buildExportRequest } from '../../electron/core/evidence/export-request';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { BENCH_OWNER, fillBenchVault, type BenchConversation } from './bench-vault-fill';
import { fmt, heading, row, timeMs } from './bench-util';

const MESSAGES = Number(process.env.LOCKET_BENCH_EXPORT_MESSAGES ?? 200_000);
const CHATS = 200;
const QUERY = '今天';
const PASSPHRASE = 'bench passphrase';
const MiB = 1024 * 1024;
const REPO = join(import.meta.dirname, '../..');
const START = 1_600_000_000;
const SPAN = 3 * 365 * 86_400;

type ExportCase = 'conversation' | 'query' | 'conversation-floor' | 'query-floor';

interface CaseResult {
  ms: number;
  /** CPU time of the process while it exported (user + system): what load from other work on the machine changes least. */
  cpuMs: number;
  messages: number;
  shards: number;
  peakRssMiB: number;
}

/**
 * 200 chats over three years, as an archive holds them: a fifth are groups talking the whole time, the rest are
 * active for a few months each, so a chat lives in a few shards and a search's hits in all of them. About one
 * message in 32 says 今天.
 */
function benchConversations(): BenchConversation[] {
  const people = Array.from({ length: 400 }, (_, i) => `wxid_person${String(i).padStart(3, '0')}`);
  return Array.from({ length: CHATS }, (_, i) => {
    const isGroup = i % 5 === 0;
    const count = Math.floor(MESSAGES / CHATS);
    const span = isGroup ? SPAN : SPAN / 12;
    const start = START + (isGroup ? i * 7 : Math.floor(((SPAN - span) * i) / CHATS));
    return {
      id: i + 1,
      username: isGroup ? `${1000 + i}@chatroom` : people[i]!,
      name: `会话 ${i + 1}`,
      isGroup,
      count,
      start,
      spacing: Math.max(1, Math.floor(span / count)),
      senders: isGroup ? [BENCH_OWNER, ...people.slice(i, i + 12)] : [BENCH_OWNER, people[i]!],
      text: (n) =>
        (n + i) % 32 === 0
          ? `${QUERY}晚上一起吃饭吗？第 ${n + 1} 条`
          : n % 7 === 0
            ? `第 ${n + 1} 条：${'很长的一段话，'.repeat(1 + (n % 5))}\n换行之后还有一行。`
            : `消息 ${n + 1}`,
    };
  });
}

/** The chat the one-conversation case exports: one active for a few months, in the middle of the archive. */
const CONVERSATION_ID = CHATS / 2 + 2;

/**
 * One case in a process of its own (its peak memory is its own), on the default shard cache as the CLI has it:
 * - `conversation` / `query`: `locket export VAULT --conversation ID` / `--query 今天 --format zip`, once unlocked;
 * - `*-floor`: the least either must do, the same messages read straight from the shards that hold them (decrypted
 *   once each) and written as plain JSON lines, with no transcript, CSV, names, hashing or bag.
 */
async function runInChild(vault: string, out: string, kind: ExportCase): Promise<CaseResult> {
  const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
  let messages = 0;
  let shards = 0;
  const profiler = await startProfile();
  const cpuBefore = process.cpuUsage();
  const ms = await timeMs(async () => {
    if (kind === 'conversation' || kind === 'query') {
      const request = buildExportRequest({
        ...(kind === 'conversation' ? { conversationIds: [CONVERSATION_ID] } : { query: QUERY, format: 'zip' }),
        timeZone: 'Asia/Shanghai',
        outputPath: join(out, kind === 'query' ? 'bag.zip' : 'bag'),
      });
      const result = await exportEvidence(session, request, () => {}, new AbortController().signal, {
        pdfPrinter: null,
      });
      messages = result.messages;
      return;
    }
    const range = all<{ first: number; last: number }>(
      session.catalog,
      'SELECT first_message_time AS first, last_message_time AS last FROM conversations WHERE id = ?',
      [CONVERSATION_ID],
    )[0]!;
    const stream = createWriteStream(join(out, 'floor.jsonl'));
    for (const entry of session.listShards()) {
      if (kind === 'conversation-floor' && (entry.endTime <= range.first || entry.startTime > range.last)) continue;
      const db = await session.shard(entry);
      shards++;
      const rows =
        kind === 'conversation-floor'
          ? all(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY time, id', [CONVERSATION_ID])
          : all(db, "SELECT * FROM messages WHERE text LIKE '%' || ? || '%' ORDER BY time, id", [QUERY]);
      for (const r of rows) if (!stream.write(`${JSON.stringify(r)}\n`)) await once(stream, 'drain');
      messages += rows.length;
    }
    stream.end();
    await once(stream, 'finish');
  });
  const cpu = process.cpuUsage(cpuBefore);
  await profiler?.stop(kind);
  await session.lock();
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    messages,
    shards,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * With LOCKET_BENCH_EXPORT_PROFILE=DIR, a CPU profile of each case's timed part (not the unlock or the module
 * loading a `node --cpu-prof` run also records) is written to DIR/<case>.cpuprofile, for Chrome's DevTools.
 */
async function startProfile(): Promise<{ stop(kind: ExportCase): Promise<void> } | null> {
  const dir = process.env.LOCKET_BENCH_EXPORT_PROFILE;
  if (!dir) return null;
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  return {
    async stop(kind) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(join(dir, `${kind}.cpuprofile`), JSON.stringify(profile));
      inspector.disconnect();
    },
  };
}

function runCase(vault: string, kind: ExportCase): CaseResult {
  const out = mkdtempSync(join(tmpdir(), 'locket-export-bench-out-'));
  try {
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), import.meta.filename], {
      encoding: 'utf8',
      env: { ...process.env, LOCKET_BENCH_EXPORT_CASE: JSON.stringify({ vault, out, kind }) },
      maxBuffer: 16 * MiB,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
    if (result.status !== 0 || !line)
      throw new Error(`the ${kind} export case failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
    return JSON.parse(line) as CaseResult;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `npm run bench export`: one conversation and a search exported from a generated vault, beside their floors. */
export async function benchExport(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-export-bench-'));
  try {
    heading(
      `Export: evidence bags from a ${MESSAGES.toLocaleString('en-US')}-message vault in ${CHATS} chats (LOCKET_BENCH_EXPORT_MESSAGES)`,
    );
    // A vault kept at LOCKET_BENCH_EXPORT_VAULT is filled once and reused by later runs (for profiling the CLI on it).
    const vault = process.env.LOCKET_BENCH_EXPORT_VAULT ?? join(root, 'export.locket');
    if (!existsSync(vault)) {
      const { session } = await VaultSession.create(vault, PASSPHRASE, {
        kdf: KDF_TEST_PARAMS,
        recoveryKdf: KDF_TEST_PARAMS,
        shardCacheBytes: 3 * 1024 ** 3,
      });
      const fillMs = await timeMs(() => fillBenchVault(session, benchConversations()));
      row('filling the vault', `${fmt(fillMs / 1000)} s, ${session.listShards().length} shards`);
      await session.lock();
    }
    // Indexed as an import leaves it: without the index a search checks the text of every message in the vault.
    const session = await VaultSession.open(vault, { passphrase: PASSPHRASE }, { shardCacheBytes: 3 * 1024 ** 3 });
    if (session.unindexedMessageCount > 0) {
      const indexMs = await timeMs(() => session.write((w) => w.indexBacklog()));
      row('building the search index', `${fmt(indexMs / 1000)} s`);
    }
    await session.lock();
    const line = (label: string, c: CaseResult, floor: CaseResult) =>
      row(
        label,
        `${fmt(c.ms / 1000, 2)} s (CPU ${fmt(c.cpuMs / 1000, 2)} s), ${c.messages.toLocaleString('en-US')} messages (${fmt(c.messages / (c.ms / 1000), 0)}/s), peak ${fmt(c.peakRssMiB, 0)} MiB; floor ${fmt(floor.ms / 1000, 2)} s (CPU ${fmt(floor.cpuMs / 1000, 2)} s, ${floor.messages.toLocaleString('en-US')} messages from ${floor.shards} shards, peak ${fmt(floor.peakRssMiB, 0)} MiB): ${fmt(c.ms / floor.ms, 1)}x`,
      );
    line('one conversation, folder bag', runCase(vault, 'conversation'), runCase(vault, 'conversation-floor'));
    line(`search ${QUERY}, zip`, runCase(vault, 'query'), runCase(vault, 'query-floor'));
    row('load average (1 min) / cores', `${fmt(loadavg()[0]!, 2)} / ${availableParallelism()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.env.LOCKET_BENCH_EXPORT_CASE) {
  const { vault, out, kind } = JSON.parse(process.env.LOCKET_BENCH_EXPORT_CASE) as {
    vault: string;
    out: string;
    kind: ExportCase;
  };
  void runInChild(vault, out, kind).then(
    (result) => writeFileSync(1, `${JSON.stringify(result)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
