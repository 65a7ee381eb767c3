import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchPage } from '../../../electron/ipc/contract';
import { LocketError } from '../../../electron/core/errors';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { countSearch, everyMatch, runSearch } from '../../../electron/core/search/run-search';
import { createLocketService } from '../../../electron/core/service';
import { VaultSession, type SessionOptions } from '../../../electron/core/session/vault-session';
import type { ShardCache } from '../../../electron/core/store/shard-cache';
import type { ShardEntry } from '../../../electron/core/store/shard-entries';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { shardPath } from '../../../electron/core/vault/vault-files';
import { FileKind } from '../../../electron/core/vault/envelope';
import { VaultKeys } from '../../../electron/core/vault/vault-keys';
import { bombPlaintext, replaceFirstShardPlaintext } from '../../fixtures/compressed-shard-bomb';
import { seededRandom } from '../../helpers/seeded-random';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

/**
 * Passes over many shards read the next ones ahead (store/shard-cache.ts, `scan`): the same results as reading each
 * shard when reached, within a bound, cancelled cleanly, and failing on a damaged shard as reading it alone fails.
 */

const MESSAGES = 2400;
const WORDS = ['今天', '晚上', '吃饭', '火锅', '明天', '开会', 'hotel', 'flight', '快递', '到了', '好的'];
let dir: string;

beforeAll(async () => {
  dir = join(sharedTempDir('locket-read-ahead-'), 'ReadAhead.locket');
  // A small shard budget: the messages spread over a dozen shards and more.
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: 48 * 1024 });
  const random = seededRandom(19);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const stored: StoredMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    conversationId: 1 + (i % 3),
    dedupeKey: `read-ahead:${i}`,
    sourceId: null,
    sender: i % 2 ? 'wxid_friend' : null,
    isSent: i % 2 === 0,
    time: 1_700_000_000 + i * 600,
    kind: 'text',
    text: `填充 ${Array.from({ length: 2 + Math.floor(random() * 4) }, pick).join(random() < 0.6 ? '' : ' ')}`,
    payload: null,
    raw: null,
    mediaId: null,
    importId: null,
  }));
  for (let at = 0; at < stored.length; at += 400)
    await session.write((w) => w.insertMessages(stored.slice(at, at + 400)));
  await session.write((w) => w.indexBacklog());
  expect(session.listShards().filter((s) => s.messageCount > 0).length).toBeGreaterThanOrEqual(12);
  await session.lock();
});

/** The vault opened with `options`; `keys` and `cache` reached past `private` to watch what it decrypts. */
async function opened(options: SessionOptions, vault = dir) {
  const session = await VaultSession.open(vault, { passphrase: TEST_PASSPHRASE }, options);
  const inner = session as unknown as { keys: VaultKeys; cache: ShardCache };
  const decrypted: string[] = [];
  const openFile = inner.keys.openFileWithFilter.bind(inner.keys);
  /** `hold`: a read held back until the promise it returns settles (a slow disk), failing if that promise rejects. */
  const onDecrypt: { hook?: () => void; hold?: (fileId: string) => Promise<void> | undefined } = {};
  inner.keys.openFileWithFilter = (kind, fileId, ...rest) => {
    decrypted.push(fileId);
    onDecrypt.hook?.();
    const held = onDecrypt.hold?.(fileId);
    return held ? held.then(() => openFile(kind, fileId, ...rest)) : openFile(kind, fileId, ...rest);
  };
  return { session, cache: inner.cache, decrypted, onDecrypt };
}

const shardsNewestFirst = (session: VaultSession): ShardEntry[] =>
  session
    .listShards()
    .filter((s) => s.messageCount > 0)
    .sort((a, b) => b.startTime - a.startTime);

