import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocketError } from '../../electron/core/errors';
import { startVaultClient, type VaultClient } from '../../electron/main/vault-client';
import type { WorkerEvent } from '../../electron/worker/worker-protocol';
import { tempDir } from '../helpers/temp-dir';

const builtWorker = resolve(import.meta.dirname, '../../out/main/vault-worker.js');
const isBuilt = existsSync(builtWorker);

const clients: VaultClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.shutdown()));
});

function start(workerFile = builtWorker) {
  const events: WorkerEvent[] = [];
  const client = startVaultClient({ workerFile, onEvent: (message) => events.push(message), shutdownTimeoutMs: 5_000 });
  clients.push(client);
  return { client, events };
}

/** A worker that answers vault.status and dies on anything else, like a worker that crashed mid-call. */
function crashingWorker(): string {
  const file = join(tempDir('locket-crash-'), 'crashing-worker.cjs');
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (message.method === 'vault.status') parentPort.postMessage({ id: message.id, outcome: { ok: true, value: 'alive' } });
  else process.exit(3);
});
`,
  );
  return file;
}

/**
 * A worker that asks main to print when told to ('print'), cancels its call when told ('cancel'), answers with
 * main's reply as a request's value, and dies on 'die'.
 */
function printingWorker(): string {
  const file = join(tempDir('locket-print-worker-'), 'printing-worker.cjs');
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads');
let waiting = null;
parentPort.on('message', (message) => {
  if (message.type === 'host.reply') return parentPort.postMessage({ id: waiting, outcome: { ok: true, value: message } });
  if (message.method === 'print') {
    waiting = message.id;
    parentPort.postMessage({ type: 'host.call', callId: 7, method: 'pdf.print', args: message.args });
  } else if (message.method === 'cancel') {
    parentPort.postMessage({ type: 'host.cancel', callId: 7 });
    parentPort.postMessage({ id: message.id, outcome: { ok: true, value: 'cancelled' } });
  } else process.exit(3);
});
`,
  );
  return file;
}

describe('startVaultClient', () => {
  it('turns a worker that dies mid-call into an Outcome and starts a fresh one for the next call', async () => {
    const { client } = start(crashingWorker());
    await expect(client.invoke('vault.status', undefined)).resolves.toEqual({ ok: true, value: 'alive' });
    await expect(client.invoke('vault.lock', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    await expect(client.invoke('vault.status', undefined)).resolves.toEqual({ ok: true, value: 'alive' });
  });

  it('serves the worker’s print calls with main’s printer, replying to the worker with the outcome', async () => {
    const jobs: unknown[] = [];
    const printPdf = async (args: unknown) => {
      jobs.push(args);
      if ((args as { fail?: boolean }).fail)
        throw new LocketError('invalid-argument', 'Not inside the export being written.');
    };
    const client = startVaultClient({ workerFile: printingWorker(), onEvent: () => undefined, printPdf });
    clients.push(client);
    const call = (method: string, args: unknown) => client.invoke(method as 'vault.status', args as undefined);
    await expect(call('print', { htmlPath: '/x/t.html' })).resolves.toEqual({
      ok: true,
      value: { type: 'host.reply', callId: 7, outcome: { ok: true, value: null } },
    });
    await expect(call('print', { fail: true })).resolves.toEqual({
      ok: true,
      value: {
        type: 'host.reply',
        callId: 7,
        outcome: { ok: false, error: { code: 'invalid-argument', message: 'Not inside the export being written.' } },
      },
    });
    expect(jobs).toEqual([{ htmlPath: '/x/t.html' }, { fail: true }]);
  });

  it('stops a print when the worker cancels it or dies, and reports a dead worker once', async () => {
    const signals: AbortSignal[] = [];
    const printPdf = (_args: unknown, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<void>(() => undefined);
    };
    let stopped = 0;
    const client = startVaultClient({
      workerFile: printingWorker(),
      onEvent: () => undefined,
      printPdf,
      onWorkerStopped: () => stopped++,
    });
    clients.push(client);
    const call = (method: string) => client.invoke(method as 'vault.status', undefined);
    void call('print');
    await expect.poll(() => signals.length).toBe(1);
    await expect(call('cancel')).resolves.toEqual({ ok: true, value: 'cancelled' });
    expect(signals[0]!.aborted).toBe(true);

    const printing = call('print');
    await expect.poll(() => signals.length).toBe(2);
    expect(signals[1]!.aborted).toBe(false);
    await expect(call('die')).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(printing).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(signals[1]!.aborted).toBe(true);
    expect(stopped).toBe(1);
  });

  describe.skipIf(!isBuilt)(
    isBuilt ? 'with the built vault worker' : 'with the built vault worker: SKIPPED, run `npm run build` first',
    () => {
      it('labels a lock main asked for with main’s reason, and a user’s lock as the user’s', async () => {
        const { client, events } = start();
        const path = join(tempDir(), 'Idle.locket');
        const passphrase = 'correct horse battery staple';
        await expect(client.invoke('vault.create', { path, passphrase, kdf: 'interactive' })).resolves.toMatchObject({
          ok: true,
        });

        await expect(client.lockFor('idle')).resolves.toMatchObject({ ok: true, value: { state: 'locked' } });
        await expect(client.invoke('vault.unlock', { path, passphrase })).resolves.toMatchObject({ ok: true });
        await expect(client.invoke('vault.lock', undefined)).resolves.toMatchObject({ ok: true });
        // Locking an already locked vault locks nothing, so it says nothing.
        await expect(client.lockFor('suspend')).resolves.toMatchObject({ ok: true });

        expect(events).toEqual([
          { event: 'vault.locked', payload: { reason: 'idle' } },
          { event: 'vault.locked', payload: { reason: 'user' } },
        ]);
      });

      it('shuts the worker down once, then answers every call with cancelled', async () => {
        const { client } = start();
        await expect(client.invoke('vault.status', undefined)).resolves.toMatchObject({ ok: true });
        const first = client.shutdown();
        expect(client.shutdown()).toBe(first);
        await first;
        await expect(client.invoke('vault.status', undefined)).resolves.toMatchObject({
          ok: false,
          error: { code: 'cancelled' },
        });
      });
    },
  );
});
