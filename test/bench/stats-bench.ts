import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageStats } from '../../electron/core/stats/message-stats';
import { all } from '../../electron/core/db/sqlite';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { BENCH_OWNER, fillBenchVault, type BenchConversation } from './bench-vault-fill';
import { fmt, heading, medianMs, row, timeMs } from './bench-util';
import { benchPreviewChange } from './preview-change-bench';

const MESSAGES = Number(process.env.LOCKET_BENCH_MESSAGES ?? 1_000_000);
const PASSPHRASE = 'bench passphrase';

/** `stats.messages` on a generated vault: the GROUP BY counts vs reading every row's time and sender into JS. */
export async function benchStats(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'locket-stats-bench-'));
  try {
    heading(
      `Stats: messages per month and per person, ${MESSAGES.toLocaleString('en-US')} messages in 20 conversations`,
    );
    const path = join(root, 'stats.locket');
    const { session } = await VaultSession.create(path, PASSPHRASE, {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      shardCacheBytes: 3 * 1024 ** 3,
    });
    const people = Array.from({ length: 60 }, (_, i) => `wxid_person${String(i).padStart(3, '0')}`);
    const conversations: BenchConversation[] = Array.from({ length: 20 }, (_, i) => ({
      id: i + 1,
      username: i % 4 === 0 ? `${1000 + i}@chatroom` : people[i]!,
      name: `会话 ${i + 1}`,
      isGroup: i % 4 === 0,
      count: Math.floor(MESSAGES / 20),
      // Interleaved in time over about three years, as real chats are.
      start: 1_600_000_000 + i * 7,
      spacing: Math.round((3 * 365 * 86_400) / (MESSAGES / 20)),
      senders: i % 4 === 0 ? [BENCH_OWNER, ...people.slice(i, i + 12)] : [BENCH_OWNER, people[i]!],
    }));
    const fillMs = await timeMs(() => fillBenchVault(session, conversations));
    row('filling the vault', `${fmt(fillMs / 1000)} s, ${session.listShards().length} shards`);
    await session.lock();

    const cold = await VaultSession.open(path, { passphrase: PASSPHRASE }, { shardCacheBytes: 3 * 1024 ** 3 });
    let total = 0;
    const coldMs = await timeMs(async () => (total = (await messageStats(cold, { timeZone: 'Asia/Shanghai' })).total));
    row(
      'whole vault, cold (every shard decrypted first)',
      `${fmt(coldMs, 0)} ms (${total.toLocaleString('en-US')} counted)`,
    );
    // Counts are kept per shard and zone while the vault is unlocked: each warm run asks for a zone not asked before,
    // so it counts again from the (decrypted, cached) shards.
    const zones = ['Asia/Tokyo', 'Europe/Berlin', 'America/Chicago', 'Australia/Sydney', 'UTC'];
    const nextZone = (list: string[]) => list.shift()!;
    let warmZones = [...zones];
    const warmMs = await medianMs(5, () => messageStats(cold, { timeZone: nextZone(warmZones) }));
    row('whole vault, warm shards, counted afresh (median of 5)', `${fmt(warmMs, 0)} ms`);
    const againMs = await medianMs(5, () => messageStats(cold, { timeZone: 'Asia/Shanghai' }));
    row('whole vault again, same zone (counts kept while unlocked)', `${fmt(againMs, 1)} ms`);
    warmZones = [...zones];
    const oneMs = await medianMs(5, () => messageStats(cold, { conversationId: 2, timeZone: nextZone(warmZones) }));
    row('one conversation of 5% of the messages, warm shards', `${fmt(oneMs, 0)} ms`);
    warmZones = [...zones];
    const groupMs = await medianMs(5, () => messageStats(cold, { conversationId: 1, timeZone: nextZone(warmZones) }));
    row('one group, warm shards', `${fmt(groupMs, 0)} ms`);
    // Baseline: what any counting must at least do without GROUP BY in SQL — read each message's time and sender.
    const dbs = await Promise.all(cold.listShards().map((s) => cold.shard(s)));
    const scanMs = await medianMs(3, () => {
      const counts = new Map<string, number>();
      for (const db of dbs)
        for (const r of all<{ time: number; sender: string | null }>(db, 'SELECT time, sender FROM messages'))
          counts.set(r.sender ?? '', (counts.get(r.sender ?? '') ?? 0) + 1);
    });
    row(
      'baseline: every row read into JS (time, sender), warm',
      `${fmt(scanMs, 0)} ms  (stats ${fmt(scanMs / warmMs, 1)}x faster)`,
    );
    await cold.lock();

    heading(
      `Weighing a retention change (retention.previewChange), the same ${MESSAGES.toLocaleString('en-US')} messages`,
    );
    await benchPreviewChange(path, PASSPHRASE);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
