/**
 * The wipe preview counts from the catalog (issue 17, item 5): per shard and conversation the catalog keeps how many
 * messages, their oldest and newest time and the media they reference (catalog migration 0006), every writer keeps
 * those counts equal to the shards' own, and a preview told from them equals one that reads every shard, message by
 * message, whatever the cutoffs, classes and holds.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WipePreview, WipeSelection } from '../../../electron/ipc/contract';
import { all, run } from '../../../electron/core/db/sqlite';
import { Pc3Reader } from '../../../electron/core/importing/pc3/read-pc3';
import { importSources } from '../../../electron/core/importing/pipeline/import-sources';
import {
  WipeTally,
  collectFromShard,
  collectWipeSet,
  mediaToDestroy,
  planWipe,
  previewOf,
} from '../../../electron/core/retention/collect-wipe-set';
import { executeWipe } from '../../../electron/core/retention/execute-wipe';
import { placeHold, releaseHold } from '../../../electron/core/retention/holds';
import { VaultSession } from '../../../electron/core/session/vault-session';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import type { VaultReader } from '../../../electron/core/store/vault-reader';
import { generatePc3Bulk } from '../../fixtures/generate-pc3-bulk';
import { expectCountsMatchShards } from '../../helpers/shard-counts';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

const SHARD_BUDGET = 96 * 1024;
const CHATS = 4;
const MESSAGES = 2_400;
const T0 = 1_600_000_000;
/** About 11 hours apart: the messages span three years, so calendar keep periods cut through the shards. */
const SPACING = 40_003;
const NOW_MS = (T0 + MESSAGES * SPACING + 30 * 86_400) * 1000;
const chatOf = (i: number) => 1 + (i % CHATS);
const timeOf = (i: number) => T0 + i * SPACING;

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A vault of four chats spread over ~20 shards, some messages referring to media (one item shared by two chats). */
async function spreadVault(): Promise<{ dir: string; session: VaultSession }> {
  const dir = join(tempDir(), 'Counts.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: SHARD_BUDGET });
  const media: string[] = [];
  await session.write(async (w) => {
    for (let c = 1; c <= CHATS; c++)
      w.catalog.run('INSERT INTO conversations (id, username, display_name) VALUES (?, ?, ?)', [
        c,
        `wxid_chat${c}`,
        `Chat ${c}`,
      ]);
    for (let k = 0; k < 6; k++)
      media.push((await w.putMedia(Buffer.from(`item ${k % 4}`), `hash-${k % 4}`, null)).fileId);
  });
  const batch: StoredMessage[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const withMedia = i % 97 === 0 ? media[(i / 97) % media.length]! : null;
    batch.push({
      conversationId: chatOf(i),
      dedupeKey: `counts:${i}`,
      sourceId: null,
      sender: null,
      isSent: i % 2 === 0,
      time: timeOf(i),
      kind: withMedia ? 'image' : 'text',
      text: `message ${i} ${'内容'.repeat(20)}`,
      payload: withMedia
        ? JSON.stringify({
            media: [
              { role: 'image', mediaId: withMedia },
              { role: 'thumbnail', mediaId: withMedia },
            ],
          })
        : null,
      raw: null,
      mediaId: withMedia,
      importId: null,
    });
  }
  await session.write((w) => w.insertMessages(batch));
  return { dir, session };
}

/** The preview as it was computed before the catalog kept counts: every shard the plan names read, message by message. */
async function previewByReading(session: VaultReader, selection: WipeSelection): Promise<WipePreview> {
  const plan = planWipe(session, selection, NOW_MS);
  const tally = new WipeTally();
  for (const entry of plan.shards) collectFromShard(plan, entry, await session.shard(entry), tally);
  return previewOf(plan, tally, mediaToDestroy(session.catalog, tally.mediaReferences));
}

/** A preview with its lists in a fixed order (rows with equal counts may come in either order). */
function sorted(p: WipePreview): WipePreview {
  return {
    ...p,
    byClass: [...p.byClass].sort((a, b) => a.classId - b.classId),
    byConversation: [...p.byConversation].sort((a, b) => a.conversationId - b.conversationId),
    held: { ...p.held, byHold: [...p.held.byHold].sort((a, b) => a.holdId - b.holdId) },
  };
}

describe("the catalog's counts of each shard's messages per conversation", () => {
  it("stay equal to the shards' own after an import, splits, a wipe and a re-import", async () => {
    const root = tempDir();
    const backup = await generatePc3Bulk(root, 6_000, 2_500);
    const dir = join(root, 'Import.locket');
    const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: 64 * 1024 });
    await importSources(session, [{ path: backup, reader: new Pc3Reader(backup) }], {});
    expect(session.listShards().length).toBeGreaterThan(10);
    await expectCountsMatchShards(session);

    // The wipe of a chat's middle cuts through shards; the re-import puts its messages back inside closed shards,
    // which split at their median.
    const [chat] = all<{ id: number; first: number; last: number }>(
      session.catalog,
      'SELECT id, first_message_time AS first, last_message_time AS last FROM conversations ORDER BY message_count DESC LIMIT 1',
    );
    const third = Math.floor((chat!.last - chat!.first) / 3);
    const selection: WipeSelection = {
      kind: 'conversation',
      conversationId: chat!.id,
      after: chat!.first + third,
      before: chat!.last - third,
    };
    const { preview } = await collectWipeSet(session, selection, NOW_MS);
    expect(sorted(preview)).toEqual(sorted(await previewByReading(session, selection)));
    expect(preview.messages).toBeGreaterThan(10);
    await executeWipe(session, selection, preview.messages, NOW_MS);
    await expectCountsMatchShards(session);

    // Reopened with a smaller budget, so that the shards the re-import adds to are over it and split (shards are
    // too small now for the wiped messages alone to push them over: their index keeps no copy of its tokens).
    await session.lock();
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, { shardBudgetBytes: 40 * 1024 });
    const shardsBefore = reopened.listShards().length;
    const report = await importSources(reopened, [{ path: backup, reader: new Pc3Reader(backup) }], {});
    expect(report.imported).toBe(preview.messages);
    expect(reopened.listShards().length).toBeGreaterThan(shardsBefore);
    await expectCountsMatchShards(reopened);
    await reopened.lock();
  }, 180_000);

  it('counts the shards of a vault written before the counts once, when it is unlocked', async () => {
    const { dir, session } = await spreadVault();
    // As catalog migration 0006 leaves an older vault: the tables there, empty.
    await session.write((w) => run(w.catalog, 'DELETE FROM shard_counts'));
    const selection: WipeSelection = { kind: 'conversation', conversationId: 2 };
    const shards = session.listShards().filter((s) => s.messageCount > 0).length;
    expect((await collectWipeSet(session, selection, NOW_MS)).shardsRead).toBe(shards);
    const generation = session.generation;
    await session.lock();

    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(reopened.generation).toBe(generation + 1);
    await expectCountsMatchShards(reopened);
    const { preview, shardsRead } = await collectWipeSet(reopened, selection, NOW_MS);
    expect(shardsRead).toBe(0);
    expect(preview.messages).toBe(MESSAGES / CHATS);
    await reopened.lock();
    // Once counted, unlocking writes nothing.
    const again = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(again.generation).toBe(generation + 1);
    await again.lock();
  }, 120_000);
});

