import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ImportPhase, ImportProgress } from '../../../electron/ipc/contract';
import { createLocketService } from '../../../electron/core/service';
import { importSources } from '../../../electron/core/importing/pipeline/import-sources';
import { Pc3Reader } from '../../../electron/core/importing/pc3/read-pc3';
import { parseQuery } from '../../../electron/core/search/parse-query';
import { resolvePeople } from '../../../electron/core/search/resolve-filters';
import { runSearch } from '../../../electron/core/search/run-search';
import { planSearch } from '../../../electron/core/search/search-plan';
import { searchableText } from '../../../electron/core/store/searchable-text';
import { all } from '../../../electron/core/db/sqlite';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { PC3_FACTS, generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, createTestVault, testKdf } from '../../helpers/vault';

interface Row {
  id: number;
  kind: string;
  text: string;
  payload: string | null;
}

async function everyMessage(session: VaultSession): Promise<Row[]> {
  const rows: Row[] = [];
  for (const entry of session.listShards())
    rows.push(...all<Row>(await session.shard(entry), 'SELECT id, kind, text, payload FROM messages'));
  return rows;
}

/** Every page of a search, as message ids, and the first page's total. */
async function searched(session: VaultSession, query: string): Promise<{ ids: number[]; total: number }> {
  const ids: number[] = [];
  let total = -1;
  let cursor;
  do {
    const page = await runSearch(session, parseQuery(query, { timeZone: 'UTC' }), { limit: 3, cursor, count: true });
    if (total < 0) total = page.total!;
    ids.push(...page.results.map((h) => h.message.id));
    cursor = page.next ?? undefined;
  } while (cursor);
  return { ids: ids.sort((a, b) => a - b), total };
}

/** What a full scan finds: every message whose searchable text the query's exact check accepts. */
function scanned(session: VaultSession, rows: readonly Row[], query: string): number[] {
  const parsed = parseQuery(query, { timeZone: 'UTC' });
  const plan = planSearch(parsed, resolvePeople(session.catalog, parsed, undefined));
  return rows
    .filter((r) => plan.check(r) !== null)
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

async function expectSearchEqualsScan(session: VaultSession): Promise<number> {
  const rows = await everyMessage(session);
  // Probes from the messages themselves: the first two characters of each searchable text, and words that occur nowhere.
  const probes = new Set(['-', 'zzzqqq', '不存在的词']);
  for (const r of rows) {
    const text = searchableText(r.kind, r.text, r.payload).trim();
    if (text.length >= 2) probes.add(text.slice(0, 2).replace(/"/g, ''));
  }
  let matched = 0;
  for (const probe of [...probes].filter((p) => p.trim() !== '' && p !== '-')) {
    const expected = scanned(session, rows, probe);
    const found = await searched(session, probe);
    expect(found.ids, probe).toEqual(expected);
    expect(found.total, probe).toBe(expected.length);
    matched += expected.length;
  }
  return matched;
}

describe('the import indexing phase', () => {
  it('commits the messages first, and a cancel during indexing keeps them, exactly searchable, for the next import to index', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const created = await createTestVault();
    let session = created.session;
    const controller = new AbortController();
    const phases: ImportPhase[] = [];
    const report = await importSources(session, [{ path: accountRoot, reader: new Pc3Reader(accountRoot) }], {
      signal: controller.signal,
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
        if (p.phase === 'indexing') {
          expect(p.total).toBe(PC3_FACTS.uniqueMessages);
          controller.abort();
        }
      },
    });
    expect(phases).toEqual(['hashing', 'reading', 'committing', 'indexing']);
    expect(report.imported).toBe(PC3_FACTS.uniqueMessages);
    // The report says the index was left to do.
    expect(report.searchIndexPending).toBe(PC3_FACTS.uniqueMessages);
    expect((await everyMessage(session)).length).toBe(PC3_FACTS.uniqueMessages);
    expect(session.unindexedMessageCount).toBe(PC3_FACTS.uniqueMessages);
    expect(await expectSearchEqualsScan(session)).toBeGreaterThan(0);
    // What is left to index is known after a restart.
    await session.lock();
    session = await VaultSession.open(created.dir, { passphrase: TEST_PASSPHRASE }, testKdf);
    expect(session.unindexedMessageCount).toBe(PC3_FACTS.uniqueMessages);
    await expectSearchEqualsScan(session);

    // The next import adds nothing new, and its indexing phase indexes what the cancelled one left.
    const indexing: number[] = [];
    const again = await importSources(session, [{ path: accountRoot, reader: new Pc3Reader(accountRoot) }], {
      onProgress: (p) => p.phase === 'indexing' && indexing.push(p.total ?? -1),
    });
    expect(again.imported).toBe(0);
    expect(again.searchIndexPending).toBe(0);
    expect(indexing[0]).toBe(PC3_FACTS.uniqueMessages);
    expect(session.unindexedMessageCount).toBe(0);
    await expectSearchEqualsScan(session);
    await session.lock();
  });

  it('indexes everything an import stores before returning its report, with no indexing phase when nothing is new', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const { session } = await createTestVault();
    await importSources(session, [{ path: accountRoot, reader: new Pc3Reader(accountRoot) }]);
    expect(session.unindexedMessageCount).toBe(0);
    const phases = new Set<ImportPhase>();
    await importSources(session, [{ path: accountRoot, reader: new Pc3Reader(accountRoot) }], {
      onProgress: (p) => phases.add(p.phase),
    });
    expect(phases.has('indexing')).toBe(false);
    await expectSearchEqualsScan(session);
    await session.lock();
  });
});

describe('finishing a cancelled indexing phase (import.finishIndex)', () => {
  it('indexes what the cancel left, with indexing progress, and says nothing is left', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const events: ImportProgress[] = [];
    let cancelWhenIndexing = false;
    const service = createLocketService({
      sessionOptions: testKdf,
      emit: (event, payload) => {
        if (event !== 'import.progress') return;
        const progress = payload as ImportProgress;
        events.push(progress);
        if (cancelWhenIndexing && progress.phase === 'indexing') void service['import.cancel']();
      },
    });
    await service['vault.create']({ path: join(tempDir(), 'Finish.locket'), passphrase: TEST_PASSPHRASE });
    cancelWhenIndexing = true;
    const report = await service['import.run']({ paths: [accountRoot] });
    cancelWhenIndexing = false;
    expect(report.searchIndexPending).toBe(PC3_FACTS.uniqueMessages);

    events.length = 0;
    expect(await service['import.finishIndex']()).toEqual({ searchIndexPending: 0 });
    expect(events.map((e) => e.phase)).toContain('indexing');
    expect(events.find((e) => e.phase === 'indexing')?.total).toBe(PC3_FACTS.uniqueMessages);
    // Nothing left: it returns at once, with no indexing phase.
    events.length = 0;
    expect(await service['import.finishIndex']()).toEqual({ searchIndexPending: 0 });
    expect(events).toEqual([]);
    expect((await service['search.query']({ query: '收到', limit: 5 })).total).toBeGreaterThan(0);
    await service.dispose();
  });

  it('needs an unlocked vault', async () => {
    const service = createLocketService({ sessionOptions: testKdf });
    await expect(service['import.finishIndex']()).rejects.toMatchObject({ code: 'vault-locked' });
  });
});
