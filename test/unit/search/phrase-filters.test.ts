import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { countSearch, runSearch } from '../../../electron/core/search/run-search';
import { compactVault, compactionStatus } from '../../../electron/core/session/compact-vault';
import { VaultSession, type SessionOptions } from '../../../electron/core/session/vault-session';
import type { StoredMessage } from '../../../electron/core/store/message-writer';
import { decodePhraseFilter, termElements, type PhraseFilter } from '../../../electron/core/store/phrase-filter';
import { searchableText } from '../../../electron/core/store/searchable-text';
import type { ShardEntry } from '../../../electron/core/store/shard-entries';
import { atomize } from '../../../electron/core/store/text-atoms';
import { compressPlaintext } from '../../../electron/core/vault/compression';
import { shardPath } from '../../../electron/core/vault/vault-files';
import type { VaultKeys } from '../../../electron/core/vault/vault-keys';
import { all, one } from '../../../electron/core/db/sqlite';
import { replaceFirstShardPlaintext } from '../../fixtures/compressed-shard-bomb';
import { seededRandom } from '../../helpers/seeded-random';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

/**
 * Phrase filters in a vault (FORMAT.md, "Phrase filters"): a search passes over the shards whose filter rules its
 * words out and finds exactly what reading every shard finds; a filter follows its shard's messages through imports,
 * wipes and splits, and a shard without one is read as before.
 */

const MESSAGES = 2400;
const WORDS = ['今天', '晚上', '吃饭', '火锅', '明天', '开会', 'hotel', 'flight', '快递', '到了', '好的'];
/** Held by one message only, somewhere in the middle of the vault's history. */
const RARE = '鳄鱼钢琴 zebra';
const RARE_AT = 1234;
let dir: string;

function message(i: number, text: string): StoredMessage {
  return {
    conversationId: 1 + (i % 3),
    dedupeKey: `filters:${i}`,
    sourceId: null,
    sender: i % 2 ? 'wxid_friend' : null,
    isSent: i % 2 === 0,
    time: 1_700_000_000 + i * 600,
    kind: 'text',
    text,
    payload: null,
    raw: null,
    mediaId: null,
    importId: null,
  };
}

beforeAll(async () => {
  dir = join(sharedTempDir('locket-phrase-filters-'), 'Filters.locket');
  const { session } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, shardBudgetBytes: 48 * 1024 });
  const random = seededRandom(23);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const stored = Array.from({ length: MESSAGES }, (_, i) =>
    message(i, i === RARE_AT ? `看 ${RARE}` : Array.from({ length: 2 + Math.floor(random() * 4) }, pick).join('')),
  );
  for (let at = 0; at < stored.length; at += 400)
    await session.write((w) => w.insertMessages(stored.slice(at, at + 400)));
  await session.write((w) => w.indexBacklog());
  expect(session.listShards().filter((s) => s.messageCount > 0).length).toBeGreaterThanOrEqual(12);
  await session.lock();
});

/** The vault opened with `options`, counting the shard files it decrypts whole. */
async function opened(options: SessionOptions = {}, vault = dir) {
  const session = await VaultSession.open(vault, { passphrase: TEST_PASSPHRASE }, { ...testKdf, ...options });
  const keys = (session as unknown as { keys: VaultKeys }).keys;
  const decrypted: string[] = [];
  const open = keys.openFileWithFilter.bind(keys);
  keys.openFileWithFilter = (kind, fileId, ...rest) => {
    decrypted.push(fileId);
    return open(kind, fileId, ...rest);
  };
  return { session, keys, decrypted };
}

const withMessages = (session: VaultSession) => session.listShards().filter((s) => s.messageCount > 0);

async function filterOf(keys: VaultKeys, session: VaultSession, entry: ShardEntry): Promise<PhraseFilter | null> {
  const wrapped = one<{ wrapped_key: Uint8Array }>(
    session.catalog,
    'SELECT wrapped_key FROM shards WHERE file_id = ?',
    [entry.fileId],
  )!.wrapped_key;
  const bytes = await keys.readShardFilter(entry.fileId, shardPath(entry.fileId), wrapped);
  return bytes ? decodePhraseFilter(bytes) : null;
}

/** Whether a filter may hold a term: every shard that holds it must say yes. */
const mayHold = (filter: PhraseFilter, term: string) => filter.mayHoldAll(termElements(atomize(term)));

