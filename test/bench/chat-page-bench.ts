/**
 * `npm run bench chat` (issue 19): browsing one chat in a vault where its messages are spread thin over many shards,
 * as at 10M messages over 2,000 chats (about ten of a chat's messages per shard), without building 10M: by default
 * 2M messages over 2,000 chats (scan-vault.ts, the scale bench's import), so a chat's page of 80 needs about eight
 * shards there too. Each pass runs in a fresh process, cold after unlock: the conversation list, opening the largest
 * chat (its newest page), the next pages back (`before` cursors) and a jump to a day in its middle (the two queries
 * the archive screen makes at once), read as Locket 0.3.0 read them (the baseline), now with nothing read ahead, and
 * now, interleaved in the same run; beside them the per-call work on the catalog (which shards hold the chat, the
 * names for the views).
 *
 * LOCKET_BENCH_CHAT_MESSAGES (2M) and LOCKET_BENCH_CHAT_CHATS (2,000) size the vault, LOCKET_BENCH_CHAT_RUNS (5) the
 * passes of each setting; LOCKET_BENCH_CHAT_VAULT keeps the vault in that folder for the next run. Not part of a bare
 * `npm run bench`: building the vault takes minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagesPage } from '../../electron/ipc/contract';
import { listConversations } from '../../electron/core/archive/list-conversations';
import { listMessages } from '../../electron/core/archive/list-messages';
import { MessageViews } from '../../electron/core/archive/message-views';
import { one } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { shardsHoldingConversation } from '../../electron/core/store/shard-counts';
import type { VaultKeys } from '../../electron/core/vault/vault-keys';
import { fmt, heading, median, row, runStepInChild, timeMs } from './bench-util';
import { listMessagesAsBefore } from './list-messages-as-before';
import { SCAN_PASSPHRASE, scanVault } from './scan-vault';

const MESSAGES = Number(process.env.LOCKET_BENCH_CHAT_MESSAGES ?? 2_000_000);
const CHATS = Number(process.env.LOCKET_BENCH_CHAT_CHATS ?? 2_000);
const STEP = 'LOCKET_BENCH_CHAT_STEP';
/** The archive screen's PAGE_SIZE and CONTEXT_BEFORE (archive-slice.ts). */
const PAGE = 80;
const CONTEXT_BEFORE = 20;
/** Pages scrolled back after the first. */
const OLDER_PAGES = 3;
const RUNS = Number(process.env.LOCKET_BENCH_CHAT_RUNS ?? 5);

const load = () => fmt(loadavg()[0]!, 2);

/**
 * How a page is read: as Locket 0.3.0 read it (list-messages-as-before.ts), now with nothing read ahead, and now.
 */
const SETTINGS = {
  before: { list: listMessagesAsBefore, shardScan: {} },
  'now, nothing read ahead': { list: listMessages, shardScan: { readAhead: 0 } },
  now: { list: listMessages, shardScan: {} },
} as const;
type Setting = keyof typeof SETTINGS;

interface Pass {
  listMs: number;
  openMs: number;
  /** CPU time of the process meanwhile (this thread and the thread pool): the work, apart from the waiting. */
  openCpuMs: number;
  openShards: number;
  olderMs: number[];
  olderShards: number;
  jumpMs: number;
  jumpShards: number;
  /** The per-call catalog work of one open, apart from shards: which shards hold the chat, the names for the views. */
  holdingMs: number;
  viewsMs: number;
  shards: number;
  chatMessages: number;
  /** What the pages held, to check every setting reads the same. */
  ids: number;
  rssMiB: number;
}

