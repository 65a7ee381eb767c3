import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { countSearch, runSearch } from '../../../electron/core/search/run-search';
import type { SearchScope } from '../../../electron/core/search/search-scope';
import type { VaultSession } from '../../../electron/core/session/vault-session';
import { ALICE, FAMILY, FILLER, createSearchVault } from '../../helpers/search-vault';

let session: VaultSession;
let remove = (): void => {};

beforeAll(async () => {
  ({ session, remove } = await createSearchVault());
});
afterAll(async () => {
  await session.lock();
  remove();
});

const q = (text: string) => parseQuery(text, { timeZone: 'UTC' });
const scope = (s: Partial<SearchScope>): SearchScope => ({
  conversationIds: [ALICE.id],
  after: null,
  before: null,
  kinds: null,
  ...s,
});
const at = (iso: string) => Date.parse(iso) / 1000;

/** Every result of a search, page by page. */
async function everyResult(query: string, s: SearchScope | undefined, limit = 2) {
  const ids: number[] = [];
  let cursor;
  let total: number | null;
  do {
    const page = await runSearch(session, q(query), { scope: s, limit, cursor });
    ids.push(...page.results.map((r) => r.message.id));
    cursor = page.next ?? undefined;
    total = page.total;
  } while (cursor);
  return { ids, total };
}

describe('a search within a scope', () => {
  it('finds, pages and counts exactly the unscoped results that fall inside the scope', async () => {
    let found = 0;
    for (const query of ['火锅', 'dinner OR lunch OR 火锅', '填充物', 'from:me', '-火锅 has:link']) {
      const everywhere = await runSearch(session, q(query), { limit: 500 });
      const inside = everywhere.results
        .filter((r) => r.message.conversationId === ALICE.id && r.message.time >= at('2024-03-02T00:00:00Z'))
        .map((r) => r.message.id);
      const s = scope({ after: at('2024-03-02T00:00:00Z') });
      const scoped = await everyResult(query, s);
      expect(scoped.ids, query).toEqual(inside);
      expect(scoped.total, query).toBe(inside.length);
      expect(await countSearch(session, q(query), { scope: s }), query).toBe(inside.length);
      const counted = await runSearch(session, q(query), { scope: s, limit: 1, count: true });
      expect(counted.total, query).toBe(inside.length);
      found += inside.length;
    }
    // Paging across pages of two, not only empty answers.
    expect(found).toBeGreaterThan(4);
  });

  it('only narrows: in:, type: and dates outside the scope find nothing', async () => {
    const s = scope({ kinds: ['text'], before: at('2024-05-01T00:00:00Z') });
    for (const query of [`in:${FAMILY.name} 火锅`, `in:${FILLER.name}`, 'type:link', 'during:2024-06', 'has:image']) {
      const page = await runSearch(session, q(query), { scope: s, count: true });
      expect(page, query).toMatchObject({ total: 0, atLeast: 0, results: [] });
    }
    const text = await everyResult('type:text', s, 50);
    expect(text.ids.length).toBeGreaterThan(0);
  });
});
