import { Worker } from 'node:worker_threads';
import type { ErrorShape, SourceFormat } from '../../ipc/contract';
import { LocketError, fromErrorShape } from '../errors';
import type { ReaderOptions, ReadRecord, SourceDescription, SourceFormatEntry, SourceReader } from './model';

/**
 * A reader in a thread of its own. Reading a backup (stepping its SQLite rows, decoding protobuf and LZ4) and
 * preparing each message (classifying its XML, making its dedupe key, serializing its payload and raw row) need
 * nothing from the vault, so they run in this thread while the vault's thread looks up duplicates, stores and
 * encrypts what the previous batches brought: two cores at work instead of one. The thread sends prepared messages
 * in batches and stays at most eight batches ahead (serve-read-thread.ts), so memory stays bounded however large
 * the backup is. The thread holds no vault key and never opens the vault.
 *
 * The thread opens the source itself from a spec (format, path, options): the vault's thread never holds the
 * backup's databases. Its errors come back as the same `LocketError`s an in-thread reader throws, naming the file.
 */

export interface ReadThreadSpec {
  format: SourceFormat;
  path: string;
  options: ReaderOptions;
}

export type ToThread = { type: 'describe' } | { type: 'read' } | { type: 'more' };
export type FromThread =
  | { type: 'description'; description: SourceDescription }
  | { type: 'records'; records: ReadRecord[] }
  | { type: 'end' }
  | { type: 'error'; error: ErrorShape };

/** The vault's side: a `SourceReader` whose reading and preparing happen in a thread started from `threadFile`. */
export class ThreadedReader implements SourceReader<ReadRecord> {
  readonly format: SourceFormat;
  readonly version: string;
  private worker: Worker | null = null;
  private readonly inbox: FromThread[] = [];
  private waiting: { resolve: (m: FromThread) => void; reject: (e: unknown) => void } | null = null;
  private failure: LocketError | null = null;

  /** `version` is the reader's own (recorded as the import's provenance): the thread opens the same reader. */
  constructor(
    private readonly spec: ReadThreadSpec,
    version: string,
    private readonly threadFile: string,
  ) {
    this.format = spec.format;
    this.version = version;
  }

  async describe(): Promise<SourceDescription> {
    this.thread().postMessage({ type: 'describe' } satisfies ToThread);
    const reply = await this.next();
    if (reply.type === 'description') return reply.description;
    throw this.unexpected(reply);
  }

  async *read(signal?: AbortSignal): AsyncIterable<ReadRecord> {
    const worker = this.thread();
    const stop = () => void this.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      worker.postMessage({ type: 'read' } satisfies ToThread);
      for (;;) {
        const reply = await this.next();
        if (reply.type === 'end') return;
        if (reply.type !== 'records') throw this.unexpected(reply);
        // Taking a batch lets the thread read the next one while this one is stored.
        worker.postMessage({ type: 'more' } satisfies ToThread);
        yield* reply.records;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      await this.close();
    }
  }

  /** Ends the thread; with it go the source's databases and anything read ahead. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    this.failure ??= new LocketError('cancelled', 'Reading the backup was stopped.');
    await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    if (this.failure) throw this.failure;
    const worker = new Worker(this.threadFile, { workerData: this.spec });
    worker.on('message', (m: FromThread) => this.deliver(m));
    worker.on('error', (error) =>
      this.fail(
        new LocketError(
          'internal',
          `The thread reading ${this.spec.path} failed: ${error.message}`,
          { path: this.spec.path },
          { cause: error },
        ),
      ),
    );
    worker.on('exit', (code) =>
      this.fail(
        new LocketError('internal', `The thread reading ${this.spec.path} stopped early (exit code ${code}).`, {
          path: this.spec.path,
        }),
      ),
    );
    this.worker = worker;
    return worker;
  }

  private next(): Promise<FromThread> {
    const m = this.inbox.shift();
    if (m) return m.type === 'error' ? Promise.reject(fromErrorShape(m.error)) : Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private deliver(m: FromThread): void {
    this.inbox.push(m);
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) this.next().then(waiting.resolve, waiting.reject);
  }

  /** The first failure sticks: an error, then the exit it causes, report the error. */
  private fail(error: LocketError): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.failure);
  }

  private unexpected(reply: FromThread): LocketError {
    return new LocketError('internal', `The thread reading ${this.spec.path} answered out of turn (${reply.type}).`);
  }
}

/** Opens a reader for `entry` in a thread when `threadFile` is given, else in this thread. */
export function openReader(
  entry: SourceFormatEntry,
  path: string,
  options: ReaderOptions,
  threadFile: string | undefined,
): SourceReader<ReadRecord> {
  // Constructing a reader reads nothing; the thread opens its own from the same spec.
  const reader = entry.open(path, options);
  return threadFile ? new ThreadedReader({ format: entry.format, path, options }, reader.version, threadFile) : reader;
}
