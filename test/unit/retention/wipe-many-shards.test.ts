/**
 * Wipes and other walks over every shard, with a shard cache far smaller than the vault (issue 17, item 5): a 1M-message
 * vault has ~140 shards and a 256 MiB cache; here ~20 shards and a cache of two. Every chat is spread over every
 * shard, as real chats are.
 */
import { promises as fsPromises, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from 'sql.js';
import { collectWipeSet } from '../../../electron/core/retention/collect-wipe-set';
import { executeWipe } from '../../../electron/core/retention/execute-wipe';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { ShardCache } from '../../../electron/core/store/shard-cache';
import type { LoadedShard } from '../../../electron/core/store/shard-entries';
import { shardByteSize } from '../../../electron/core/store/split-shard';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { expectCountsMatchShards } from '../../helpers/shard-counts';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';
import { tempDir } from '../../helpers/temp-dir';

const CHATS = 4;
const MESSAGES = 2_400;
const BATCH = 100;
const T0 = 1_600_000_000;
const SPACING = 600;
const SHARD_BUDGET = 96 * 1024;
const CACHE = 2 * SHARD_BUDGET;
/** Every message of chat c carries this word, so its text and its search tokens can be looked for in every byte. */
const marker = (chat: number) => `zqmark${'abcdefgh'[chat - 1]}`;
const chatOf = (i: number) => 1 + (i % CHATS);
const timeOf = (i: number) => T0 + i * SPACING;
const textOf = (i: number) => `${marker(chatOf(i))} 第${i}条消息 ${'内容很长的一段话'.repeat(3)} number ${i}`;
const media = (fileId: string) =>
  JSON.stringify({ media: [{ role: 'image', mediaId: fileId, missingReason: null, fileName: null }] });

interface SpreadVault {
  dir: string;
  shards: number;
  /** Referenced by three messages of chat 1 only. */
  onlyChat1: string;
  /** Referenced by a message of chat 1 and one of chat 2. */
  shared: string;
}

/** A vault whose every chat spreads over ~20 shards (32 KiB budget), indexed for search. */
async function spreadVault(): Promise<SpreadVault> {
  const dir = join(tempDir(), 'Spread.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: SHARD_BUDGET });
  let onlyChat1 = '';
  let shared = '';
  await session.write(async (w) => {
    for (let c = 1; c <= CHATS; c++) {
      const last = MESSAGES - CHATS + c - 1;
      w.catalog.run(
        'INSERT INTO conversations (id, username, display_name, is_group, message_count, first_message_time, last_message_time, last_message_preview) VALUES (?, ?, ?, 0, ?, ?, ?, ?)',
        [c, `wxid_chat${c}`, `Chat ${c}`, MESSAGES / CHATS, timeOf(c - 1), timeOf(last), textOf(last).slice(0, 120)],
      );
    }
    for (let i = 0; i < 3; i++)
      onlyChat1 = (await w.putMedia(Buffer.from('only chat 1'), 'hash-only-chat-1', 'image/png')).fileId;
    for (let i = 0; i < 2; i++) shared = (await w.putMedia(Buffer.from('shared'), 'hash-shared', 'image/png')).fileId;
  });
  const payloads = new Map<number, string>([
    [0, media(onlyChat1)],
    [CHATS * 10, media(onlyChat1)],
    [CHATS * 500, media(onlyChat1)],
    [CHATS * 20, media(shared)],
    [CHATS * 20 + 1, media(shared)],
  ]);
  for (let done = 0; done < MESSAGES; done += BATCH) {
    const batch: StoredMessage[] = [];
    for (let i = done; i < done + BATCH; i++) {
      batch.push({
        conversationId: chatOf(i),
        dedupeKey: `spread:${i}`,
        sourceId: String(7_000_000_000_000_000_000n + BigInt(i)),
        sender: i % 2 ? `wxid_chat${chatOf(i)}` : null,
        isSent: i % 2 === 0,
        time: timeOf(i),
        kind: payloads.has(i) ? 'image' : 'text',
        text: textOf(i),
        payload: payloads.get(i) ?? null,
        raw: null,
        mediaId: null,
        importId: null,
      });
    }
    await session.write((w) => w.insertMessages(batch));
  }
  await session.write((w) => w.indexBacklog());
  const shards = session.listShards().filter((s) => s.messageCount > 0).length;
  await session.lock();
  return { dir, shards, onlyChat1, shared };
}

async function unlocked(dir: string): Promise<LocketService> {
  const service = createLocketService({
    sessionOptions: { ...testKdf, shardBudgetBytes: SHARD_BUDGET, shardCacheBytes: CACHE },
  });
  await service['vault.unlock']({ path: dir, passphrase: TEST_PASSPHRASE });
  return service;
}

/** Every shard decrypted, as bytes: what a wiped message must have left no trace in. */
async function shardBytes(dir: string): Promise<Buffer[]> {
  const session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE }, { shardCacheBytes: CACHE });
  try {
    const parts: Buffer[] = [];
    for (const entry of session.listShards())
      parts.push(Buffer.from(((await session.shard(entry)) as Database).export()));
    return parts;
  } finally {
    await session.lock();
  }
}

