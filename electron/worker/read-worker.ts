/**
 * One source read per thread (core/importing/read-in-thread.ts): opens the reader named in workerData, reads
 * and prepares its messages, and posts them in batches to the thread that stores them. Ended by that thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadThreadSpec } from '../core/importing/read-in-thread';
import { serveReadThread } from '../core/importing/serve-read-thread';

if (!parentPort) throw new Error('read-worker runs only inside a worker thread');
serveReadThread(parentPort, workerData as ReadThreadSpec);
