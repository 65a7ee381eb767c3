import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openMediaSource } from '../../electron/core/importing/pipeline/open-media-source';
import { writeMediaCopy } from '../../electron/core/media/write-media-copy';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { fmt, heading, row, timeMs } from './bench-util';

const MB = 1024 * 1024;
const SIZE_MB = 200;

/** Runs `fn`, sampling RSS every 5 ms: its time and how far RSS rose above where it started. */
async function measured(fn: () => Promise<unknown>): Promise<{ ms: number; peakGrowthMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const ms = await timeMs(fn);
    return { ms, peakGrowthMb: (Math.max(peak, process.memoryUsage().rss) - base) / MB };
  } finally {
    clearInterval(sampler);
  }
}

/** Media in and out of the vault as a stream (envelope-stream.ts), beside a plain streamed copy of the same file. */
export async function benchMedia(): Promise<void> {
  heading(`Media streaming (${SIZE_MB} MB file, one run each)`);
  const dir = mkdtempSync(join(tmpdir(), 'locket-media-bench-'));
  try {
    const source = join(dir, 'video.mp4');
    const handle = await fs.open(source, 'w');
    for (let i = 0; i < SIZE_MB; i++) await handle.write(randomBytes(MB));
    await handle.close();

    const copy = await measured(() =>
      pipeline(createReadStream(source, { highWaterMark: MB }), createWriteStream(join(dir, 'copy.mp4'))),
    );
    const { session } = await VaultSession.create(join(dir, 'Bench.locket'), 'bench passphrase', {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
    });
    let fileId = '';
    const store = await measured(async () => {
      const opened = await openMediaSource({ path: source }, 'plain');
      if (typeof opened === 'string') throw new Error(opened);
      try {
        fileId = (await session.write((w) => w.putMediaStream(opened.chunks(), 'video/mp4'))).fileId;
      } finally {
        await opened.close();
      }
    });
    const read = await measured(() => writeMediaCopy(session, fileId, join(dir, 'decrypted.mp4')));
    await session.lock();

    const rate = (ms: number) => `${fmt(SIZE_MB / (ms / 1000))} MB/s`;
    const rss = (mb: number) => `peak RSS +${fmt(mb)} MiB`;
    row('plain streamed fs copy (baseline)', `${rate(copy.ms)}, ${rss(copy.peakGrowthMb)}`);
    row('store: read, keyed-hash, encrypt, write, fsync, commit', `${rate(store.ms)}, ${rss(store.peakGrowthMb)}`);
    row('read: decrypt and verify to a file', `${rate(read.ms)}, ${rss(read.peakGrowthMb)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
