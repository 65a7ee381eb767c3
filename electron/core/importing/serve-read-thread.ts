import type { MessagePort } from 'node:worker_threads';
import { toErrorShape } from '../errors';
import type { ReadRecord } from './model';
import { prepareMessage } from './prepare-for-vault';
import type { FromThread, ReadThreadSpec, ToThread } from './read-in-thread';
import { sourceFormats } from './source-formats';

/** Records per batch sent to the vault's thread: enough that posting costs little per record. */
const RECORDS_PER_BATCH = 1000;
/**
 * Batches the thread may send before the vault's thread has taken them: bounds the memory in flight (about 1 MB a
 * batch), and is enough to keep reading while the vault's thread seals a full shard.
 */
const BATCHES_AHEAD = 8;

/**
 * The thread's side (electron/worker/read-worker.ts): opens the reader the spec names and answers `describe`
 * and `read`, sending prepared records in batches and waiting for `more` when it is `BATCHES_AHEAD` ahead.
 */
export function serveReadThread(port: MessagePort, spec: ReadThreadSpec): void {
  const entry = sourceFormats.find((f) => f.format === spec.format);
  const send = (m: FromThread) => port.postMessage(m);
  if (!entry) {
    send({ type: 'error', error: { code: 'internal', message: `No reader for the format ${spec.format}.` } });
    return;
  }
  const reader = entry.open(spec.path, spec.options);
  let credits = BATCHES_AHEAD;
  let wake: (() => void) | null = null;

  const sendBatch = async (records: ReadRecord[]): Promise<void> => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    send({ type: 'records', records });
  };

  const stream = async (): Promise<void> => {
    let batch: ReadRecord[] = [];
    for await (const record of reader.read()) {
      batch.push(record.type === 'message' ? prepareMessage(record) : record);
      if (batch.length >= RECORDS_PER_BATCH) {
        await sendBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await sendBatch(batch);
    send({ type: 'end' });
  };

  const answer = (work: () => Promise<void>) =>
    void work().catch((error: unknown) => send({ type: 'error', error: toErrorShape(error) }));

  port.on('message', (m: ToThread) => {
    if (m.type === 'describe') answer(async () => send({ type: 'description', description: await reader.describe() }));
    else if (m.type === 'read') answer(stream);
    else {
      credits++;
      wake?.();
      wake = null;
    }
  });
}
