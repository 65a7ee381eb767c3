import { Worker } from 'node:worker_threads';
import type { ErrorShape, Events, Outcome, RequestArgs, RequestName, RequestResult } from '../ipc/contract';
import { LocketError, toErrorShape } from '../core/errors';
import {
  isHostCall,
  isReply,
  type FromWorker,
  type HostCall,
  type HostCallCancel,
  type MediaCopyWritten,
  type ToWorker,
  type WorkerEvent,
} from '../worker/worker-protocol';

export type VaultEventListener = (message: WorkerEvent) => void;
export type LockReason = Events['vault.locked']['reason'];

export interface VaultClient {
  invoke<K extends RequestName>(method: K, args: RequestArgs<K>): Promise<Outcome<RequestResult<K>>>;
  /**
   * Has the worker stream a decrypted copy of a media item to `path`, which main chose (a private temporary folder,
   * or a save dialog's answer): the bytes never pass through main. Never reachable from the renderer.
   */
  writeMediaCopy(args: { mediaId: string; path: string }): Promise<Outcome<MediaCopyWritten>>;
  /** Locks the vault for a reason other than the user's click; the 'vault.locked' event carries that reason. */
  lockFor(reason: LockReason): Promise<Outcome<RequestResult<'vault.lock'>>>;
  /** Locks the vault (keys wiped) and ends the worker. Later calls fail with `cancelled`. */
  shutdown(): Promise<void>;
}

export interface VaultClientOptions {
  workerFile: string;
  /** Host facts the worker cannot find itself, e.g. where the packaged app keeps the sample archive. */
  workerData?: { samplePath: string };
  onEvent: VaultEventListener;
  /**
   * Prints a transcript for the worker (Electron's printToPDF; print-transcript-pdf.ts). `args` come from the
   * worker unchecked; the printer validates them. Without one, the worker's print calls fail.
   */
  printPdf?: (args: unknown, signal: AbortSignal) => Promise<void>;
  /** A worker died on its own (not on shutdown): its keys died with it, so the vault is locked now. */
  onWorkerStopped?: () => void;
  /** How long the worker gets to lock the vault on shutdown before it is terminated. */
  shutdownTimeoutMs?: number;
}

const WORKER_STOPPED: ErrorShape = {
  code: 'internal',
  message: 'The vault worker stopped unexpectedly. The vault is locked; unlock it again to continue.',
};
const CLOSING: ErrorShape = { code: 'cancelled', message: 'Locket is closing.' };

/**
 * Starts the vault worker and talks to it over postMessage. Never rejects: every call resolves to an Outcome,
 * also when the worker dies (its keys die with it, so the vault is locked and a fresh worker takes over).
 */
export function startVaultClient({
  workerFile,
  workerData,
  onEvent,
  printPdf,
  onWorkerStopped,
  shutdownTimeoutMs = 10_000,
}: VaultClientOptions): VaultClient {
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  // Host calls the worker made and main is still serving, by the worker's callId.
  const hostCalls = new Map<number, AbortController>();
  let nextId = 1;
  let closing = false;
  let worker: Worker | null = null;
  // While main locks the vault for idle/suspend/screen-lock, the worker's 'vault.locked' event (which says
  // 'user', the only reason the core knows) is relabelled with main's reason. The worker emits before it
  // replies, and postMessage keeps order, so the event always arrives while the reason is set.
  let lockReason: LockReason | null = null;

  function failPending(error: ErrorShape): void {
    for (const settle of pending.values()) settle({ ok: false, error });
    pending.clear();
  }

  function serveHostCall(message: HostCall | HostCallCancel, from: Worker): void {
    if (message.type === 'host.cancel') {
      hostCalls.get(message.callId)?.abort();
      hostCalls.delete(message.callId);
      return;
    }
    const controller = new AbortController();
    hostCalls.set(message.callId, controller);
    const job =
      printPdf && message.method === 'pdf.print'
        ? printPdf(message.args, controller.signal)
        : Promise.reject(new LocketError('internal', 'This Locket cannot print PDFs.'));
    void job.then(
      () => reply({ ok: true, value: null }),
      (error: unknown) => reply({ ok: false, error: toErrorShape(error) }),
    );
    function reply(outcome: Outcome<null>): void {
      // A call cancelled, or whose worker has gone, wants no answer.
      if (hostCalls.get(message.callId) !== controller) return;
      hostCalls.delete(message.callId);
      const answer: ToWorker = { type: 'host.reply', callId: message.callId, outcome };
      from.postMessage(answer);
    }
  }

  function stopHostCalls(): void {
    for (const controller of hostCalls.values()) controller.abort();
    hostCalls.clear();
  }

  function onMessage(message: FromWorker, from: Worker): void {
    if (isHostCall(message)) {
      serveHostCall(message, from);
      return;
    }
    if (isReply(message)) {
      pending.get(message.id)?.(message.outcome);
      pending.delete(message.id);
      return;
    }
    if (message.event === 'vault.locked' && lockReason) {
      onEvent({ event: 'vault.locked', payload: { reason: lockReason } });
      return;
    }
    onEvent(message);
  }

  function spawn(): Worker {
    const started = new Worker(workerFile, { workerData });
    started.on('message', (message: FromWorker) => onMessage(message, started));
    started.on('exit', () => {
      if (worker === started) worker = null;
      stopHostCalls();
      failPending(closing ? CLOSING : WORKER_STOPPED);
      if (!closing) onWorkerStopped?.();
    });
    // An 'error' is always followed by 'exit', which settles the pending calls.
    started.on('error', () => undefined);
    return started;
  }

  function send<T>(message: (id: number) => ToWorker): Promise<Outcome<T>> {
    if (closing) return Promise.resolve({ ok: false, error: CLOSING });
    worker ??= spawn();
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as (outcome: Outcome<unknown>) => void);
      worker?.postMessage(message(id));
    });
  }

  function invoke<K extends RequestName>(method: K, args: RequestArgs<K>): Promise<Outcome<RequestResult<K>>> {
    return send((id) => ({ id, method, args }));
  }

  function writeMediaCopy({ mediaId, path }: { mediaId: string; path: string }) {
    return send<MediaCopyWritten>((id) => ({ type: 'media.writeCopy', id, mediaId, path }));
  }

  async function lockFor(reason: LockReason): Promise<Outcome<RequestResult<'vault.lock'>>> {
    lockReason = reason;
    try {
      return await invoke('vault.lock', undefined);
    } finally {
      lockReason = null;
    }
  }

  async function stop(): Promise<void> {
    closing = true;
    const running = worker;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    const shutdownMessage: ToWorker = { type: 'shutdown' };
    running.postMessage(shutdownMessage);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), shutdownTimeoutMs);
    });
    // A worker stuck in a long call still dies here: terminating it drops its keys along with its heap.
    if ((await Promise.race([exited, timedOut])) === 'timeout') await running.terminate();
    clearTimeout(timer);
  }

  let stopped: Promise<void> | null = null;
  // Every caller waits for the same stop, so nobody sees the worker gone before it really is.
  const shutdown = () => (stopped ??= stop());

  worker = spawn();
  return { invoke, writeMediaCopy, lockFor, shutdown };
}
