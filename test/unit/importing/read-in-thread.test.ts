import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../../../electron/ipc/contract';
import { all } from '../../../electron/core/db/sqlite';
import { serveReadThread } from '../../../electron/core/importing/serve-read-thread';
import { ThreadedReader, type FromThread } from '../../../electron/core/importing/read-in-thread';
import { importSources } from '../../../electron/core/importing/pipeline/import-sources';
import { createLocketService, type ServiceOptions } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { generateExports } from '../../fixtures/generate-exports';
import { generateIosBackup } from '../../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { generatePc3Bulk } from '../../fixtures/generate-pc3-bulk';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { tempDir } from '../../helpers/temp-dir';

/** The thread runs the built file, as the app and the CLI start it: `npm test` builds before it runs vitest. */
const builtReadWorker = resolve(import.meta.dirname, '../../../out/cli/read-worker.cjs');
const isBuilt = existsSync(builtReadWorker);
const PASSPHRASE = 'read in a thread passphrase';
const sessionOptions = { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS };

async function importInto(paths: string[], options: ServiceOptions, args: { account?: string } = {}) {
  const service = createLocketService({ ...options, sessionOptions });
  const path = join(tempDir(), 'Thread.locket');
  await service['vault.create']({ path, passphrase: PASSPHRASE });
  try {
    const outcome = await service['import.run']({ paths, ...args }).then(
      (report) => ({ report, error: null }),
      (error: unknown) => ({ report: null, error: error as { code?: string; message: string; details?: unknown } }),
    );
    return { ...outcome, path };
  } finally {
    await service.dispose();
  }
}

/** Every stored message row, raw source row included; media file ids are random per vault, so only their presence counts. */
async function storedRows(path: string): Promise<unknown[]> {
  const session = await VaultSession.open(path, { passphrase: PASSPHRASE });
  try {
    const rows: unknown[] = [];
    for (const entry of session.listShards()) {
      const db = await session.shard(entry);
      for (const row of all<Record<string, unknown>>(
        db,
        'SELECT id, conversation_id, dedupe_key, source_id, sender, is_sent, time, kind, text, payload, raw, media_id FROM messages ORDER BY id',
      )) {
        rows.push({
          ...row,
          payload: String(row.payload).replace(/"mediaId":"[^"]+"/g, '"mediaId":"…"'),
          media_id: row.media_id !== null,
        });
      }
    }
    return rows;
  } finally {
    await session.lock();
  }
}

const withoutTiming = (report: ImportReport | null) => report && { ...report, durationMs: 0 };

describe.skipIf(!isBuilt)(
  isBuilt
    ? 'reading a source in a thread of its own (out/cli/read-worker.cjs)'
    : 'reading in a thread: SKIPPED, run `npm run build` first',
  () => {
    const sources: [string, () => Promise<string>][] = [
      ['iPhone backup', async () => (await generateIosBackup(tempDir())).root],
      ['PC 3.x', async () => (await generatePc3Backup(tempDir())).accountRoot],
      ['4.x', async () => (await generatePc4Backup(tempDir())).accountRoot],
      ['Android', async () => (await generateAndroidBackup(tempDir())).userDir],
      ['PyWxDump export', async () => generateExports(tempDir()).pyWxDumpJson],
    ];

    it.each(sources)(
      'stores exactly what reading in this thread stores: %s',
      { timeout: 60_000 },
      async (_name, generate) => {
        const source = await generate();
        const here = await importInto([source], {});
        const threaded = await importInto([source], { readerThreadFile: builtReadWorker });
        expect(here.error).toBeNull();
        expect(threaded.error).toBeNull();
        expect(here.report!.imported).toBeGreaterThan(0);
        expect(withoutTiming(threaded.report)).toEqual(withoutTiming(here.report));
        expect(await storedRows(threaded.path)).toEqual(await storedRows(here.path));
      },
    );

    it(
      'refuses a database still encrypted by WeChat with source-encrypted, and the vault stays empty',
      { timeout: 30_000 },
      async () => {
        const { accountRoot } = await generatePc3Backup(tempDir(), { encryptedMsg0: true });
        const { error, path } = await importInto([accountRoot], { readerThreadFile: builtReadWorker });
        expect(error).toMatchObject({ code: 'source-encrypted' });
        expect(await storedRows(path)).toEqual([]);
      },
    );

    it('names the damaged file with source-damaged, and the vault stays empty', { timeout: 30_000 }, async () => {
      const { accountRoot } = await generatePc3Backup(tempDir(), { truncateMsg1: true });
      const { error, path } = await importInto([accountRoot], { readerThreadFile: builtReadWorker });
      expect(error).toMatchObject({ code: 'source-damaged' });
      expect(error!.message).toContain('MSG1.db');
      expect(await storedRows(path)).toEqual([]);
    });

    it(
      'reports a thread that stops early as an error naming the source, and stores nothing',
      { timeout: 30_000 },
      async () => {
        const { accountRoot } = await generatePc3Backup(tempDir());
        const dying = join(tempDir(), 'dying-worker.cjs');
        writeFileSync(dying, 'process.exit(3);\n');
        const { error, path } = await importInto([accountRoot], { readerThreadFile: dying });
        expect(error).toMatchObject({ code: 'internal' });
        expect(error!.message).toContain(accountRoot);
        expect(error!.message).toContain('exit code 3');
        expect(await storedRows(path)).toEqual([]);
      },
    );

    it('cancels while the thread reads: the import stops and nothing is stored', { timeout: 60_000 }, async () => {
      const backup = await generatePc3Bulk(tempDir(), 30_000, 15_000);
      let cancel = () => {};
      const service = createLocketService({
        readerThreadFile: builtReadWorker,
        sessionOptions,
        emit: (event, payload) => {
          if (
            event === 'import.progress' &&
            (payload as { phase: string; done: number }).phase === 'reading' &&
            (payload as { done: number }).done > 0
          )
            cancel();
        },
      });
      const path = join(tempDir(), 'Cancel.locket');
      await service['vault.create']({ path, passphrase: PASSPHRASE });
      const cancelled = new Promise((done) => (cancel = () => void service['import.cancel']().then(done)));
      const outcome = await service['import.run']({ paths: [backup] }).catch((error: unknown) => error);
      expect(await cancelled).toEqual({ cancelled: true });
      expect(outcome).toMatchObject({ code: 'cancelled' });
      await service.dispose();
      expect(await storedRows(path)).toEqual([]);
    });
  },
);

