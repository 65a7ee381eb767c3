import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchPage, SearchResultsEvent } from '../../../electron/ipc/contract';
import { rebuildShardIndex } from '../../../electron/core/store/index-shard';
import { messageContext } from '../../../electron/core/search/message-context';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { countSearch, runSearch, type RunSearchOptions } from '../../../electron/core/search/run-search';
import type { ShardEntry } from '../../../electron/core/store/shard-entries';
import type { ShardPassOptions } from '../../../electron/core/store/shard-cache';
import { all, run } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { ALICE, FAMILY, FILLERS_PER_MONTH, FIXTURE_BY_KEY, createSearchVault } from '../../helpers/search-vault';
import { TEST_PASSPHRASE } from '../../helpers/vault';

let session: VaultSession;
let dir: string;
let remove: () => void;

beforeAll(async () => {
  ({ session, dir, remove } = await createSearchVault());
});

afterAll(async () => {
  await session.lock();
  remove();
});

function keyOf(hit: SearchHit): string {
  for (const [key, m] of FIXTURE_BY_KEY) if (m.time === hit.message.time && m.text === hit.message.text) return key;
  return 'filler';
}

async function search(query: string, options: RunSearchOptions & { timeZone?: string } = {}): Promise<SearchPage> {
  return runSearch(session, parseQuery(query, { timeZone: options.timeZone ?? 'UTC' }), { limit: 500, ...options });
}

async function keys(query: string, options: RunSearchOptions & { timeZone?: string } = {}): Promise<string[]> {
  const page = await search(query, options);
  expect(page.total).toBe(page.results.length);
  return page.results.map(keyOf);
}