async function pass(vault: string, setting: Setting): Promise<Pass> {
  const { list, shardScan } = SETTINGS[setting];
  const session = await VaultSession.open(vault, { passphrase: SCAN_PASSPHRASE }, { shardScan });
  // Shard files decrypted: the bench counts the session's file opens (a test may reach past `private`).
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const openFile = keys.openFileWithFilter.bind(keys);
  let decrypted = 0;
  keys.openFileWithFilter = (...args) => (decrypted++, openFile(...args));
  const counted = async (fn: () => Promise<MessagesPage>): Promise<{ page: MessagesPage; ms: number; n: number }> => {
    decrypted = 0;
    let page!: MessagesPage;
    const ms = await timeMs(async () => (page = await fn()));
    return { page, ms, n: decrypted };
  };
  const listMs = await timeMs(() => listConversations(session));
  const chat = one<{ id: number; messages: number; first: number; last: number }>(
    session.catalog,
    `SELECT id, message_count AS messages, first_message_time AS first, last_message_time AS last
     FROM conversations ORDER BY message_count DESC, id LIMIT 1`,
  )!;
  const conversationId = chat.id;
  const cpu = process.cpuUsage();
  const open = await counted(() => list(session, { conversationId, order: 'desc', limit: PAGE }));
  const used = process.cpuUsage(cpu);
  let ids = open.page.messages.reduce((n, m) => n + m.id, 0);
  const olderMs: number[] = [];
  let olderShards = 0;
  let cursor = open.page.next;
  for (let i = 0; i < OLDER_PAGES && cursor; i++) {
    const at = cursor;
    const older = await counted(() => list(session, { conversationId, order: 'desc', cursor: at, limit: PAGE }));
    olderMs.push(older.ms);
    olderShards += older.n;
    ids += older.page.messages.reduce((n, m) => n + m.id, 0);
    cursor = older.page.next;
  }
  // A day in the middle of the chat, far from what the pages above read.
  const day = Math.floor((chat.first + (chat.last - chat.first) / 2) / 86_400) * 86_400;
  const jump = await counted(async () => {
    const [before, after] = await Promise.all([
      list(session, { conversationId, order: 'desc', before: day, limit: CONTEXT_BEFORE }),
      list(session, { conversationId, order: 'asc', after: day, limit: PAGE }),
    ]);
    ids += [...before.messages, ...after.messages].reduce((n, m) => n + m.id, 0);
    return after;
  });
  const holdingMs = await timeMs(() => shardsHoldingConversation(session.catalog, conversationId));
  const viewsMs = await timeMs(() => new MessageViews(session.catalog));
  const shards = session.listShards().length;
  await session.lock();
  return {
    listMs,
    openMs: open.ms,
    openCpuMs: (used.user + used.system) / 1000,
    openShards: open.n,
    olderMs,
    olderShards,
    jumpMs: jump.ms,
    jumpShards: jump.n,
    holdingMs,
    viewsMs,
    shards,
    chatMessages: chat.messages,
    ids,
    rssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export async function benchChatPage(): Promise<void> {
  const kept = process.env.LOCKET_BENCH_CHAT_VAULT;
  const root = kept ?? mkdtempSync(join(tmpdir(), 'locket-chat-bench-'));
  try {
    heading(
      `Browsing a chat spread thin (issue 19): ${MESSAGES.toLocaleString('en-US')} messages over ${CHATS} chats, each pass in a fresh process`,
    );
    const vault = await scanVault(root, MESSAGES, CHATS, (what) => row('vault', what));
    const settings = Object.keys(SETTINGS) as Setting[];
    const runs = Object.fromEntries(settings.map((s) => [s, [] as Pass[]])) as Record<Setting, Pass[]>;
    // Interleaved, so that the machine's load falls on every setting alike.
    for (let i = 0; i < RUNS; i++)
      for (const setting of settings) {
        const step = { kind: 'pass', vault, setting };
        runs[setting].push(runStepInChild<Pass>(import.meta.filename, STEP, step));
      }
    const first = runs.now[0]!;
    row(
      'vault',
      `${first.shards} shards; the largest chat ${first.chatMessages} messages (about ${fmt(first.chatMessages / first.shards, 0)} a shard)`,
    );
    for (const setting of settings) {
      const mid = (pick: (p: Pass) => number) => median(runs[setting].map(pick));
      heading(`${setting} (median of ${RUNS})`);
      row(
        'conversation list',
        `${fmt(
          mid((p) => p.listMs),
          0,
        )} ms`,
      );
      row(
        `open the largest chat (newest ${PAGE})`,
        `${fmt(
          mid((p) => p.openMs),
          0,
        )} ms (CPU ${fmt(
          mid((p) => p.openCpuMs),
          0,
        )} ms), ${mid((p) => p.openShards)} shards decrypted`,
      );
      row(
        `  of which: the shards holding the chat / names for the views`,
        `${fmt(
          mid((p) => p.holdingMs),
          1,
        )} / ${fmt(
          mid((p) => p.viewsMs),
          1,
        )} ms`,
      );
      row(
        `the next ${OLDER_PAGES} pages back, each`,
        `${fmt(
          mid((p) => median(p.olderMs)),
          0,
        )} ms, ${fmt(
          mid((p) => p.olderShards / OLDER_PAGES),
          1,
        )} shards decrypted`,
      );
      row(
        'jump to a day in the middle (both queries)',
        `${fmt(
          mid((p) => p.jumpMs),
          0,
        )} ms, ${mid((p) => p.jumpShards)} shards decrypted`,
      );
      row('peak RSS (worst)', `${fmt(Math.max(...runs[setting].map((p) => p.rssMiB)), 0)} MiB`);
    }
    const same = new Set(settings.flatMap((s) => runs[s].map((p) => p.ids))).size === 1;
    row('every setting read the same messages', same ? 'yes' : 'NO: RESULTS DIFFER');
    row('load average (1 min) at the end, on this many cores', `${load()} on ${availableParallelism()}`);
    if (!same) process.exitCode = 1;
  } finally {
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
}

if (process.env[STEP]) {
  const { vault, setting } = JSON.parse(process.env[STEP]) as { vault: string; setting: Setting };
  void pass(vault, setting).then((p) => console.log(JSON.stringify(p)));
}
