import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { runSearch } from '../../../electron/core/search/run-search';
import type { StoredMessage, VaultSession } from '../../../electron/core/vault/session';
import { createTestVault } from '../../helpers/vault';

/**
 * Evidence search must not miss: on random messages, the search finds exactly the messages a brute-force scan finds,
 * for random CJK substrings (plain `includes`) and random Latin words (whole words, any case).
 */

const CJK = '我们今天晚上吃火锅明天开会下午几点到公司报告已发给你了好的谢';
const LATIN = ['hot', 'pot', 'Dinner', 'LUNCH', 'ok', 'see', 'you', '2024', 'x1'];
const MESSAGES = 400;

let seed = 20240301;
function random(): number {
  // A small LCG: the same messages on every run, so a failure can be replayed.
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomText(): string {
  let text = '';
  const parts = 1 + Math.floor(random() * 5);
  for (let p = 0; p < parts; p++) {
    if (random() < 0.7) {
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += pick([...CJK]);
    } else {
      text += pick(LATIN);
    }
    text += pick(['', '', ' ', '，', '. ', '!']);
  }
  return text;
}

const texts = Array.from({ length: MESSAGES }, randomText);
let session: VaultSession;

beforeAll(async () => {
  ({ session } = await createTestVault({ shardBudgetBytes: 48 * 1024 }));
  const stored: StoredMessage[] = texts.map((text, i) => ({
    conversationId: 1,
    dedupeKey: `recall:${i}`,
    sourceId: null,
    sender: 'wxid_friend',
    isSent: false,
    time: 1_700_000_000 + i * 600,
    kind: 'text',
    text,
    payload: null,
    raw: null,
    mediaId: null,
    importId: null,
  }));
  for (let at = 0; at < stored.length; at += 100) await session.write((w) => w.insertMessages(stored.slice(at, at + 100)));
});

afterAll(async () => {
  await session.lock();
});

async function searchedTexts(query: string): Promise<string[]> {
  const found: string[] = [];
  let cursor;
  do {
    const page = await runSearch(session, parseQuery(query, { timeZone: 'UTC' }), { limit: 500, cursor });
    found.push(...page.results.map((h) => h.message.text));
    cursor = page.next ?? undefined;
  } while (cursor);
  return found.sort();
}

describe('search recall against a brute-force scan', () => {
  it('finds exactly the messages holding each random CJK substring', async () => {
    expect(session.listShards().filter((s) => s.messageCount > 0).length).toBeGreaterThan(1);
    const probes = new Set<string>();
    while (probes.size < 120) {
      const text = pick(texts);
      const runs = text.match(new RegExp(`[${CJK}]+`, 'g')) ?? [];
      const run = runs.length ? pick(runs) : '';
      const length = 1 + Math.floor(random() * Math.min(6, run.length));
      const start = Math.floor(random() * (run.length - length + 1));
      if (run) probes.add(run.slice(start, start + length));
      // And substrings that may occur nowhere.
      probes.add(pick([...CJK]) + pick([...CJK]) + pick([...CJK]));
    }
    for (const probe of probes) {
      const expected = texts.filter((t) => t.includes(probe)).sort();
      expect(await searchedTexts(probe), probe).toEqual(expected);
    }
  });

  it('finds exactly the messages holding each Latin word, in any case', async () => {
    for (const word of LATIN) {
      const lower = word.toLowerCase();
      const expected = texts.filter((t) => (t.toLowerCase().match(/[a-z0-9]+/g) ?? ([] as string[])).includes(lower)).sort();
      expect(await searchedTexts(word.toUpperCase()), word).toEqual(expected);
    }
  });
});