describe('searching a vault', () => {
  it('spreads the fixture over several shards', () => {
    expect(session.listShards().filter((s) => s.messageCount > 0).length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['finds Chinese across word boundaries, newest first', '今天晚上', ['d1', 'a1']],
    ['finds a two-character word in messages, link descriptions and group chats', '火锅', ['c1', 'b2', 'a1']],
    ['finds a single Chinese character', '饭', ['c4']],
    ['matches English without regard to case', 'HOT', ['a3', 'a2']],
    ['requires every word', 'hot tonight', ['a2']],
    ['matches a quoted phrase', '"hot pot"', ['a3', 'a2']],
    ['finds an emoji, whatever its skin tone', '👍', ['d2', 'a3']],
    ['finds a food emoji', '🍲', ['c3', 'a2']],
    ['finds numbers', '305', ['b1']],
    ['finds a time written with a colon', '10:00', ['b1']],
    ['finds a file by its name', 'report 2024', ['b3']],
    ['leaves out excluded words', 'dinner -lunch', ['c3']],
    ['leaves out excluded CJK substrings', '火锅 -周末', ['b2', 'a1']],
    ['takes either side of OR', 'lunch OR 晚饭', ['c5', 'c4', 'c2']],
    ['mixes scripts in one term', 'lunch明天', []],
    ['mixes scripts in a phrase, separators aside', '"tomorrow 明天"', ['c5']],
  ])('%s: %s', async (_name, query, expected) => {
    expect(await keys(query)).toEqual(expected);
  });

  it.each([
    ['from: a contact by nickname', 'from:"alice wang" 今天晚上', ['d1', 'a1']],
    ['from: a contact by remark', 'from:小爱 火锅', ['b2', 'a1']],
    ['from: a contact by wxid', 'from:wxid_bob 火锅', ['c1']],
    ['from: a group member by group nickname', 'from:老鲍', ['c5', 'c4', 'c1']],
    ['from: a member known only in the group', 'from:carol', ['c2']],
    ['from:me', 'from:me 🍲', ['c3', 'a2']],
    ['from: two people', 'from:carol from:老鲍 lunch', ['c5', 'c2']],
    ['from: nobody known', 'from:nobody 火锅', []],
    ['in: a conversation by name', 'in:家人 火锅', ['c1']],
    ['in: a conversation by username', 'in:wxid_alice 火锅', ['b2', 'a1']],
    ['after: a day', 'after:2024-04-02 火锅', ['c1', 'b2']],
    ['before: a day', 'before:2024-04-02 火锅', ['a1']],
    ['during: a month', 'during:2024-05 火锅', ['c1']],
    ['type: a kind', 'type:image', ['a4']],
    ['has:image', 'has:image', ['a4']],
    ['has:voice', 'has:voice', ['a5']],
    ['has:file', 'has:file', ['b3']],
    ['has:link, a card or an address in a text', 'has:link', ['b4', 'b2']],
    ['is:sent', 'is:sent 🍲', ['c3', 'a2']],
    ['is:received', 'is:received 火锅', ['c1', 'b2', 'a1']],
  ])('filters by %s', async (_name, query, expected) => {
    expect(await keys(query)).toEqual(expected);
  });

  it('reads dates in the time zone the request gives', async () => {
    expect(await keys('边界 during:2024-04', { timeZone: 'UTC' })).toEqual([]);
    expect(await keys('边界 during:2024-04', { timeZone: 'Asia/Shanghai' })).toEqual(['a6']);
  });

  it('searches one conversation when asked', async () => {
    expect(await keys('火锅', { conversationId: FAMILY.id })).toEqual(['c1']);
    expect(await keys('火锅', { conversationId: ALICE.id })).toEqual(['b2', 'a1']);
    await expect(search('火锅', { conversationId: 99 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('highlights what matched in the snippet', async () => {
    const page = await search('吃火锅');
    const a1 = page.results.find((h) => keyOf(h) === 'a1')!;
    expect(a1.snippet).toEqual({ text: '我们今天晚上吃火锅', highlights: [[6, 9]] });
    const a3 = (await search('pot 👍')).results[0]!;
    expect(a3.snippet.highlights.map(([s, e]) => a3.snippet.text.slice(s, e))).toEqual(['POT', '👍🏽']);
    const b2 = (await search('recipes')).results[0]!;
    expect(b2.snippet.text).toBe('Weekly digest 火锅 recipes');
    expect(b2.snippet.highlights.map(([s, e]) => b2.snippet.text.slice(s, e))).toEqual(['recipes']);
  });

  it('pages newest first across shards, with the counted total on every page', async () => {
    const all: SearchHit[] = [];
    let page = await search('填充物', { limit: 7, count: true });
    const total = page.total!;
    expect(total).toBe(4 * FILLERS_PER_MONTH);
    all.push(...page.results);
    while (page.next) {
      page = await search('填充物', { limit: 7, cursor: page.next });
      expect(page.total).toBe(total);
      all.push(...page.results);
    }
    expect(all).toHaveLength(total);
    expect(new Set(all.map((h) => h.message.id)).size).toBe(total);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!.message, all[i]!.message];
      expect(a.time > b.time || (a.time === b.time && a.id > b.id)).toBe(true);
    }
  });

  it('pages an inexact query (checked in JS) the same way', async () => {
    // Two CJK runs: the index only says both characters are there; the JS check confirms what stands between.
    const collect = async (query: string) => {
      const hits: SearchHit[] = [];
      let page = await search(query, { limit: 7, count: true });
      const total = page.total!;
      hits.push(...page.results);
      while (page.next) hits.push(...(page = await search(query, { limit: 7, cursor: page.next })).results);
      expect(hits).toHaveLength(total);
      return hits.map((h) => h.message.id);
    };
    expect(await collect('"充 物"')).toEqual(await collect('填充物'));
    expect(await keys('"填充物 f"')).toEqual([]);
    // A CJK run and a word: only where both stand next to each other, separators aside.
    expect((await search('填充物f1')).results.map((h) => h.message.text.split(' ')[1])).toEqual(['f1']);
  });

  it('streams results shard by shard, the first before the whole vault is searched', async () => {
    const events: Omit<SearchResultsEvent, 'requestId'>[] = [];
    // A page longer than one shard's matches: the search goes on into the next shard, and stops there.
    const page = await search('填充物', { limit: FILLERS_PER_MONTH + 5, onResults: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(2);
    expect(events[0]!.shardsSearched).toBe(1);
    expect(events[0]!.shardCount).toBeGreaterThan(1);
    expect(events[0]!.results.length).toBeGreaterThan(0);
    expect(events.flatMap((e) => e.results)).toEqual(page.results);
    expect(events.at(-1)).toMatchObject({ done: true, found: page.atLeast });
  });

  it('stops decrypting once the page is full, with "at least" for the total', async () => {
    const shardsAsked: string[] = [];
    // The same session, the shards it hands out counted: which shards the search reads.
    const reader = new Proxy(session, {
      get(target, key) {
        if (key === 'shard') return (entry: ShardEntry) => (shardsAsked.push(entry.fileId), target.shard(entry));
        if (key === 'eachShard')
          return async function* (entries: ShardEntry[], options?: ShardPassOptions) {
            for await (const shard of target.eachShard(entries, options)) {
              shardsAsked.push(shard.entry.fileId);
              yield shard;
            }
          };
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const shards = session.listShards().filter((s) => s.messageCount > 0);
    const newest = [...shards].sort((a, b) => b.startTime - a.startTime)[0]!;
    const page = await runSearch(reader, parseQuery('填充物', { timeZone: 'UTC' }), { limit: 3 });
    expect(page.results).toHaveLength(3);
    expect(page).toMatchObject({ total: null, atLeast: 4 });
    expect(page.next).toMatchObject({ seen: 3, total: null });
    expect(shardsAsked).toEqual([newest.fileId]);
    // The next page starts in the shard where the first stopped: none newer than its next result is read again.
    shardsAsked.length = 0;
    const second = await runSearch(reader, parseQuery('填充物', { timeZone: 'UTC' }), { limit: 3, cursor: page.next! });
    expect(second.results[0]!.message.time).toBe(page.next!.nextTime);
    expect(shardsAsked.every((id) => shards.find((s) => s.fileId === id)!.startTime <= page.next!.nextTime)).toBe(true);
  });

  it.each(['填充物', '"充 物"', '火锅', '今天 -晚上', 'from:alice'])(
    'counts the rest after any page as a full count does (%s)',
    async (query) => {
      const parsed = parseQuery(query, { timeZone: 'UTC' });
      const counted = (await search(query, { count: true })).total!;
      expect(await countSearch(session, parsed)).toBe(counted);
      let cursor = (await search(query, { limit: 2 })).next;
      while (cursor) {
        expect(await countSearch(session, parsed, { cursor })).toBe(counted);
        cursor = (await search(query, { limit: 97, cursor })).next;
      }
    },
  );

  it('stops a count when it is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      countSearch(session, parseQuery('填充物', { timeZone: 'UTC' }), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('opens a result in its place in the conversation, across shards', async () => {
    const d1 = (await search('八点')).results[0]!.message;
    const context = await messageContext(session, { messageId: d1.id, time: d1.time, before: 2, after: 1 });
    expect(context.messages.map((m) => m.text)).toEqual([
      'see https://example.com/x',
      '今天 晚上 不行',
      '今天晚上八点见',
      '好的 👍',
    ]);
    expect(context.anchorIndex).toBe(2);
    // Without the time hint too.
    expect(
      (await messageContext(session, { messageId: d1.id, before: 0, after: 0 })).messages.map((m) => m.id),
    ).toEqual([d1.id]);
    await expect(messageContext(session, { messageId: 999_999 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('sender names on results', () => {
  it('follow the catalog after a commit renames someone, and survive a write that rolls back', async () => {
    const senderOf = async (query: string) => (await search(query)).results[0]!.message.senderName;
    expect(await senderOf('八点')).toBe('小爱');
    await session.write((w) => run(w.catalog, "UPDATE contacts SET remark = '爱丽' WHERE username = 'wxid_alice'"));
    expect(await senderOf('八点')).toBe('爱丽');
    const abandoned = session.write((w) => {
      run(w.catalog, "UPDATE contacts SET remark = '别名' WHERE username = 'wxid_alice'");
      throw new Error('abandoned');
    });
    await expect(abandoned).rejects.toThrow('abandoned');
    // The rollback reloaded the catalog: a name not looked up before must come from the reloaded one.
    expect(await senderOf('周末一起')).toBe('老鲍');
    expect(await senderOf('八点')).toBe('爱丽');
    await session.write((w) => run(w.catalog, "UPDATE contacts SET remark = '小爱' WHERE username = 'wxid_alice'"));
  });
});

describe('a wiped message', () => {
  it('cannot be found once its shard index is rebuilt, also after the vault is reopened', async () => {
    const a1 = (await search('我们今天')).results[0]!.message;
    await session.write(async (w) => {
      const db = await w.shardAt(a1.time);
      db.run('DELETE FROM messages WHERE id = ?', [a1.id]);
      rebuildShardIndex(db);
      expect(all(db, `SELECT docid FROM message_index WHERE message_index MATCH '"我们"'`)).toEqual([]);
    });
    expect(await keys('今天晚上')).toEqual(['d1']);
    expect(await keys('我们')).toEqual([]);
    await session.lock();
    session = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(await keys('今天晚上')).toEqual(['d1']);
    expect(await keys('火锅')).toEqual(['c1', 'b2']);
  });
});
