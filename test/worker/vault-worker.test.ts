import { cpSync, existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome, RequestArgs, RequestName, RequestResult } from '../../electron/ipc/contract';
import { LOCK_FILE } from '../../electron/core/vault/vault-files';
import type { FromWorker, ToWorker, WorkerEvent } from '../../electron/worker/worker-protocol';
import { tempDir } from '../helpers/temp-dir';

const builtWorker = resolve(import.meta.dirname, '../../out/main/vault-worker.js');
const isBuilt = existsSync(builtWorker);
const PASSPHRASE = 'correct horse battery staple';

/** Talks to the built worker exactly as electron/main/vault-client.ts does: raw postMessage RPC. */
function startWorker(workerFile = builtWorker) {
  const worker = new Worker(workerFile);
  const replies = new Map<number, { done: (outcome: Outcome<unknown>) => void; fail: (error: Error) => void }>();
  const events: WorkerEvent[] = [];
  let nextId = 1;
  worker.on('message', (message: FromWorker) => {
    if ('id' in message) replies.get(message.id)?.done(message.outcome);
    else if ('event' in message) events.push(message);
  });
  // A worker that dies (e.g. the service refused to start) fails the waiting call at once, with the reason.
  const failAll = (error: Error) => {
    for (const { fail } of replies.values()) fail(error);
    replies.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the vault worker exited (code ${code}) before replying`)));
  const post = (message: ToWorker | Record<string, unknown>) => worker.postMessage(message);
  function callRaw(message: Record<string, unknown> & { id: number }): Promise<Outcome<unknown>> {
    return new Promise((done, fail) => {
      replies.set(message.id, { done, fail });
      post(message);
    });
  }
  function call<K extends RequestName>(method: K, args: RequestArgs<K>): Promise<Outcome<RequestResult<K>>> {
    return callRaw({ id: nextId++, method, args }) as Promise<Outcome<RequestResult<K>>>;
  }
  const exited = new Promise<number>((done) => worker.on('exit', done));
  return { worker, call, callRaw, post, events, exited };
}

let running: ReturnType<typeof startWorker>[] = [];
afterEach(async () => {
  await Promise.all(running.map(({ worker }) => worker.terminate()));
  running = [];
});

function start(workerFile?: string) {
  const started = startWorker(workerFile);
  running.push(started);
  return started;
}

describe.skipIf(!isBuilt)(
  isBuilt
    ? 'the built vault worker (out/main/vault-worker.js)'
    : 'the built vault worker: SKIPPED, run `npm run build` first',
  () => {
    it('creates, locks and unlocks a vault over RPC, deriving keys in the KDF thread', async () => {
      const { call, events } = start();
      const path = join(tempDir(), 'Evidence.locket');

      const created = await call('vault.create', { path, passphrase: PASSPHRASE, kdf: 'interactive' });
      expect(created).toMatchObject({
        ok: true,
        value: { status: { state: 'unlocked', path, kdf: { opsLimit: 2, memLimitKiB: 65536 } } },
      });
      if (!created.ok) return;
      expect(created.value.recoveryCode).toEqual(expect.any(String));

      await expect(call('vault.lock', undefined)).resolves.toMatchObject({
        ok: true,
        value: { state: 'locked', path },
      });
      expect(events).toEqual([{ event: 'vault.locked', payload: { reason: 'user' } }]);

      const wrong = await call('vault.unlock', { path, passphrase: 'not the passphrase at all' });
      expect(wrong).toEqual({ ok: false, error: { code: 'wrong-passphrase', message: expect.any(String) } });

      await expect(call('vault.unlock', { path, passphrase: PASSPHRASE })).resolves.toMatchObject({
        ok: true,
        value: { state: 'unlocked', path },
      });
      await expect(call('vault.status', undefined)).resolves.toMatchObject({
        ok: true,
        value: {
          state: 'unlocked',
          path,
          formatVersion: 1,
          counts: { conversations: 0, messages: 0 },
          autoLockMinutes: 10,
        },
      });
    });

    it('derives keys only in the KDF thread: without kdf-worker.js beside it, no vault can be created', async () => {
      // A copy of the build without kdf-worker.js; node_modules is linked so its runtime deps still resolve.
      const dir = tempDir('locket-no-kdf-');
      cpSync(resolve(builtWorker, '..'), join(dir, 'main'), { recursive: true });
      rmSync(join(dir, 'main', 'kdf-worker.js'));
      symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(dir, 'node_modules'), 'dir');

      const { call } = start(join(dir, 'main', 'vault-worker.js'));
      const outcome = await call('vault.create', {
        path: join(dir, 'Vault.locket'),
        passphrase: PASSPHRASE,
        kdf: 'interactive',
      });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    });

    it('answers an unknown method with invalid-argument and ignores messages that are not requests', async () => {
      const { callRaw, call, post } = start();
      post({ hello: 'world' });
      post({ id: 'not a number', method: 'vault.status' });
      await expect(callRaw({ id: 41, method: 'vault.destroyEverything', args: {} })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      });
      await expect(call('vault.status', undefined)).resolves.toMatchObject({ ok: true, value: { state: 'none' } });
    });

    it('answers malformed arguments and internal failures with plain errors, without a stack trace', async () => {
      const { callRaw } = start();
      // Null arguments once reached a destructuring handler (a TypeError); now the core refuses them cleanly.
      const refused = await callRaw({ id: 7, method: 'vault.create', args: null });
      expect(refused).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.any(String) } });
      // This worker was started without the sample archive's path.
      const path = join(tempDir(), 'Demo.locket');
      const internal = await callRaw({ id: 8, method: 'vault.createDemo', args: { path } });
      expect(internal).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
      for (const outcome of [refused, internal])
        expect(JSON.stringify(outcome)).not.toMatch(/TypeError|\n\s+at |\.ts:\d+|\.js:\d+/);
    });

    it('writes a media copy only when main asks with media.writeCopy, to an absolute path, from an unlocked vault', async () => {
      const { callRaw, call } = start();
      const mediaId = 'ab'.repeat(16);
      const copy = join(tempDir(), 'copy.pdf');
      // Not a request: the renderer's channels cannot name it.
      await expect(callRaw({ id: 1, method: 'media.writeCopy', args: { mediaId, path: copy } })).resolves.toMatchObject(
        {
          ok: false,
          error: { code: 'invalid-argument' },
        },
      );
      await expect(callRaw({ type: 'media.writeCopy', id: 2, mediaId, path: copy })).resolves.toMatchObject({
        ok: false,
        error: { code: 'vault-locked' },
      });
      await expect(
        call('vault.create', { path: join(tempDir(), 'Copies.locket'), passphrase: PASSPHRASE, kdf: 'interactive' }),
      ).resolves.toMatchObject({ ok: true });
      await expect(callRaw({ type: 'media.writeCopy', id: 3, mediaId, path: 'copy.pdf' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      });
      await expect(callRaw({ type: 'media.writeCopy', id: 4, mediaId, path: copy })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', message: expect.stringContaining('not in the vault') },
      });
      expect(existsSync(copy)).toBe(false);
    });

    it('locks the vault and ends on shutdown', async () => {
      const { call, post, exited } = start();
      const path = join(tempDir(), 'Shutdown.locket');
      await expect(call('vault.create', { path, passphrase: PASSPHRASE, kdf: 'interactive' })).resolves.toMatchObject({
        ok: true,
      });
      expect(readdirSync(path)).toContain(LOCK_FILE);

      post({ type: 'shutdown' });
      await expect(exited).resolves.toBe(0);
      // The session's lock file goes when the vault locks; a held lock would keep the CLI out.
      expect(readdirSync(path)).not.toContain(LOCK_FILE);
    });
  },
);
