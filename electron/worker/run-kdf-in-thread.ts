import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LocketError, fromErrorShape } from '../core/errors';
import type { KdfRunner } from '../core/vault/kdf';
import type { KdfJob, KdfReply } from './kdf-protocol';

/**
 * Runs Argon2id in a thread that ends as soon as the key is back. libsodium's wasm heap grows to the KDF's
 * memory (256 MiB at `moderate`, 1 GiB at `sensitive`) and never shrinks; only ending its thread gives that
 * memory back, and with it any leftover copies of the passphrase and key inside the heap.
 */
export function createThreadKdfRunner(workerFile: string): KdfRunner {
  return ({ secret, salt, params }) =>
    new Promise<Uint8Array>((resolve, reject) => {
      // A private copy is moved (not copied) into the thread: the caller keeps its own buffer untouched and no
      // second copy of the secret is left behind in this thread's heap.
      const secretCopy = new Uint8Array(secret);
      const job: KdfJob = { secret: secretCopy, salt: new Uint8Array(salt), params };
      const worker = new Worker(workerFile, { workerData: job, transferList: [secretCopy.buffer] });
      let reply: KdfReply | null = null;
      let failure: unknown = null;

      worker.once('message', (message: KdfReply) => {
        reply = message;
      });
      worker.once('error', (error) => {
        failure = error;
      });
      // Settle only once the thread is gone, so its heap is released before the caller derives the next key
      // (creating a vault derives two, one after the other).
      worker.once('exit', (code) => {
        if (reply?.ok) resolve(reply.key);
        else if (reply) reject(fromErrorShape(reply.error));
        else
          reject(
            new LocketError('internal', `The key-derivation thread stopped early (exit code ${code}).`, undefined, {
              cause: failure,
            }),
          );
      });
    });
}

/**
 * The app's runner. kdf-worker.js is built beside the bundle that imports this file (out/main/), which is
 * why only the vault-worker entry may import it: a shared chunk would live in another folder.
 */
export const runKdfInThread: KdfRunner = (request) => createThreadKdfRunner(join(__dirname, 'kdf-worker.js'))(request);