/** The most bytes of decrypted shards held at once while `run` runs (sampled at every shard loaded). */
async function peakShardBytes<T>(run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  const proto = ShardCache.prototype as unknown as {
    load: (this: ShardCache, ...args: unknown[]) => Promise<LoadedShard>;
  };
  const original = proto.load;
  const spy = vi.spyOn(proto, 'load').mockImplementation(async function (this: ShardCache, ...args: unknown[]) {
    const loaded = await original.apply(this, args);
    const cache = (this as unknown as { shards: Map<string, LoadedShard> }).shards;
    peak = Math.max(
      peak,
      [...cache.values()].reduce((n, s) => n + (s.isDirty ? shardByteSize(s.db) : s.bytes), 0),
    );
    return loaded;
  });
  try {
    return { result: await run(), peak };
  } finally {
    spy.mockRestore();
  }
}

/** The vault opened with the test's shard budget and cache. */
function openSpread(dir: string): Promise<VaultSession> {
  return VaultSession.open(
    dir,
    { passphrase: TEST_PASSPHRASE },
    { shardBudgetBytes: SHARD_BUDGET, shardCacheBytes: CACHE },
  );
}

/** The catalog's per-shard counts, kept by the wipe for the chats it did not touch, equal every shard's own. */
async function expectCountsKept(dir: string): Promise<void> {
  const session = await openSpread(dir);
  await expectCountsMatchShards(session);
  await session.lock();
}

async function countOf(service: LocketService, conversationId: number): Promise<number> {
  return (await service['messages.list']({ conversationId, limit: 5000 })).messages.length;
}

