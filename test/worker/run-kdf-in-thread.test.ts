import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../electron/core/errors';
import { KDF_TEST_PARAMS, runKdfInProcess } from '../../electron/core/vault/kdf';
import { createThreadKdfRunner } from '../../electron/worker/run-kdf-in-thread';

const builtKdfWorker = resolve(import.meta.dirname, '../../out/main/kdf-worker.js');
const isBuilt = existsSync(builtKdfWorker);

describe.skipIf(!isBuilt)(
  isBuilt ? 'the KDF thread (out/main/kdf-worker.js)' : 'the KDF thread: SKIPPED, run `npm run build` first',
  () => {
    const runKdfInThread = createThreadKdfRunner(builtKdfWorker);

    it('derives the same 32-byte key as Argon2id in-process, and leaves the caller’s secret intact', async () => {
      const secret = new TextEncoder().encode('correct horse battery staple');
      const salt = randomBytes(16);
      const request = { secret, salt: new Uint8Array(salt), params: KDF_TEST_PARAMS };

      const key = await runKdfInThread(request);
      expect(key).toBeInstanceOf(Uint8Array);
      expect(key.byteLength).toBe(32);
      expect(key.buffer.byteLength).toBe(32);
      expect(Buffer.from(key)).toEqual(Buffer.from(await runKdfInProcess(request)));
      // The thread got its own copy (moved, then wiped there); the caller's bytes are untouched.
      expect(new TextDecoder().decode(secret)).toBe('correct horse battery staple');
    });

    it('passes the core’s error through with its code', async () => {
      const request = {
        secret: new Uint8Array(8),
        salt: new Uint8Array(16),
        params: { opsLimit: 99, memLimitKiB: 8192 },
      };
      const failure = await runKdfInThread(request).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LocketError);
      expect(failure).toMatchObject({ code: 'kdf-params-out-of-range' });
    });

    it('fails with an internal error when the thread cannot start', async () => {
      const failure = await createThreadKdfRunner(resolve(import.meta.dirname, 'no-such-kdf-worker.js'))({
        secret: new Uint8Array(8),
        salt: new Uint8Array(16),
        params: KDF_TEST_PARAMS,
      }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'internal' });
    });
  },
);
