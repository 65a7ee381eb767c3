import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RestoreResult } from '../../ipc/contract';
import { all } from '../db/sqlite';
import { LocketError } from '../errors';
import { checkVault } from '../check/check-vault';
import { resetGeneration, seenGeneration } from '../session/seen-generations';
import { assertCreatable } from '../session/unlock';
import { VaultSession, type SessionOptions } from '../session/vault-session';
import { NEXT_CATALOG_FILE } from '../vault/rekey';
import {
  CATALOG_FILE,
  DIR_MODE,
  HEADER_FILE,
  MEDIA_DIR,
  SHARDS_DIR,
  mediaPath,
  replaceAtomically,
  shardPath,
} from '../vault/vault-files';
import { copyMissingFiles } from './copy-vault-files';

/**
 * `locket restore BACKUP DEST`: copies the backup folder's vault into a new or empty folder (never over a vault, so
 * a restore can never let an older catalog replace a newer one), as a vault is created: files, then the catalog,
 * then the header last. Then opens the copy with the passphrase and checks every file (check-vault.ts); a copy with a
 * problem is refused as `vault-corrupt`. Last, the record of generations seen on this computer is set to the restored
 * generation (seen-generations.ts, resetGeneration): the person chose this history, so opening it is not a rollback;
 * a newer generation seen before is returned, to say what the backup lacks.
 */
export async function restoreBackup(
  backupPath: string,
  destInput: string,
  passphrase: string,
  options: SessionOptions,
): Promise<RestoreResult> {
  const dest = resolve(destInput);
  await assertCreatable(dest);
  const { seenGenerationsFile, ...openOptions } = options;
  // The backup is only read: no cleanup in it, nothing remembered of it.
  const backup = await VaultSession.open(backupPath, { passphrase }, { ...openOptions, removesLeftovers: false });
  let generation: number;
  let vaultId: string;
  try {
    generation = backup.generation;
    vaultId = backup.vaultId;
    const relPaths = [
      ...all<{ file_id: string }>(backup.catalog, 'SELECT file_id FROM shards').map((r) => shardPath(r.file_id)),
      ...all<{ file_id: string }>(backup.catalog, 'SELECT file_id FROM media').map((r) => mediaPath(r.file_id)),
    ];
    const files = [];
    for (const relPath of relPaths) {
      const stats = await fs.lstat(join(backup.dir, relPath)).catch(() => null);
      if (!stats?.isFile())
        throw new LocketError('vault-corrupt', `The backup lacks ${relPath}: it cannot be restored whole.`, {
          file: relPath,
        });
      files.push({ relPath, size: stats.size });
    }
    await fs.mkdir(join(dest, SHARDS_DIR), { recursive: true, mode: DIR_MODE });
    await fs.mkdir(join(dest, MEDIA_DIR), { recursive: true, mode: DIR_MODE });
    await copyMissingFiles(backup.dir, dest, files);
    // A backup interrupted after its commit point keeps its bound catalog as catalog.lkt.next until opened: the
    // open above settled that, so catalog.lkt is the bound one.
    await replaceAtomically(dest, CATALOG_FILE, await fs.readFile(join(backup.dir, CATALOG_FILE)));
    await fs.rm(join(dest, NEXT_CATALOG_FILE), { force: true });
    await replaceAtomically(dest, HEADER_FILE, await fs.readFile(join(backup.dir, HEADER_FILE)));
  } finally {
    await backup.lock();
  }

  const seen = seenGenerationsFile ? await seenGeneration(seenGenerationsFile, vaultId) : null;
  const restored = await VaultSession.open(dest, { passphrase }, openOptions);
  try {
    const report = await checkVault(restored);
    if (!report.isIntact) {
      const first = report.problems[0]!;
      throw new LocketError(
        'vault-corrupt',
        `The restored copy at ${dest} has ${report.problems.length} problem(s), first ${first.file}: ${first.detail} Run locket check on the backup.`,
        { file: first.file },
      );
    }
    if (seenGenerationsFile) await resetGeneration(seenGenerationsFile, vaultId, generation, Date.now());
    return {
      path: dest,
      generation,
      files: report.shards + report.mediaFiles + 2,
      bytes: report.bytes,
      messages: report.messages,
      newerGenerationSeen: seen !== null && seen > generation ? seen : null,
    };
  } finally {
    await restored.lock();
  }
}
