import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackup } from '../../electron/core/backup/run-backup';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession } from '../../electron/core/session/vault-session';
import { message } from '../helpers/messages';
import { fmt, heading, median, row, timeMs } from './bench-util';

const MB = 1024 * 1024;
const MESSAGES = 200_000;
const MEDIA_ITEMS = 400;
const RUNS = 3;

/** fsync of every file and folder under `dir`: what makes a plain copy as durable as a backup. */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) syncTree(path);
    const fd = openSync(path, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}

/**
 * A backup of a vault (200,000 messages in shards, 400 media items of 16 KiB to 2 MiB) into an empty folder, beside a
 * plain recursive copy of the same folder (`fs.cp`, no fsync) and the same copy made durable (every file and folder
 * fsynced, as the backup does), each the median of three runs into a fresh folder.
 */
export async function benchBackup(): Promise<void> {
  heading(`Backup: a full backup vs a plain recursive copy of the same bytes (median of ${RUNS})`);
  const work = mkdtempSync(join(tmpdir(), 'locket-bench-backup-'));
  try {
    const dir = join(work, 'Bench.locket');
    const { session } = await VaultSession.create(dir, 'bench passphrase', {
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
    });
    for (let done = 0; done < MESSAGES; done += 50_000)
      await session.write((w) =>
        w.insertMessages(
          Array.from({ length: 50_000 }, (_, i) => message(done + i, { time: 1_500_000_000 + (done + i) * 30 })),
        ),
      );
    for (let i = 0; i < MEDIA_ITEMS; i += 50) {
      await session.write(async (w) => {
        for (let j = i; j < i + 50; j++) {
          const bytes = randomBytes(j % 10 === 0 ? 2 * MB : 16 * 1024 + ((j * 7919) % (256 * 1024)));
          await w.putMedia(bytes, await session.mediaHash(bytes), 'image/jpeg');
        }
      });
    }
    const plain: number[] = [];
    const durable: number[] = [];
    const backup: number[] = [];
    let bytes = 0;
    let files = 0;
    for (let run = 0; run < RUNS; run++) {
      const copyDir = join(work, `copy-${run}`);
      plain.push(await timeMs(() => fs.cp(dir, copyDir, { recursive: true })));
      rmSync(copyDir, { recursive: true, force: true });
      const durableDir = join(work, `durable-${run}`);
      durable.push(
        await timeMs(async () => {
          await fs.cp(dir, durableDir, { recursive: true });
          syncTree(durableDir);
        }),
      );
      rmSync(durableDir, { recursive: true, force: true });
      const backupDir = join(work, `backup-${run}`);
      backup.push(
        await timeMs(async () => {
          const result = await runBackup(session, backupDir);
          bytes = result.bytes;
          files = result.files;
        }),
      );
      rmSync(backupDir, { recursive: true, force: true });
    }
    await session.lock();
    const rate = (ms: number) => `${fmt(bytes / MB / (ms / 1000))} MB/s`;
    row(`vault: ${files} files, ${fmt(bytes / MB)} MB`, '');
    row('plain recursive copy (fs.cp, no fsync; baseline)', `${fmt(median(plain), 0)} ms, ${rate(median(plain))}`);
    row(
      'plain copy + fsync of every file (durable baseline)',
      `${fmt(median(durable), 0)} ms, ${rate(median(durable))}`,
    );
    row('locket backup into an empty folder', `${fmt(median(backup), 0)} ms, ${rate(median(backup))}`);
    row('speed ratio backup / plain copy (target >= 0.8)', `${fmt(median(plain) / median(backup), 2)}x`);
    row('speed ratio backup / durable copy', `${fmt(median(durable) / median(backup), 2)}x`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