/** Until every read ahead has settled and its slot is free (reads dropped by a pass finish in the background). */
async function settled(cache: ShardCache): Promise<void> {
  for (let i = 0; i < 500 && cache.readAheadHeld > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(cache.readAheadHeld).toBe(0);
}

const QUERIES = [
  '"今天晚上 吃饭"',
  '火锅 -开会',
  '填充',
  'hotel flight',
  '快递 OR 开会',
  '"晚上 吃饭"',
  '明天 before:2023-11-20',
];

interface Answers {
  pages: SearchPage[][];
  counts: number[];
  exports: number[][];
}

async function answers(session: VaultSession): Promise<Answers> {
  const result: Answers = { pages: [], counts: [], exports: [] };
  for (const text of QUERIES) {
    const query = parseQuery(text, { timeZone: 'UTC' });
    const pages: SearchPage[] = [];
    let cursor;
    do {
      const page = await runSearch(session, query, { limit: 37, cursor });
      pages.push(page);
      cursor = page.next ?? undefined;
    } while (cursor && pages.length < 4);
    result.pages.push(pages);
    result.counts.push(await countSearch(session, query));
    const ids: number[] = [];
    for await (const rows of everyMatch(session, query)) ids.push(...rows.map((r) => r.id));
    result.exports.push(ids);
  }
  return result;
}

describe('reading shards ahead', () => {
  it('finds the same results, in the same order, with the same counts, as reading each shard when reached', async () => {
    const before = await opened({
      shardScan: { readAhead: 0, keepsShardsToScan: false, usesPhraseFilters: false },
      shardCacheBytes: 256 * 1024,
    });
    const expected = await answers(before.session);
    await before.session.lock();
    // A cache of a few shards, so that passes evict, read ahead and load from memory in turn.
    const now = await opened({ shardCacheBytes: 256 * 1024 });
    expect(await answers(now.session)).toEqual(expected);
    expect(expected.counts.some((n) => n > 100)).toBe(true);
    await settled(now.cache);
    await now.session.lock();
  });

  it('never holds more shards read ahead than its bound, also with passes running at once', async () => {
    const { session, cache, decrypted, onDecrypt } = await opened({
      shardScan: { readAhead: 2 },
      shardCacheBytes: 128 * 1024,
    });
    let most = 0;
    onDecrypt.hook = () => (most = Math.max(most, cache.readAheadHeld));
    const count = (text: string) => countSearch(session, parseQuery(text, { timeZone: 'UTC' }));
    const [a, b, c] = await Promise.all([count('填充'), count('火锅 -开会'), count('"今天晚上 吃饭"')]);
    expect(a).toBe(MESSAGES);
    expect([b, c].every((n) => n >= 0)).toBe(true);
    expect(decrypted.length).toBeGreaterThan(shardsNewestFirst(session).length);
    // It does read ahead (the bound is reached) and never beyond.
    expect(most).toBe(2);
    await settled(cache);
    await session.lock();
  });

  it('stops a cancelled count at once, leaving nothing it read ahead in the cache', async () => {
    const { session, cache, decrypted, onDecrypt } = await opened({ shardScan: { readAhead: 2 } });
    const shards = shardsNewestFirst(session);
    const controller = new AbortController();
    // Cancelled while reads ahead are under way: the third file decrypted is read ahead of the second shard.
    onDecrypt.hook = () => {
      if (decrypted.length === 3) controller.abort();
    };
    await expect(
      countSearch(session, parseQuery('填充', { timeZone: 'UTC' }), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    await settled(cache);
    const loaded = shards.filter((s) => session.isShardLoaded(s)).map((s) => s.fileId);
    // The count reached a shard or two; the shards read ahead of it were dropped, not cached.
    expect(decrypted.length).toBeLessThanOrEqual(loaded.length + 2);
    expect(decrypted.filter((id) => !loaded.includes(id)).length).toBeGreaterThan(0);
    expect(loaded).toEqual(shards.slice(0, loaded.length).map((s) => s.fileId));
    // And the next count is whole.
    expect(await countSearch(session, parseQuery('填充', { timeZone: 'UTC' }))).toBe(MESSAGES);
    await settled(cache);
    await session.lock();
  });

  it('stops a cancelled search between shards, and the app’s search.cancel stops the query it replaced', async () => {
    // Phrase filters off: they would rule out every shard for the phrase, and the search would read none.
    const { session, cache, decrypted, onDecrypt } = await opened({
      shardScan: { readAhead: 2, usesPhraseFilters: false },
    });
    const shards = shardsNewestFirst(session);
    // A phrase no message holds: the search would read every shard.
    const rare = parseQuery('"hotel flight 快递 到了 好的"', { timeZone: 'UTC' });
    const controller = new AbortController();
    onDecrypt.hook = () => {
      if (decrypted.length === 4) controller.abort();
    };
    await expect(runSearch(session, rare, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(decrypted.length).toBeLessThan(shards.length);
    await settled(cache);
    onDecrypt.hook = undefined;
    expect((await runSearch(session, rare)).total).toBe(0);
    await session.lock();

    // Through the service, as the search screen asks: the query replaced by a newer one is cancelled by its id.
    let events = 0;
    const service = createLocketService({
      sessionOptions: { ...testKdf, shardScan: { usesPhraseFilters: false } },
      configDir: null,
      emit: (event, payload) => {
        if (event === 'search.results' && (payload as { requestId: string }).requestId === 'old' && ++events === 2)
          void service['search.cancel']({ requestId: 'old' });
      },
    });
    await service['vault.unlock']({ path: dir, passphrase: TEST_PASSPHRASE });
    const stopped = service['search.query']({ query: '"hotel flight 快递 到了 好的"', requestId: 'old' });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' });
    expect(events).toBeLessThan(shards.length);
    expect(await service['search.cancel']({ requestId: 'old' })).toEqual({ cancelled: false });
    expect((await service['search.query']({ query: '填充', requestId: 'new', limit: 5 })).results).toHaveLength(5);
    await service.dispose();
  });

  it('fails on a damaged shard with the error reading it alone gives, and only when the pass reaches it', async () => {
    const copy = join(tempDir(), 'Damaged.locket');
    cpSync(dir, copy, { recursive: true });
    const probe = await opened({}, copy);
    const shards = shardsNewestFirst(probe.session);
    await probe.session.lock();
    const damaged = shards[2]!;
    const file = join(copy, shardPath(damaged.fileId));
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(file, bytes);

    const failures: LocketError[] = [];
    for (const readAhead of [0, 2]) {
      const { session, cache } = await opened({ shardScan: { readAhead } }, copy);
      const rare = parseQuery('"今天晚上 吃饭"', { timeZone: 'UTC' });
      for (const pass of [
        () => runSearch(session, rare, { limit: 50 }),
        () => countSearch(session, rare),
        async () => {
          for await (const rows of everyMatch(session, rare)) void rows;
        },
      ]) {
        const error = await pass().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(LocketError);
        failures.push(error as LocketError);
      }
      // A page that fills in the two newest shards never reaches the damaged one, read ahead or not.
      const limit = shards[0]!.messageCount + 1;
      const page = await runSearch(session, parseQuery('填充', { timeZone: 'UTC' }), { limit });
      expect(page.results).toHaveLength(limit);
      await settled(cache);
      await session.lock();
    }
    for (const error of failures) {
      expect(error.code).toBe('vault-corrupt');
      expect(error.details).toEqual({ file: shardPath(damaged.fileId) });
      expect(error.message).toBe(failures[0]!.message);
    }
    expect(failures[0]!.message).toMatch(/fail authentication/);
  });

  it('refuses a decompression bomb read ahead with the error it gives when read on reaching it', async () => {
    const copy = join(tempDir(), 'Bomb.locket');
    cpSync(dir, copy, { recursive: true });
    // The oldest shard: a search of the rare phrase reaches it last, read ahead.
    const label = await replaceFirstShardPlaintext(copy, TEST_PASSPHRASE, bombPlaintext(4096n, 64 * 1024 * 1024));
    const messages: string[] = [];
    for (const readAhead of [0, 2]) {
      const { session, cache } = await opened({ shardScan: { readAhead } }, copy);
      const error = await runSearch(session, parseQuery('"今天晚上 吃饭"', { timeZone: 'UTC' }), { limit: 50 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'vault-corrupt', details: { file: label } });
      messages.push((error as LocketError).message);
      await settled(cache);
      await session.lock();
    }
    expect(messages[1]).toBe(messages[0]);
    expect(messages[0]).toMatch(/inflate to more than the 4096 bytes it says it holds/);
  });

  it('keeps the shards a pass has still to reach, so that a search run again decrypts fewer', async () => {
    // Phrase filters off: they would rule out most shards for the phrase.
    const scan = { usesPhraseFilters: false };
    const { session, cache, decrypted } = await opened({ shardCacheBytes: 256 * 1024, shardScan: scan });
    const shards = shardsNewestFirst(session);
    const held = Math.floor((256 * 1024) / Math.max(...shards.map((s) => s.byteSize)));
    expect(held).toBeGreaterThanOrEqual(2);
    expect(held).toBeLessThan(shards.length / 2);
    const rare = parseQuery('"今天晚上 吃饭"', { timeZone: 'UTC' });
    const first = await runSearch(session, rare, { limit: 50 });
    expect(decrypted).toHaveLength(shards.length);
    decrypted.length = 0;
    expect(await runSearch(session, rare, { limit: 50 })).toEqual(first);
    expect(decrypted.length).toBeLessThanOrEqual(shards.length - (held - 1));
    await settled(cache);
    await session.lock();
    // Least recently used alone (as before) evicts each kept shard just before the pass reaches it.
    const before = await opened({ shardCacheBytes: 256 * 1024, shardScan: { ...scan, keepsShardsToScan: false } });
    await runSearch(before.session, rare, { limit: 50 });
    before.decrypted.length = 0;
    await runSearch(before.session, rare, { limit: 50 });
    expect(before.decrypted).toHaveLength(shards.length);
    await settled(before.cache);
    await before.session.lock();
  });
});

/** A shard read held back until the test lets it go or fails it: a slow disk, on demand. */
function heldRead() {
  const state = { isDone: false };
  let release!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    release = () => ((state.isDone = true), resolve());
    fail = (error) => ((state.isDone = true), reject(error));
  });
  return { promise, release, fail, state };
}

/** How a pass ended, failing the test when it has not ended within two seconds (it waits for a read held back). */
async function endsAlone<T>(pass: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2000)));
  const outcome = await Promise.race([
    pass.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late') throw new Error('The cancelled pass waited for the shard read held back.');
  return outcome;
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Phrase filters off throughout: they would rule out every shard for the rare phrase, and no read would be waited on.
describe('a pass cancelled while it waits for a shard read', () => {
  const rare = parseQuery('"hotel flight 快递 到了 好的"', { timeZone: 'UTC' });
  const fill = parseQuery('填充', { timeZone: 'UTC' });
  let expectedPage: SearchPage;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    const reference = await opened({ shardScan: { readAhead: 0 } });
    expectedPage = await runSearch(reference.session, fill, { limit: 50 });
    await reference.session.lock();
  });
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it.each([
    { waitingFor: 'the newest shard, read when the search reaches it', held: 0 },
    { waitingFor: 'a shard read ahead of the search', held: 2 },
  ])('stops a search at once while it waits for $waitingFor', async ({ held }) => {
    const { session, cache, decrypted, onDecrypt } = await opened({
      shardScan: { readAhead: 2, usesPhraseFilters: false },
    });
    const shards = shardsNewestFirst(session);
    const target = shards[held]!;
    const read = heldRead();
    onDecrypt.hold = (id) => (id === target.fileId ? read.promise : undefined);
    const controller = new AbortController();
    // Cancelled once the search has searched the shards before the one held back and waits for it.
    const cancelSoon = () => void later(30).then(() => controller.abort());
    if (held === 0) cancelSoon();
    const search = runSearch(session, rare, {
      signal: controller.signal,
      onResults: (p) => {
        if (!p.done && p.shardsSearched === held) cancelSoon();
      },
    });
    const { error } = await endsAlone(search);
    expect(error).toMatchObject({ code: 'cancelled', message: 'The search was cancelled.' });
    expect(read.state.isDone).toBe(false);
    // Nothing of the shard is in the cache while it is being read.
    expect(session.isShardLoaded(target)).toBe(false);

    // Searches started right away: they need the shard held back too, and get it whole once it is read, once.
    const next = Promise.all([runSearch(session, fill, { limit: 50 }), countSearch(session, fill)]);
    await later(20);
    read.release();
    expect(await next).toEqual([expectedPage, MESSAGES]);
    expect(decrypted.filter((id) => id === target.fileId)).toHaveLength(1);
    // The slots of the reads ahead are free again, and the shards in memory are those searched, whole.
    await settled(cache);
    expect(shards.every((s) => session.isShardLoaded(s))).toBe(true);
    expect(unhandled).toEqual([]);
    await session.lock();
  });

  it('leaves no unhandled rejection and no slot held when the read it left fails, and the next pass reads it again', async () => {
    const { session, cache, decrypted, onDecrypt } = await opened({
      shardScan: { readAhead: 2, usesPhraseFilters: false },
    });
    const shards = shardsNewestFirst(session);
    const target = shards[2]!;
    const read = heldRead();
    onDecrypt.hold = (id) => (id === target.fileId ? read.promise : undefined);
    const controller = new AbortController();
    onDecrypt.hook = () => {
      // The count reads ahead from the start: the shard held back is asked for among the first reads.
      if (decrypted.at(-1) === target.fileId) void later(30).then(() => controller.abort());
    };
    const { error } = await endsAlone(countSearch(session, fill, { signal: controller.signal }));
    expect(error).toMatchObject({ code: 'cancelled', message: 'The count was cancelled.' });
    expect(read.state.isDone).toBe(false);
    read.fail(new Error('EIO: i/o error, read'));
    await settled(cache);
    await later(20);
    expect(unhandled).toEqual([]);
    expect(session.isShardLoaded(target)).toBe(false);
    onDecrypt.hold = undefined;
    onDecrypt.hook = undefined;
    expect(await countSearch(session, fill)).toBe(MESSAGES);
    expect(decrypted.filter((id) => id === target.fileId)).toHaveLength(2);
    await settled(cache);
    await session.lock();
  });

  it('leaves nothing decrypted when the vault locks before the read it left ends', async () => {
    const { session, cache, onDecrypt } = await opened({ shardScan: { readAhead: 2, usesPhraseFilters: false } });
    const target = shardsNewestFirst(session)[0]!;
    const read = heldRead();
    onDecrypt.hold = (id) => (id === target.fileId ? read.promise : undefined);
    const controller = new AbortController();
    void later(30).then(() => controller.abort());
    const { error } = await endsAlone(runSearch(session, rare, { signal: controller.signal }));
    expect(error).toMatchObject({ code: 'cancelled' });
    // Auto-lock while the shard is still being read: the read ends after the lock and its shard is not kept.
    await session.lock();
    read.release();
    await settled(cache);
    await later(20);
    expect(cache.loaded()).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('stops an export’s search the same way, with the export’s words', async () => {
    const { session, cache, onDecrypt } = await opened({ shardScan: { readAhead: 2, usesPhraseFilters: false } });
    // The export's pass goes oldest first.
    const target = shardsNewestFirst(session).at(-2)!;
    const read = heldRead();
    onDecrypt.hold = (id) => (id === target.fileId ? read.promise : undefined);
    const controller = new AbortController();
    const message = 'The export was cancelled. Nothing was written.';
    const pass = (async () => {
      let rows = 0;
      for await (const found of everyMatch(session, fill, { cancel: { signal: controller.signal, message } }))
        rows += found.length;
      return rows;
    })();
    void later(50).then(() => controller.abort());
    const { error } = await endsAlone(pass);
    expect(error).toMatchObject({ code: 'cancelled', message });
    read.release();
    await settled(cache);
    let rows = 0;
    for await (const found of everyMatch(session, fill)) rows += found.length;
    expect(rows).toBe(MESSAGES);
    expect(unhandled).toEqual([]);
    await session.lock();
  });

  it('stops the query search.cancel names while it waits, and the query after it runs as usual', async () => {
    const service = createLocketService({
      sessionOptions: { ...testKdf, shardScan: { usesPhraseFilters: false } },
      configDir: null,
      emit: () => undefined,
    });
    await service['vault.unlock']({ path: dir, passphrase: TEST_PASSPHRASE });
    const read = heldRead();
    let isAsked = false;
    // The service's session is its own: its first shard read is held back where every session reads files.
    const openFile = VaultKeys.prototype.openFileWithFilter;
    const spy = vi.spyOn(VaultKeys.prototype, 'openFileWithFilter').mockImplementation(function (
      this: VaultKeys,
      ...args
    ) {
      if (args[0] !== FileKind.shard || isAsked) return openFile.apply(this, args);
      isAsked = true;
      return read.promise.then(() => openFile.apply(this, args));
    });
    try {
      const old = service['search.query']({ query: '"hotel flight 快递 到了 好的"', requestId: 'old' });
      for (let i = 0; i < 200 && !isAsked; i++) await later(5);
      expect(isAsked).toBe(true);
      await later(20);
      expect(await service['search.cancel']({ requestId: 'old' })).toEqual({ cancelled: true });
      const { error } = await endsAlone(old);
      expect(error).toMatchObject({ code: 'cancelled' });
      expect(read.state.isDone).toBe(false);
      const fresh = service['search.query']({ query: '填充', requestId: 'new', limit: 50 });
      read.release();
      expect(await fresh).toEqual(expectedPage);
    } finally {
      spy.mockRestore();
      read.release();
      await service.dispose();
    }
    expect(unhandled).toEqual([]);
  });
});
