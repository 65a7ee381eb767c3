import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('startVaultClient', () => {
  it('turns a worker that dies mid-call into an Outcome and starts a fresh one for the next call', async () => {
    const { client } = start(crashingWorker());
    await expect(client.invoke('vault.status', undefined)).resolves.toEqual({ ok: true, value: 'alive' });
    await expect(client.invoke('vault.lock', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(client.invoke('vault.status', undefined)).resolves.toEqual({ ok: true, value: 'alive' });
  });

  describe.skipIf(!isBuilt)(isBuilt ? 'with the built vault worker' : 'with the built vault worker: SKIPPED, run `npm run build` first', () => {
    it('labels a lock main asked for with main’s reason, and a user’s lock as the user’s', async () => {
      const { client, events } = start();
      const path = join(tempDir(), 'Idle.locket');
      const passphrase = 'correct horse battery staple';
      await expect(client.invoke('vault.create', { path, passphrase, kdf: 'interactive' })).resolves.toMatchObject({ ok: true });

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
      await expect(client.invoke('vault.status', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    });
  });
});