describe('a wipe over every shard, with a shard cache of two shards', () => {
  it('wipes a chat spread over every shard, one shard at a time, and leaves nothing of it', async () => {
    const vault = await spreadVault();
    expect(vault.shards).toBeGreaterThanOrEqual(15);
    expect((await shardBytes(vault.dir)).some((b) => b.includes(marker(1)))).toBe(true);
    const service = await unlocked(vault.dir);
    const selection = { kind: 'conversation', conversationId: 1 } as const;
    const preview = await service['wipe.preview']({ selection });
    expect(preview).toMatchObject({
      messages: MESSAGES / CHATS,
      media: { files: 1, bytes: 'only chat 1'.length },
      held: { messages: 0 },
    });

    const { result: certificate, peak } = await peakShardBytes(() =>
      service['wipe.execute']({ selection, expectedMessages: preview.messages }),
    );
    expect(certificate.body).toMatchObject({
      counts: { messages: MESSAGES / CHATS, conversations: 1, mediaFiles: 1, shardsRewritten: vault.shards },
    });
    // The cache's budget, plus the one shard being rewritten and the one being loaded: not the ~20 shards the wipe rewrote.
    expect(peak).toBeLessThanOrEqual(CACHE + 3 * SHARD_BUDGET);

    expect(await countOf(service, 1)).toBe(0);
    const list = await service['conversations.list']();
    expect(list.find((c) => c.id === 1)).toBeUndefined();
    for (let c = 2; c <= CHATS; c++) {
      expect(await countOf(service, c)).toBe(MESSAGES / CHATS);
      expect(list.find((x) => x.id === c)).toMatchObject({
        messageCount: MESSAGES / CHATS,
        firstMessageTime: timeOf(c - 1),
      });
    }
    await expect(service['media.get']({ mediaId: vault.onlyChat1 })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect((await service['media.get']({ mediaId: vault.shared })).bytes.byteLength).toBe('shared'.length);
    expect((await service['search.query']({ query: marker(1), count: true })).total).toBe(0);
    expect((await service['search.query']({ query: marker(2), count: true })).total).toBe(MESSAGES / CHATS);
    expect(await service['audit.verify']()).toMatchObject({ isIntact: true });
    await service.dispose();

    // Neither its text nor its search tokens are left in any shard, decrypted.
    for (const bytes of await shardBytes(vault.dir)) expect(bytes.includes(marker(1))).toBe(false);
    await expectCountsKept(vault.dir);
  }, 120_000);

  it('wipes what expired in a chat spread over every shard, and keeps what a hold covers', async () => {
    const vault = await spreadVault();
    const service = await unlocked(vault.dir);
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    await service['retention.assign']({ classId: transient.id, target: { conversationId: 2 } });
    // Chat 2's messages 1000 to 1399 of the vault are held: 100 of them.
    const hold = await service['holds.place']({
      name: 'Case',
      reason: 'Dispute',
      placedBy: 'Legal',
      scope: { conversationIds: [2], from: timeOf(1000), to: timeOf(1400) },
    });
    const held = Array.from({ length: 400 }, (_, k) => 1000 + k).filter((i) => chatOf(i) === 2);

    const preview = await service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(preview).toMatchObject({
      messages: MESSAGES / CHATS - held.length,
      byClass: [{ classId: transient.id, messages: MESSAGES / CHATS - held.length }],
      byConversation: [{ conversationId: 2, messages: MESSAGES / CHATS - held.length }],
      held: { messages: held.length, byHold: [{ holdId: hold.id, messages: held.length }] },
      media: { files: 0 },
    });
    const certificate = await service['wipe.execute']({
      selection: { kind: 'expired' },
      expectedMessages: preview.messages,
    });
    expect(certificate.body).toMatchObject({ counts: { messages: preview.messages, heldMessagesKept: held.length } });

    const kept = (await service['messages.list']({ conversationId: 2, limit: 5000 })).messages;
    expect(kept.map((m) => m.time)).toEqual(held.map(timeOf));
    // The chat's summary now describes what is left: the held messages.
    expect((await service['conversations.list']()).find((c) => c.id === 2)).toMatchObject({
      messageCount: held.length,
      firstMessageTime: timeOf(held[0]!),
      lastMessageTime: timeOf(held.at(-1)!),
      lastMessagePreview: textOf(held.at(-1)!).slice(0, 120),
    });
    for (const c of [1, 3, 4]) expect(await countOf(service, c)).toBe(MESSAGES / CHATS);
    // The shared media item lost chat 2's reference only.
    expect((await service['media.get']({ mediaId: vault.shared })).bytes.byteLength).toBe('shared'.length);
    expect((await service['wipe.preview']({ selection: { kind: 'expired' } })).messages).toBe(0);
    await service.dispose();
    await expectCountsKept(vault.dir);
  }, 120_000);

  it('leaves the vault as it was when writing a shard fails while the next one is being wiped', async () => {
    const vault = await spreadVault();
    const shardsDir = join(vault.dir, 'shards');
    const filesBefore = readdirSync(shardsDir).sort();
    const session = await openSpread(vault.dir);
    const generation = session.generation;
    const selection = { kind: 'conversation', conversationId: 1 } as const;
    const { preview } = await collectWipeSet(session, selection, Date.now());
    // The sixth shard file the wipe writes fails once its bytes are sealed: by then the wipe is deleting from the
    // next shard, and five files written before it are waiting for the commit. The seventh, already under way, is
    // slow to create: the rollback must wait for it, or it would be left behind.
    const open = fsPromises.open.bind(fsPromises);
    let shardFiles = 0;
    let seventh: Promise<unknown> = Promise.resolve();
    const spy = vi.spyOn(fsPromises, 'open').mockImplementation(async (path, flags, mode) => {
      if (String(path).startsWith(shardsDir) && flags === 'wx') {
        shardFiles++;
        if (shardFiles === 6) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        if (shardFiles === 7) {
          const created = new Promise((resolve) => setTimeout(resolve, 500)).then(() => open(path, flags, mode));
          seventh = created;
          return created;
        }
      }
      return open(path, flags, mode);
    });
    try {
      await expect(executeWipe(session, selection, preview.messages)).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(shardFiles).toBeGreaterThan(6);
    await seventh.catch(() => undefined);
    // Every file the wipe wrote is gone, the ones written after the failure too, and nothing was committed.
    expect(readdirSync(shardsDir).sort()).toEqual(filesBefore);
    expect(session.generation).toBe(generation);
    await session.lock();
    const service = await unlocked(vault.dir);
    expect(await countOf(service, 1)).toBe(MESSAGES / CHATS);
    expect((await service['search.query']({ query: marker(1), count: true })).total).toBe(MESSAGES / CHATS);
    await service.dispose();
    await expectCountsKept(vault.dir);
  }, 120_000);

  it('counts a shard whole when the wipe rewrites it and its counts were never recorded', async () => {
    const vault = await spreadVault();
    const session = await openSpread(vault.dir);
    const uncounted = session.listShards().find((s) => s.messageCount > 0)!.fileId;
    // As a shard written before catalog migration 0006 that nothing counted yet.
    await session.write((w) => w.catalog.run('DELETE FROM shard_counts WHERE shard_id = ?', [uncounted]));
    const selection = { kind: 'conversation', conversationId: 1 } as const;
    const { preview } = await collectWipeSet(session, selection, Date.now());
    await executeWipe(session, selection, preview.messages);
    await expectCountsMatchShards(session);
    await session.lock();
  }, 120_000);

  it('wipes the older half of a chat, rewriting only the shards of that half', async () => {
    const vault = await spreadVault();
    const service = await unlocked(vault.dir);
    const selection = { kind: 'conversation', conversationId: 3, before: timeOf(MESSAGES / 2) } as const;
    const preview = await service['wipe.preview']({ selection });
    expect(preview.messages).toBe(MESSAGES / CHATS / 2);
    const certificate = await service['wipe.execute']({ selection, expectedMessages: preview.messages });
    const rewritten = (certificate.body.counts as { shardsRewritten: number }).shardsRewritten;
    expect(rewritten).toBeGreaterThan(vault.shards / 2 - 3);
    expect(rewritten).toBeLessThan(vault.shards / 2 + 3);
    const firstKept = Array.from({ length: MESSAGES }, (_, i) => i).find((i) => i >= MESSAGES / 2 && chatOf(i) === 3)!;
    expect((await service['conversations.list']()).find((c) => c.id === 3)).toMatchObject({
      messageCount: MESSAGES / CHATS / 2,
      firstMessageTime: timeOf(firstKept),
      lastMessageTime: timeOf(MESSAGES - 2),
    });
    expect((await service['messages.list']({ conversationId: 3, limit: 5000 })).messages[0]!.time).toBe(
      timeOf(firstKept),
    );
    await service.dispose();
  }, 120_000);
});

describe('other walks over every shard, with a shard cache of two shards', () => {
  it('assigns a class to messages in every shard, and search, stats, context and participants read every shard', async () => {
    const vault = await spreadVault();
    const service = await unlocked(vault.dir);
    // One message in each stretch of the vault: every shard is changed by this one write.
    const ids = (await service['messages.list']({ conversationId: 3, limit: 5000 })).messages
      .filter((_, k) => k % 20 === 0)
      .map((m) => m.id);
    const transient = (await service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
    expect(await service['retention.assign']({ classId: transient.id, target: { messageIds: ids } })).toEqual({
      assigned: ids.length,
    });
    expect((await service['wipe.preview']({ selection: { kind: 'expired' } })).messages).toBe(ids.length);

    expect((await service['search.query']({ query: marker(4), count: true })).total).toBe(MESSAGES / CHATS);
    expect((await service['stats.messages']({ timeZone: 'UTC' })).total).toBe(MESSAGES);
    expect((await service['messages.context']({ messageId: ids[15]!, before: 200, after: 200 })).messages.length).toBe(
      401,
    );
    expect((await service['conversations.participants']({ conversationIds: [1, 2, 3, 4] })).length).toBeGreaterThan(0);
    await service.dispose();
  }, 120_000);

  it("looks up an import batch's duplicates and same-time messages in every shard", async () => {
    const vault = await spreadVault();
    // One batch whose messages fall in every shard (a chat of years imported into a large vault).
    const session = await VaultSession.open(
      vault.dir,
      { passphrase: TEST_PASSPHRASE },
      { shardBudgetBytes: SHARD_BUDGET, shardCacheBytes: CACHE },
    );
    const everywhere = Array.from({ length: MESSAGES / 10 }, (_, k) => k * 10);
    await session.write(async (w) => {
      const stored = await w.storedKeys(everywhere.map((i) => ({ dedupeKey: `spread:${i}`, time: timeOf(i) })));
      expect(stored.size).toBe(everywhere.length);
      const found = await w.messagesAt(
        everywhere.map((i) => ({ conversationId: chatOf(i), time: timeOf(i) })),
        Number.MAX_SAFE_INTEGER,
      );
      expect(found.length).toBe(everywhere.length);
    });
    await session.lock();
  }, 120_000);

  it('decrypts a shard once when a write and a reader ask for it together, so the write keeps its change', async () => {
    const vault = await spreadVault();
    const session = await VaultSession.open(
      vault.dir,
      { passphrase: TEST_PASSPHRASE },
      { shardBudgetBytes: SHARD_BUDGET, shardCacheBytes: CACHE },
    );
    const entry = session.listShards()[3]!;
    await session.write(async (w) => {
      // A search or a page of messages arriving while the write loads the same shard.
      const writing = w.shardAt(entry.startTime);
      const reading = session.shard(entry);
      const db = await writing;
      db.run("UPDATE messages SET text = 'changed by the write' WHERE time >= ? AND time < ?", [
        entry.startTime,
        entry.endTime,
      ]);
      await reading;
    });
    await session.lock();
    const reopened = await VaultSession.open(vault.dir, { passphrase: TEST_PASSPHRASE });
    const shard = reopened.listShards().find((s) => s.startTime === entry.startTime)!;
    expect(
      ((await reopened.shard(shard)) as Database).exec(
        "SELECT count(*) FROM messages WHERE text = 'changed by the write'",
      )[0]!.values[0]![0],
    ).toBe(shard.messageCount);
    await reopened.lock();
  }, 120_000);
});