/** Every term made of one message's atoms, or of two side by side: what its shard's filter must say yes to. */
async function everyPairHeld(session: VaultSession, keys: VaultKeys, entry: ShardEntry): Promise<void> {
  const filter = await filterOf(keys, session, entry);
  expect(filter).not.toBeNull();
  const db = await session.shard(entry);
  for (const row of all<{ kind: string; text: string; payload: string | null }>(
    db,
    'SELECT kind, text, payload FROM messages',
  )) {
    const atoms = atomize(searchableText(row.kind, row.text, row.payload), false);
    for (let i = 0; i < atoms.length; i++) {
      expect(filter!.mayHoldAll(termElements(atoms.slice(i, i + 1)))).toBe(true);
      if (i + 1 < atoms.length) expect(filter!.mayHoldAll(termElements(atoms.slice(i, i + 2)))).toBe(true);
    }
  }
}

describe('phrase filters in a vault', () => {
  it('let a rare phrase read one shard or two instead of every one, with the same results and counts', async () => {
    const queries = [`"${RARE}"`, '鳄鱼', 'zebra', '"今天晚上 吃饭"', '火锅 -开会', 'hotel OR 鳄鱼', '明天 zebra'];
    const without = await opened({ shardScan: { usesPhraseFilters: false } });
    const expected = [];
    for (const q of queries) {
      const query = parseQuery(q, { timeZone: 'UTC' });
      expected.push([
        await runSearch(without.session, query, { limit: 20 }),
        await countSearch(without.session, query),
      ]);
    }
    await without.session.lock();

    const { session, decrypted } = await opened();
    const shards = withMessages(session).length;
    for (const [i, q] of queries.entries()) {
      const query = parseQuery(q, { timeZone: 'UTC' });
      expect([await runSearch(session, query, { limit: 20 }), await countSearch(session, query)]).toEqual(expected[i]);
    }
    await session.lock();
    const rare = await opened();
    const page = await runSearch(rare.session, parseQuery(`"${RARE}"`, { timeZone: 'UTC' }));
    expect(page.total).toBe(1);
    expect(rare.decrypted.length).toBeLessThanOrEqual(2);
    expect(decrypted.length).toBeGreaterThan(0);
    expect(shards).toBeGreaterThanOrEqual(12);
    await rare.session.lock();
  });

  it('holds every atom and pair of its shard’s messages, also after more are imported into it', async () => {
    const copy = join(tempDir(), 'Grown.locket');
    cpSync(dir, copy, { recursive: true });
    const { session, keys } = await opened({}, copy);
    await session.write((w) =>
      w.insertMessages([message(MESSAGES, '新来的消息 kiwi fruit'), message(MESSAGES + 1, 'kiwi 很好吃')]),
    );
    await session.write((w) => w.indexBacklog());
    const newest = withMessages(session).at(-1)!;
    await everyPairHeld(session, keys, newest);
    expect((await runSearch(session, parseQuery('"kiwi fruit"', { timeZone: 'UTC' }))).total).toBe(1);
    for (const entry of withMessages(session).slice(0, 3)) await everyPairHeld(session, keys, entry);
    await session.lock();
  });

  it.each([
    { what: 'it alone (the index forgets it through its tokens)', most: false },
    { what: 'most of its shard (the index is built again from what stays)', most: true },
  ])('keeps nothing of a wiped message, wiping $what: its shard’s new filter rules its words out', async ({ most }) => {
    const copy = join(tempDir(), 'Wiped.locket');
    cpSync(dir, copy, { recursive: true });
    const { session, keys } = await opened({}, copy);
    const hit = (await runSearch(session, parseQuery(`"${RARE}"`, { timeZone: 'UTC' }))).results[0]!;
    const holding = (s: ShardEntry) => s.startTime <= hit.message.time && hit.message.time < s.endTime;
    const entry = withMessages(session).find(holding)!;
    expect(mayHold((await filterOf(keys, session, entry))!, RARE)).toBe(true);
    const ids = most
      ? all<{ id: number }>(await session.shard(entry), 'SELECT id FROM messages ORDER BY id').map((r) => r.id)
      : [hit.message.id];
    const wiped = most ? [hit.message.id, ...ids.filter((id) => id !== hit.message.id).slice(3)] : ids;
    await session.write((w) => w.deleteMessagesDangerously(entry, wiped));
    const after =
      withMessages(session).find(holding) ?? withMessages(session).find((s) => s.startTime <= hit.message.time);
    expect(after!.fileId).not.toBe(entry.fileId);
    const filter = (await filterOf(keys, session, after!))!;
    // Four runs no other message holds: a filter built with them says yes to all four.
    for (const term of [RARE, '鳄鱼钢琴', '琴 zebra', 'zebra']) expect(mayHold(filter, term)).toBe(false);
    await everyPairHeld(session, keys, after!);
    expect((await runSearch(session, parseQuery('zebra', { timeZone: 'UTC' }))).total).toBe(0);
    await session.lock();
  });

  it('is written with every part of a split from that part’s own messages', async () => {
    const copy = join(tempDir(), 'Split.locket');
    cpSync(dir, copy, { recursive: true });
    // A smaller budget: the next write of a shard splits it at its median.
    const { session, keys } = await opened({ shardBudgetBytes: 24 * 1024 }, copy);
    const before = withMessages(session).length;
    const middle = withMessages(session)[3]!;
    await session.write(async (w) => {
      const db = await w.shardAt(middle.startTime);
      db.run('UPDATE messages SET retention_class_id = NULL');
    });
    expect(withMessages(session).length).toBeGreaterThan(before);
    for (const entry of withMessages(session)) await everyPairHeld(session, keys, entry);
    await session.lock();
  });

  it('reads a shard written without one (file version 2) as before, and compaction gives it one', async () => {
    const copy = join(tempDir(), 'Old.locket');
    cpSync(dir, copy, { recursive: true });
    const probe = await opened({}, copy);
    const first = withMessages(probe.session)[0]!;
    const exported = ((await probe.session.shard(first)) as unknown as { export(): Uint8Array }).export();
    const oldest = all<{ text: string }>(
      await probe.session.shard(first),
      'SELECT text FROM messages ORDER BY time',
    )[0]!;
    await probe.session.lock();
    await replaceFirstShardPlaintext(copy, TEST_PASSPHRASE, await compressPlaintext(exported));
    const label = shardPath(first.fileId).split('\\').join('/');
    expect(readFileSync(join(copy, label))[4]).toBe(2);

    const { session, keys, decrypted } = await opened({}, copy);
    expect(await filterOf(keys, session, first)).toBeNull();
    const query = parseQuery(`"${oldest.text}"`, { timeZone: 'UTC' });
    expect((await runSearch(session, query, { limit: 500 })).results.length).toBeGreaterThan(0);
    expect(decrypted).toContain(first.fileId);
    expect((await compactionStatus(session)).outdatedFiles).toBe(1);
    expect((await compactVault(session)).shardsRewritten).toBe(1);
    expect((await compactionStatus(session)).outdatedFiles).toBe(0);
    const rewritten = withMessages(session)[0]!;
    expect(readFileSync(join(copy, shardPath(rewritten.fileId)))[4]).toBe(3);
    await everyPairHeld(session, keys, rewritten);
    await session.lock();
  });

  it('does not let a filter section that says it is longer than its file stop a search short of the damage', async () => {
    const copy = join(tempDir(), 'Overlong.locket');
    cpSync(dir, copy, { recursive: true });
    const overlong = Buffer.alloc(4 + 64);
    overlong.writeUInt32LE(1 << 20);
    const label = await replaceFirstShardPlaintext(copy, TEST_PASSPHRASE, overlong, 'filtered');
    const { session } = await opened({}, copy);
    // The oldest shard is reached last: the search reads its filter, cannot use it, and reads the shard, which fails.
    const error = await runSearch(session, parseQuery('"今天晚上 吃饭"', { timeZone: 'UTC' }), { limit: 50 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'vault-corrupt', details: { file: label } });
    expect((error as Error).message).toMatch(/phrase filter says it holds 1048576 bytes/);
    await session.lock();
  });

  it('is left out while a shard has messages not yet indexed, which a search then finds by their text', async () => {
    const copy = join(tempDir(), 'Backlog.locket');
    cpSync(dir, copy, { recursive: true });
    const { session, keys } = await opened({}, copy);
    await session.write((w) => w.insertMessages([message(MESSAGES, '未索引的 walrus')]));
    const newest = withMessages(session).at(-1)!;
    expect(await filterOf(keys, session, newest)).toBeNull();
    expect((await runSearch(session, parseQuery('walrus', { timeZone: 'UTC' }))).total).toBe(1);
    await session.lock();
  });
});
