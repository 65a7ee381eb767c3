/**
 * The vault worker: hosts the Locket service on its own thread so sql.js and crypto never freeze a window.
 * The main process only forwards requests here and events back (docs/architecture.md, "Processes").
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isRequestName } from '../ipc/channels';
import type { EventName, Events, Outcome, RequestArgs, RequestName, RequestResult } from '../ipc/contract';
import { LocketError, toErrorShape } from '../core/errors';
import { createLocketService, type LocketService } from '../core/service';
import { PrinterThroughMain } from './print-through-main';
import { runKdfInThread } from './run-kdf-in-thread';
import { isHostCallReply, isShutdown, isWriteMediaCopy, type FromWorker, type WorkerRequest } from './worker-protocol';

if (!parentPort) throw new Error('vault-worker.js runs only inside a worker thread');
const port = parentPort;

function post(message: FromWorker): void {
  port.postMessage(message);
}

const samplePath = (workerData as { samplePath?: unknown } | null)?.samplePath;
// Transcripts are printed by the main process with Electron's printToPDF: this thread cannot call Electron.
const pdfPrinter = new PrinterThroughMain(post);

const service: LocketService = createLocketService({
  runKdf: runKdfInThread,
  // Built beside this file (electron.vite.config.mts), like kdf-worker.js.
  readerThreadFile: join(__dirname, 'read-worker.js'),
  pdfPrinter,
  ...(typeof samplePath === 'string' ? { samplePath } : {}),
  emit<E extends EventName>(event: E, payload: Events[E]) {
    post({ event, payload });
  },
});

function isWellFormedRequest(message: unknown): message is { id: number; method: unknown; args: unknown } {
  return typeof message === 'object' && message !== null && Number.isSafeInteger((message as { id?: unknown }).id);
}

async function call<K extends RequestName>(method: K, args: RequestArgs<K>): Promise<Outcome<RequestResult<K>>> {
  try {
    const run = service[method] as (args: RequestArgs<K>) => Promise<RequestResult<K>>;
    return { ok: true, value: await run(args) };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}

let shuttingDown = false;

async function shutdown(): Promise<void> {
  shuttingDown = true;
  try {
    await service.dispose();
  } finally {
    // Ends only this thread; the main process waits for the worker's 'exit' event.
    process.exit(0);
  }
}

port.on('message', (message: unknown) => {
  if (isHostCallReply(message)) {
    pdfPrinter.settle(message);
    return;
  }
  if (isShutdown(message)) {
    void shutdown();
    return;
  }
  if (!isWellFormedRequest(message)) return;
  const { id } = message;
  if (shuttingDown) {
    post({ id, outcome: { ok: false, error: { code: 'cancelled', message: 'Locket is closing.' } } });
    return;
  }
  if (isWriteMediaCopy(message)) {
    const { mediaId, path } = message;
    void service.writeMediaCopy({ mediaId, path }).then(
      (value) => post({ id, outcome: { ok: true, value } }),
      (error: unknown) => post({ id, outcome: { ok: false, error: toErrorShape(error) } }),
    );
    return;
  }
  const { method, args } = message;
  if (!isRequestName(method)) {
    const error = new LocketError('invalid-argument', 'Locket does not know that request.', { method: String(method) });
    post({ id, outcome: { ok: false, error: error.toShape() } });
    return;
  }
  void call(method, args as WorkerRequest['args']).then((outcome) => post({ id, outcome }));
});