describe('a wipe preview told from the catalog', () => {
  it('reads no shard for a whole chat spread over every shard, and gives its range', async () => {
    const { session } = await spreadVault();
    const selection: WipeSelection = { kind: 'conversation', conversationId: 3 };
    const { preview, shardsRead } = await collectWipeSet(session, selection, NOW_MS);
    expect(shardsRead).toBe(0);
    expect(preview.byConversation).toEqual([
      {
        conversationId: 3,
        displayName: 'Chat 3',
        messages: MESSAGES / CHATS,
        oldest: timeOf(2),
        newest: timeOf(MESSAGES - 2),
      },
    ]);
    expect(sorted(preview)).toEqual(sorted(await previewByReading(session, selection)));
    await session.lock();
  }, 60_000);

  it('equals a preview that reads every message, for random cutoffs, classes and holds, and the wipe agrees', async () => {
    const { session } = await spreadVault();
    const next = random(17);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const anyTime = () => timeOf(Math.floor(next() * MESSAGES)) + Math.floor(next() * 3) - 1;
    await session.write((w) =>
      w.catalog.run(
        "INSERT INTO retention_classes (name, keep_amount, keep_unit, color) VALUES ('Month', 1, 'months', '#000'), ('Thirteen months', 13, 'months', '#000'), ('Two years', 2, 'years', '#000')",
      ),
    );
    const classes = all<{ id: number }>(session.catalog, 'SELECT id FROM retention_classes').map((r) => r.id);
    let shardsRead = 0;
    let shardsPlanned = 0;
    for (let round = 0; round < 24; round++) {
      await session.write((w) => {
        for (const h of all<{ id: number }>(w.catalog, 'SELECT id FROM holds WHERE released_at IS NULL'))
          releaseHold(w.catalog, h.id, 'test', NOW_MS);
        for (let c = 1; c <= CHATS; c++)
          run(w.catalog, 'UPDATE conversations SET retention_class_id = ? WHERE id = ?', [
            next() < 0.2 ? null : pick(classes),
            c,
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
                conversationIds: [pick([1, 2, 3, 4]), pick([1, 2, 3, 4])],
                from: next() < 0.3 ? null : a!,
                to: next() < 0.3 ? null : b! + 1,
              },
            },
            NOW_MS,
          );
        }
      });
      // Now and then a few messages get a class of their own.
      if (round % 8 === 7)
        await session.write(async (w) => {
          const db = await w.shardAt(anyTime());
          db.run('UPDATE messages SET retention_class_id = ? WHERE id % 7 = 0', [pick(classes)]);
        });
      const selections: WipeSelection[] = [
        { kind: 'expired' },
        { kind: 'conversation', conversationId: pick([1, 2, 3, 4]) },
        { kind: 'conversation', conversationId: pick([1, 2, 3, 4]), after: anyTime() },
        { kind: 'conversation', conversationId: pick([1, 2, 3, 4]), after: anyTime(), before: anyTime() + 86_400 * 90 },
      ];
      for (const selection of selections) {
        const told = await collectWipeSet(session, selection, NOW_MS);
        shardsRead += told.shardsRead;
        shardsPlanned += planWipe(session, selection, NOW_MS).shards.length;
        expect(sorted(told.preview), JSON.stringify(selection)).toEqual(
          sorted(await previewByReading(session, selection)),
        );
      }
      if (round % 6 === 5) {
        const selection = selections[3]!;
        const { preview } = await collectWipeSet(session, selection, NOW_MS);
        if (preview.messages > 0) {
          const certificate = await executeWipe(session, selection, preview.messages, NOW_MS);
          expect(certificate.body).toMatchObject({ counts: { messages: preview.messages } });
          await expectCountsMatchShards(session);
        }
      }
    }
    // Most shards were told from the catalog.
    expect(shardsRead).toBeLessThan(shardsPlanned / 3);
    await session.lock();
  }, 240_000);
});