describe.skipIf(!isBuilt)('closing reading threads', () => {
  it(
    "ends every source's thread when the import stops, also those whose turn never came",
    { timeout: 60_000 },
    async () => {
      const first = await generatePc3Bulk(tempDir(), 20_000, 20_000);
      const second = (await generatePc3Backup(tempDir())).accountRoot;
      const readers = [first, second].map(
        (path) => new ThreadedReader({ format: 'pc3', path, options: {} }, '1', builtReadWorker),
      );
      const closed = readers.map((reader) => vi.spyOn(reader, 'close'));
      const { session } = await VaultSession.create(join(tempDir(), 'Close.locket'), PASSPHRASE, sessionOptions);
      const stop = new AbortController();
      const outcome = await importSources(
        session,
        readers.map((reader, i) => ({ path: [first, second][i]!, reader })),
        {
          signal: stop.signal,
          onProgress: (p) => p.phase === 'reading' && p.done > 0 && stop.abort(),
        },
      ).catch((error: unknown) => error);
      expect(outcome).toMatchObject({ code: 'cancelled' });
      // The second source was described (its thread started) but never read: it is closed all the same.
      for (const spy of closed) expect(spy).toHaveBeenCalled();
      await session.lock();
    },
  );
});

describe('the thread side', () => {
  /** Collects what the thread posts, and lets a test wait for a count. */
  function listen(port: MessagePort) {
    const got: FromThread[] = [];
    let waiter: (() => void) | null = null;
    port.on('message', (m: FromThread) => {
      got.push(m);
      waiter?.();
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((r) => (waiter = r));
    };
    return { got, until };
  }

  it(
    'stays at most eight batches ahead until the reading side takes one, and prepares every message',
    { timeout: 60_000 },
    async () => {
      const backup = await generatePc3Bulk(tempDir(), 12_000, 12_000);
      const { port1, port2 } = new MessageChannel();
      serveReadThread(port2, { format: 'pc3', path: backup, options: {} });
      const { got, until } = listen(port1);
      const batches = () => got.filter((m) => m.type === 'records').length;
      port1.postMessage({ type: 'read' });
      await until(() => batches() === 8);
      // The thread is waiting now: give it time to (wrongly) send a ninth.
      await new Promise((r) => setTimeout(r, 500));
      expect(batches()).toBe(8);
      port1.postMessage({ type: 'more' });
      await until(() => batches() === 9);
      for (let i = 0; i < 10; i++) port1.postMessage({ type: 'more' });
      await until(() => got.some((m) => m.type === 'end'));
      const records = got.flatMap((m) => (m.type === 'records' ? m.records : []));
      const messages = records.filter((r) => r.type === 'prepared-message');
      expect(messages).toHaveLength(12_000);
      expect(records.some((r) => r.type === 'message')).toBe(false);
      expect(JSON.parse(messages[0]!.type === 'prepared-message' ? messages[0]!.rawJson : '{}')).toMatchObject({
        file: 'Msg/Multi/MSG0.db',
      });
      port1.close();
      port2.close();
    },
  );

  it('answers an unknown format with an error instead of reading', async () => {
    const { port1, port2 } = new MessageChannel();
    const { got, until } = listen(port1);
    serveReadThread(port2, { format: 'nope' as never, path: '/nowhere', options: {} });
    await until(() => got.length === 1);
    expect(got[0]).toMatchObject({ type: 'error', error: { code: 'internal' } });
    port1.close();
    port2.close();
  });
});
