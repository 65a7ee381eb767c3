import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome, RequestArgs, RequestName, RequestResult } from '../../electron/ipc/contract';
import type { FromWorker } from '../../electron/worker/worker-protocol';
import { ANDROID_FILES, generateAndroidBackup } from '../fixtures/generate-android-backup';
import { encodeAmrTone } from '../fixtures/media-amr';
import { encodeSilkTone } from '../fixtures/media-silk';
import { dominantHz, parseWav, wavSamples } from '../helpers/media';
import { tempDir } from '../helpers/temp-dir';

const builtWorker = resolve(import.meta.dirname, '../../out/main/vault-worker.js');
const isBuilt = existsSync(builtWorker);

let worker: Worker | null = null;
afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

/** Raw postMessage RPC, as electron/main/vault-client.ts speaks it. */
function startBuiltWorker() {
  const started = new Worker(builtWorker);
  worker = started;
  const replies = new Map<number, (outcome: Outcome<unknown>) => void>();
  started.on('message', (message: FromWorker) => {
    if ('id' in message) replies.get(message.id)?.(message.outcome);
  });
  let nextId = 1;
  return async function call<K extends RequestName>(method: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
    const id = nextId++;
    const outcome = await new Promise<Outcome<unknown>>((done) => {
      replies.set(id, done);
      started.postMessage({ id, method, args });
    });
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.value as RequestResult<K>;
  };
}

describe.skipIf(!isBuilt)(
  isBuilt
    ? 'voice in the built vault worker (out/main/vault-worker.js)'
    : 'voice in the built vault worker: SKIPPED, run `npm run build` first',
  () => {
    it.each(['amr', 'silk'] as const)(
      'imports an Android voice2 clip (%s) and decodes it to a playable WAV of the tone',
      { timeout: 60_000 },
      async (format) => {
        const { userDir } = await generateAndroidBackup(tempDir());
        writeFileSync(
          join(userDir, ...ANDROID_FILES.voice.split('/')),
          format === 'amr' ? await encodeAmrTone(1000, 440) : await encodeSilkTone(1000, 440),
        );
        const call = startBuiltWorker();
        await call('vault.create', {
          path: join(tempDir(), 'Voice.locket'),
          passphrase: 'correct horse battery staple',
          kdf: 'interactive',
        });
        await call('import.run', { paths: [userDir] });
        const voice = (await call('messages.list', { limit: 5000 })).messages.find((m) => m.kind === 'voice')!;
        expect(voice.media[0]).toMatchObject({ mime: `audio/${format}`, durationMs: 1000 });
        const clip = await call('media.voice', { mediaId: voice.media[0]!.mediaId! });
        const rate = format === 'amr' ? 8000 : 24000;
        expect(clip).toMatchObject({ mime: 'audio/wav', sampleRate: rate, durationMs: 1000 });
        expect(parseWav(clip.bytes)).toMatchObject({ channels: 1, sampleRate: rate, durationMs: 1000 });
        expect(Math.abs(dominantHz(wavSamples(clip.bytes).subarray(rate / 10), rate) - 440)).toBeLessThanOrEqual(10);
      },
    );
  },
);
