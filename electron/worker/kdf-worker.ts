/**
 * One Argon2id derivation per thread: receives { secret, salt, params } as workerData, posts the 32-byte key
 * back (moved, not copied) and ends, so the wasm heap that held the KDF's memory is freed with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../core/errors';
import { runKdfInProcess } from '../core/vault/kdf';
import type { KdfJob, KdfReply } from './kdf-protocol';

if (!parentPort) throw new Error('kdf-worker.js runs only inside a worker thread');
const port = parentPort;
const job = workerData as KdfJob;

async function derive(): Promise<void> {
  try {
    const derived = await runKdfInProcess(job);
    // Own exactly 32 bytes in a fresh buffer so the transfer moves nothing else, then wipe the original.
    const key = new Uint8Array(derived);
    derived.fill(0);
    const reply: KdfReply = { ok: true, key };
    port.postMessage(reply, [key.buffer]);
  } catch (error) {
    const reply: KdfReply = { ok: false, error: toErrorShape(error) };
    port.postMessage(reply);
  } finally {
    job.secret.fill(0);
    port.close();
  }
}

void derive();
