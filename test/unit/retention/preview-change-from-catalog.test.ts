/**
 * `retention.previewChange` told from the catalog (issue 21): chats moved whole are counted from the catalog's
 * per-shard, per-conversation counts and times (catalog migration 0006), and only the shards where that cannot
 * tell are read. Whatever the classes, contacts' classes, holds and messages with a class of their own, it must
 * give the numbers the former preview gives by reading every shard old enough, message by message.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RetentionChange } from '../../../electron/ipc/contract';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { all, run } from '../../../electron/core/db/sqlite';
import { placeHold, releaseHold } from '../../../electron/core/retention/holds';
import { previewRetentionChange } from '../../../electron/core/retention/preview-retention-change';
import { previewRetentionChangeByScan } from '../../helpers/preview-retention-change-by-scan';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import type { ShardEntry } from '../../../electron/core/store/shard-entries';
import type { VaultReader } from '../../../electron/core/store/vault-reader';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

const SHARD_BUDGET = 96 * 1024;
const CHATS = 6;
const MESSAGES = 3_000;
const T0 = 1_600_000_000;
/** About 11 hours apart: three years and more, so day, month and year keep periods all cut through the shards. */
const SPACING = 40_003;
const NOW_MS = (T0 + MESSAGES * SPACING + 30 * 86_400) * 1000;
const chatOf = (i: number) => 1 + (i % CHATS);
const timeOf = (i: number) => T0 + i * SPACING;
/** Chats 1-4 are one-to-one (2 and 3 with contacts the catalog knows), 5 and 6 groups. */
const isGroup = (c: number) => c > 4;
const usernameOf = (c: number) => (isGroup(c) ? `${c}00@chatroom` : `wxid_chat${c}`);

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function spreadVault(): Promise<VaultSession> {
  const dir = join(tempDir(), 'Preview.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: SHARD_BUDGET });
  await session.write((w) => {
    for (let c = 1; c <= CHATS; c++)
      run(
        w.catalog,
        'INSERT INTO conversations (id, username, display_name, is_group, message_count) VALUES (?, ?, ?, ?, ?)',
        [c, usernameOf(c), `Chat ${c}`, isGroup(c) ? 1 : 0, MESSAGES / CHATS],
      );
    for (const c of [2, 3])
      run(w.catalog, 'INSERT INTO contacts (username, nickname) VALUES (?, ?)', [usernameOf(c), `Contact ${c}`]);
    run(
      w.catalog,
      "INSERT INTO retention_classes (name, keep_amount, keep_unit, color) VALUES ('Ten days', 10, 'days', '#000'), ('Month', 1, 'months', '#000'), ('Thirteen months', 13, 'months', '#000'), ('Two years', 2, 'years', '#000')",
    );
  });
  const batch: StoredMessage[] = [];
  for (let i = 0; i < MESSAGES; i++)
    batch.push({
      conversationId: chatOf(i),
      dedupeKey: `preview:${i}`,
      sourceId: null,
      sender: null,
      isSent: i % 2 === 0,
      time: timeOf(i),
      kind: 'text',
      text: `message ${i} ${'内容'.repeat(20)}`,
      payload: null,
      raw: null,
      mediaId: null,
      importId: null,
    });
  await session.write((w) => w.insertMessages(batch));
  return session;
}

/** The session, counting the shards a preview reads. */
function counting(session: VaultSession): { reader: VaultReader; reads: () => number } {
  let reads = 0;
  const reader = Object.create(session) as VaultSession;
  reader.shard = (entry: ShardEntry) => {
    reads++;
    return session.shard(entry);
  };
  return { reader, reads: () => reads };
}

describe('a retention change weighed from the catalog', () => {
  it('equals the preview that reads every shard, for classes, contacts, holds and messages with classes of their own', async () => {
    const session = await spreadVault();
    const shards = session.listShards().filter((s) => s.messageCount > 0).length;
    expect(shards).toBeGreaterThan(10);
    const next = random(21);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const anyTime = () => timeOf(Math.floor(next() * MESSAGES)) + Math.floor(next() * 3) - 1;
    const classes = all<{ id: number }>(session.catalog, 'SELECT id FROM retention_classes').map((r) => r.id);
    const tenDays = all<{ id: number }>(session.catalog, "SELECT id FROM retention_classes WHERE name = 'Ten days'")[0]!
      .id;

    // With no hold and no message of a class of its own, making a day-counted class the default reads at most the
    // shard where each chat crosses the cutoff.
    const { reader, reads } = counting(session);
    const change: RetentionChange = { kind: 'default', classId: tenDays };
    const counted = await previewRetentionChange(reader, change, NOW_MS);
    expect(counted).toEqual(await previewRetentionChangeByScan(session, change, NOW_MS));
    expect(counted.newlyExpired).toBeGreaterThan(MESSAGES / 2);
    expect(reads()).toBeLessThanOrEqual(2);

    let compared = 0;
    let readByCatalog = 0;
    let readByScan = 0;
    for (let round = 0; round < 8; round++) {
      await session.write(async (w) => {
        for (const h of all<{ id: number }>(w.catalog, 'SELECT id FROM holds WHERE released_at IS NULL'))
          releaseHold(w.catalog, h.id, 'test', NOW_MS);
        for (let c = 1; c <= CHATS; c++)
          run(w.catalog, 'UPDATE conversations SET retention_class_id = ? WHERE id = ?', [
            next() < 0.4 ? null : pick(classes),
            c,
          ]);
        for (const c of [2, 3])
          run(w.catalog, 'UPDATE contacts SET retention_class_id = ? WHERE username = ?', [
            next() < 0.5 ? null : pick(classes),
            usernameOf(c),
          ]);
        for (let k = Math.floor(next() * 3); k > 0; k--) {
          const [a, b] = [anyTime(), anyTime()].sort((x, y) => x - y);
          placeHold(
            w.catalog,
            {
              name: `hold ${round}.${k}`,
              reason: 'test',
              placedBy: 'test',
              scope: {
                conversationIds: [pick([1, 2, 3, 4, 5, 6]), pick([1, 2, 3, 4, 5, 6])],
                from: next() < 0.3 ? null : a!,
                to: next() < 0.3 ? null : b! + 1,
              },
            },
            NOW_MS,
          );
        }
        // From the third round on, some messages carry a class of their own, as retention.assign gives them.
        if (round >= 2 && round % 2 === 0) {
          const classId = pick(classes);
          const db = await w.shardAt(anyTime());
          db.run('UPDATE messages SET retention_class_id = ? WHERE id % 5 = ?', [classId, round % 5]);
          await appendAudit(w, 'class-assigned', { target: 'messages:some', classId, assigned: 1 });
        }
      });
      const someIds = all<{ id: number }>(
        await session.shard(pick(session.listShards().filter((s) => s.messageCount > 0))),
        'SELECT id FROM messages ORDER BY id LIMIT 20',
      ).map((r) => r.id);
      const changes: RetentionChange[] = [
        ...classes.map((classId): RetentionChange => ({ kind: 'default', classId })),
        { kind: 'class', id: pick(classes), keepAmount: 1 + Math.floor(next() * 400), keepUnit: 'days' },
        { kind: 'class', id: pick(classes), keepAmount: 1 + Math.floor(next() * 30), keepUnit: 'months' },
        { kind: 'class', id: pick(classes), keepAmount: 1 + Math.floor(next() * 3), keepUnit: 'years' },
        { kind: 'class', id: pick(classes), keepAmount: null, keepUnit: null },
        { kind: 'assign', classId: pick(classes), target: { conversationId: pick([1, 2, 3, 4, 5, 6]) } },
        { kind: 'assign', classId: null, target: { conversationId: pick([1, 2, 3, 4, 5, 6]) } },
        { kind: 'assign', classId: pick(classes), target: { contact: usernameOf(pick([2, 3])) } },
        { kind: 'assign', classId: null, target: { contact: usernameOf(pick([2, 3])) } },
        { kind: 'assign', classId: pick(classes), target: { messageIds: someIds } },
        { kind: 'assign', classId: null, target: { messageIds: someIds } },
      ];
      for (const change of changes) {
        const catalog = counting(session);
        const scan = counting(session);
        const told = await previewRetentionChange(catalog.reader, change, NOW_MS);
        expect(told, `round ${round}: ${JSON.stringify(change)}`).toEqual(
          await previewRetentionChangeByScan(scan.reader, change, NOW_MS),
        );
        readByCatalog += catalog.reads();
        readByScan += scan.reads();
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);

    // Shards written before catalog migration 0006 have no counts until the next unlock: those are read.
    await session.write((w) => run(w.catalog, 'DELETE FROM shard_counts'));
    for (const classId of classes) {
      const change: RetentionChange = { kind: 'default', classId };
      expect(await previewRetentionChange(session, change, NOW_MS)).toEqual(
        await previewRetentionChangeByScan(session, change, NOW_MS),
      );
    }
    // The catalog spares most reads, even with holds and classes of their own cutting through chats.
    expect(readByCatalog).toBeLessThan(readByScan / 2);
    await session.lock();
  }, 180_000);
});
