import { describe, expect, it } from 'vitest';
import type { DetectedSource, ImportReport } from '../../../../electron/ipc/contract';
import { fakeClient, locketError, settle, testStore, vaultStatus } from '../../store/fake-client';
import { canRun, hasLosses, needsOwner, needsTimeZone, progressFraction, reasonsByCount } from './import-slice';

const SOURCE: DetectedSource = {
  path: '/b/wxid_owner',
  format: 'pc3',
  formatName: 'WeChat for Windows 3.x',
  owner: 'wxid_owner',
  ownerName: 'Me',
  estimatedMessages: 23,
  accounts: [],
  storesLocalTimes: false,
};
const REPORT: ImportReport = {
  importId: 1,
  sources: [],
  imported: 22,
  duplicates: 1,
  skipped: {},
  notes: { 'malformed-xml': 1 },
  media: { stored: 6, alreadyInVault: 0, missing: { 'not-in-backup': 1 } },
  contacts: 5,
  conversations: [],
  durationMs: 100,
};

function importClient() {
  const client = fakeClient();
  client.handle('import.detect', () => [SOURCE]);
  client.handle('conversations.list', () => []);
  client.handle('vault.status', () => vaultStatus('unlocked', '/v'));
  return client;
}

describe('import slice', () => {
  it('detects a source, runs it with progress, and keeps the report', async () => {
    const client = importClient();
    let finish: (report: ImportReport) => void = () => undefined;
    client.handle('import.run', () => new Promise<ImportReport>((resolve) => (finish = resolve)));
    const store = testStore(client);
    store.getState().imports.setPath('  /b/wxid_owner ');
    await store.getState().imports.detect();
    expect(client.calls.at(-1)).toEqual({ name: 'import.detect', args: { paths: ['/b/wxid_owner'] } });
    expect(store.getState().imports.stage).toBe('detected');

    const running = store.getState().imports.run();
    expect(store.getState().imports.stage).toBe('running');
    store.getState().imports.handleProgress({ phase: 'reading', done: 10, total: 23, rate: 100, secondsLeft: 0.13 });
    expect(progressFraction(store.getState().imports.progress)).toBeCloseTo(10 / 23);
    finish(REPORT);
    await running;
    expect(store.getState().imports.stage).toBe('done');
    expect(store.getState().imports.report).toEqual(REPORT);
    // The archive and the vault's counts are refreshed after an import.
    await settle();
    expect(client.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['conversations.list', 'vault.status']));
  });

  it('finishes the search index from the report, showing its progress, and keeps the report with what is left', async () => {
    const client = importClient();
    client.handle('import.run', () => ({ ...REPORT, searchIndexPending: 22 }));
    let finish: (result: { searchIndexPending: number }) => void = () => undefined;
    client.handle(
      'import.finishIndex',
      () => new Promise<{ searchIndexPending: number }>((resolve) => (finish = resolve)),
    );
    const store = testStore(client);
    store.getState().imports.setPath('/b/wxid_owner');
    await store.getState().imports.detect();
    await store.getState().imports.run();
    expect(store.getState().imports.report?.searchIndexPending).toBe(22);

    const finishing = store.getState().imports.finishIndex();
    expect(store.getState().imports.stage).toBe('running');
    store.getState().imports.handleProgress({ phase: 'indexing', done: 10, total: 22, rate: 100, secondsLeft: 0.12 });
    expect(progressFraction(store.getState().imports.progress)).toBeCloseTo(10 / 22);
    finish({ searchIndexPending: 0 });
    await finishing;
    expect(store.getState().imports.stage).toBe('done');
    expect(store.getState().imports.report).toEqual({ ...REPORT, searchIndexPending: 0 });
  });

  it('finishes the index from the picker when the vault has messages left unindexed, and refreshes the counts', async () => {
    const client = importClient();
    let pending = 40;
    client.handle('vault.status', () => ({
      ...vaultStatus('unlocked', '/v'),
      counts: { conversations: 1, messages: 40, shards: 1, mediaFiles: 0, unindexedMessages: pending },
    }));
    let finish: () => void = () => undefined;
    client.handle(
      'import.finishIndex',
      () =>
        new Promise<{ searchIndexPending: number }>(
          (resolve) => (finish = () => resolve({ searchIndexPending: (pending = 0) })),
        ),
    );
    const store = testStore(client);
    await store.getState().vault.refreshStatus();
    expect(store.getState().vault.status?.counts?.unindexedMessages).toBe(40);

    const finishing = store.getState().imports.finishIndex();
    expect(store.getState().imports.stage).toBe('running');
    finish();
    await finishing;
    await settle();
    expect(store.getState().imports.stage).toBe('pick');
    expect(store.getState().imports.report).toBeNull();
    expect(store.getState().vault.status?.counts?.unindexedMessages).toBe(0);
  });

  it('returns to the report with the error when finishing the index fails', async () => {
    const client = importClient();
    client.handle('import.run', () => ({ ...REPORT, searchIndexPending: 22 }));
    client.handle('import.finishIndex', () =>
      Promise.reject(locketError('vault-busy', 'An import is already running.')),
    );
    const store = testStore(client);
    store.getState().imports.setPath('/b/wxid_owner');
    await store.getState().imports.detect();
    await store.getState().imports.run();
    await store.getState().imports.finishIndex();
    expect(store.getState().imports.stage).toBe('done');
    expect(store.getState().imports.report?.searchIndexPending).toBe(22);
    expect(store.getState().imports.error?.code).toBe('vault-busy');
  });

  it('asks for a full read only when "Read everything again" is ticked, and keeps what was not read', async () => {
    const client = importClient();
    const unchanged: ImportReport = { ...REPORT, imported: 0, duplicates: 0, unchanged: { files: 3, rows: 23 } };
    client.handle('import.run', () => unchanged);
    const store = testStore(client);
    await store.getState().imports.detect(['/b/wxid_owner']);
    await store.getState().imports.run();
    expect(client.calls.find((c) => c.name === 'import.run')?.args).toEqual({ paths: ['/b/wxid_owner'] });
    expect(store.getState().imports.report?.unchanged).toEqual({ files: 3, rows: 23 });

    store.getState().imports.setFull(true);
    await store.getState().imports.run();
    expect(client.calls.filter((c) => c.name === 'import.run').at(-1)?.args).toEqual({
      paths: ['/b/wxid_owner'],
      full: true,
    });
  });

  it('ignores progress that arrives when no import is running', () => {
    const store = testStore(importClient());
    store.getState().imports.handleProgress({ phase: 'reading', done: 1, total: 2, rate: 1, secondsLeft: 1 });
    expect(store.getState().imports.progress).toBeNull();
  });

  it('cancels: the run ends as cancelled, not as a failure', async () => {
    const client = importClient();
    let fail: (error: unknown) => void = () => undefined;
    client.handle('import.run', () => new Promise<ImportReport>((_, reject) => (fail = reject)));
    client.handle('import.cancel', () => {
      fail(locketError('cancelled'));
      return { cancelled: true };
    });
    const store = testStore(client);
    await store.getState().imports.detect(['/b/wxid_owner']);
    const running = store.getState().imports.run();
    await store.getState().imports.cancel();
    await running;
    expect(store.getState().imports.stage).toBe('cancelled');
  });

  it('returns to the path with the reason when detection fails', async () => {
    const client = importClient();
    client.handle('import.detect', () => {
      throw locketError('source-encrypted', 'Still encrypted.');
    });
    const store = testStore(client);
    await store.getState().imports.detect(['/b/encrypted']);
    expect(store.getState().imports.stage).toBe('pick');
    expect(store.getState().imports.error?.code).toBe('source-encrypted');
  });

  it('needs an account chosen when a source holds several', async () => {
    const client = importClient();
    const several = {
      ...SOURCE,
      owner: null,
      ownerName: null,
      accounts: [
        { id: 'a1', owner: 'wxid_a', ownerName: 'A' },
        { id: 'a2', owner: 'wxid_b', ownerName: 'B' },
      ],
    };
    client.handle('import.detect', () => [several]);
    client.handle('import.run', () => REPORT);
    const store = testStore(client);
    await store.getState().imports.detect(['/ios']);
    expect(canRun(store.getState().imports)).toBe(false);
    await store.getState().imports.run();
    expect(client.calls.some((c) => c.name === 'import.run')).toBe(false);
    store.getState().imports.chooseAccount('a2');
    await store.getState().imports.run();
    expect(client.calls.find((c) => c.name === 'import.run')?.args).toEqual({
      paths: ['/b/wxid_owner'],
      account: 'a2',
    });
  });

  it('passes the time zone and owner the person chose, only for sources that need them', async () => {
    const client = importClient();
    const pyWxDump: DetectedSource = {
      ...SOURCE,
      path: '/e/chat.csv',
      format: 'pywxdump-csv',
      owner: null,
      ownerName: null,
      storesLocalTimes: true,
    };
    client.handle('import.detect', (args) => (args.paths[0] === '/e/chat.csv' ? [pyWxDump] : [SOURCE]));
    client.handle('import.run', () => REPORT);
    const store = testStore(client);
    await store.getState().imports.detect(['/e/chat.csv']);
    expect([needsTimeZone(store.getState().imports.detected), needsOwner(store.getState().imports.detected)]).toEqual([
      true,
      true,
    ]);
    store.getState().imports.setTimeZone('Asia/Shanghai');
    store.getState().imports.setOwner('  wxid_me ');
    await store.getState().imports.run();
    expect(client.calls.findLast((c) => c.name === 'import.run')?.args).toEqual({
      paths: ['/e/chat.csv'],
      timeZone: 'Asia/Shanghai',
      owner: 'wxid_me',
    });

    // A database names its owner and stores UTC: neither is asked for nor sent.
    store.getState().imports.startOver();
    store.getState().imports.setTimeZone('Asia/Shanghai');
    store.getState().imports.setOwner('wxid_me');
    await store.getState().imports.detect(['/b/wxid_owner']);
    expect([needsTimeZone(store.getState().imports.detected), needsOwner(store.getState().imports.detected)]).toEqual([
      false,
      false,
    ]);
    await store.getState().imports.run();
    expect(client.calls.findLast((c) => c.name === 'import.run')?.args).toEqual({ paths: ['/b/wxid_owner'] });
  });

  it('lists report reasons most frequent first and knows when anything was lost', () => {
    expect(reasonsByCount({ b: 1, a: 3, c: 0, d: 1 })).toEqual([
      ['a', 3],
      ['b', 1],
      ['d', 1],
    ]);
    expect(hasLosses(REPORT)).toBe(true);
    expect(hasLosses({ ...REPORT, media: { ...REPORT.media, missing: {} } })).toBe(false);
    expect(progressFraction({ phase: 'committing', done: 0, total: null, rate: 0, secondsLeft: null })).toBeNull();
  });
});
