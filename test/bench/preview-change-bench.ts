import { loadavg } from 'node:os';
import type { RetentionChange } from '../../electron/ipc/contract';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { one } from '../../electron/core/db/sqlite';
import { previewRetentionChange } from '../../electron/core/retention/preview-retention-change';
import { previewRetentionChangeByScan } from '../helpers/preview-retention-change-by-scan';
import { VaultSession } from '../../electron/core/session/vault-session';
import { fmt, row, timeMs } from './bench-util';

const load = () => `load ${fmt(loadavg()[0]!, 1)}`;

/** Each figure on a freshly unlocked vault (no shard decrypted yet), as the Retention screen first asks. */
async function cold<T>(
  path: string,
  passphrase: string,
  fn: (s: VaultSession) => Promise<T>,
): Promise<{ ms: number; value: T }> {
  // The app's shard cache budget (the default), so the baseline decrypts as the app would.
  const session = await VaultSession.open(path, { passphrase });
  try {
    let value!: T;
    const ms = await timeMs(async () => (value = await fn(session)));
    return { ms, value };
  } finally {
    await session.lock();
  }
}

/**
 * `retention.previewChange` for "make Transient the default" (every chat follows the default), counted from the
 * catalog, beside the former preview that reads every shard old enough message by message (the baseline), at two
 * "now"s; then again once some messages of one shard carry a class of their own. Both must give the same numbers.
 */
export async function benchPreviewChange(path: string, passphrase: string): Promise<void> {
  const opened = await VaultSession.open(path, { passphrase });
  const transient = one<{ id: number }>(
    opened.catalog,
    "SELECT id FROM retention_classes WHERE name = 'Transient'",
  )!.id;
  const shards = opened.listShards();
  const history = one<{ first: number; last: number }>(
    opened.catalog,
    'SELECT min(first_message_time) AS first, max(last_message_time) AS last FROM conversations',
  )!;
  await opened.lock();
  const change: RetentionChange = { kind: 'default', classId: transient };
  // Now, when a generated history of past years has all expired under Transient, and a "now" 30 days after 40% of
  // the history (not a shard boundary: shards split at their median), where every chat crosses the cutoff inside a
  // shard, which must be read.
  const nows = [
    { label: 'all history expired', now: Date.now() },
    {
      label: 'cutoff inside the history',
      now: (Math.floor(history.first + 0.4 * (history.last - history.first)) + 30 * 86_400) * 1000,
    },
  ];
  for (const state of ['no message has a class of its own', 'a third of one shard with a class of its own']) {
    if (state.startsWith('a third')) {
      const session = await VaultSession.open(path, { passphrase });
      const middle = shards[Math.floor(shards.length / 2)]!;
      await session.write(async (w) => {
        const db = await w.shardAt(middle.startTime);
        db.run('UPDATE messages SET retention_class_id = ? WHERE id % 3 = 0', [transient]);
        await appendAudit(w, 'class-assigned', { target: 'messages:bench', classId: transient, assigned: 1 });
      });
      await session.lock();
    }
    for (const { label, now } of nows) {
      const counted = await cold(path, passphrase, (s) => previewRetentionChange(s, change, now));
      row(
        `make Transient the default, ${label}; ${state}`,
        `${fmt(counted.ms, 0)} ms, ${counted.value.newlyExpired.toLocaleString('en-US')} newly expired (${load()})`,
      );
      const scanned = await cold(path, passphrase, (s) => previewRetentionChangeByScan(s, change, now));
      row(
        '  baseline: every shard old enough read',
        `${fmt(scanned.ms, 0)} ms, ${shards.length} shards in the vault (${fmt(scanned.ms / counted.ms, 1)}x slower, ${load()})`,
      );
      if (JSON.stringify(counted.value) !== JSON.stringify(scanned.value))
        throw new Error(`The previews differ: ${JSON.stringify(counted.value)} vs ${JSON.stringify(scanned.value)}`);
    }
  }
}
