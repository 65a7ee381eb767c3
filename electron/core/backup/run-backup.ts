import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { BackupProgress, BackupResult } from '../../ipc/contract';
import { appendAudit } from '../audit/audit-log';
import { all } from '../db/sqlite';
import { LocketError } from '../errors';
import type { VaultSession } from '../session/vault-session';
import { matchesBinding, parseHeader } from '../vault/header';
import { removeLeftoverFiles } from '../vault/leftover-files';
import { NEXT_CATALOG_FILE, promoteNextCatalog } from '../vault/rekey';
import { acquireVaultLock } from '../vault/vault-lock';
import {
  CATALOG_FILE,
  HEADER_FILE,
  mediaPath,
  replaceAtomically,
  shardPath,
  syncDirectory,
  writeDurable,
} from '../vault/vault-files';
import { prepareBackupFolder } from './backup-folder';
import { recordBackup } from '../store/backup-records';
import { copyMissingFiles, type CopyOptions, type VaultFileToCopy } from './copy-vault-files';

export interface BackupOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Omit<BackupProgress, 'requestId'>) => void;
  /** Tests: fail after this many files were copied, as a killed process would. */
  failAfterFiles?: number;
  now?: () => number;
}

/**
 * Mirrors the open vault to `dest` (FORMAT.md, "Backups"). While no write runs, it copies the files the backup lacks,
 * then commits the backup folder as a vault commits (catalog as `catalog.lkt.next`, then the header that binds it:
 * the commit point, then the swap), then removes from the folder what the catalog no longer references (a wiped
 * shard's old file, a destroyed media item), overwriting each first. Cancelled or interrupted at any point, the
 * folder still opens as the previous backup (or, before its first commit, as no vault at all). Last, the vault records
 * the backup, in a commit of its own with an audit entry naming the wipes whose data left the folder with it.
 */
export async function runBackup(
  session: VaultSession,
  dest: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const now = options.now ?? Date.now;
  const copied = await session.whileNoWrites(() => mirror(session, dest, options));
  const madeAt = now();
  const recorded = await session.write(async (writer) => {
    const { id, wipesCleared } = recordBackup(writer.catalog, {
      path: copied.path,
      madeAt,
      generation: copied.generation,
      bytes: copied.bytes,
      files: copied.files,
    });
    const audit = await appendAudit(
      writer,
      'backup',
      {
        backupId: id,
        generation: copied.generation,
        filesCopied: copied.filesCopied,
        filesRemoved: copied.filesRemoved,
        wipesCleared,
      },
      madeAt,
    );
    return { wipesCleared, auditSequence: audit.sequence };
  });
  await session.rememberBackup(copied.generation);
  options.onProgress?.({
    phase: 'done',
    files: copied.files,
    totalFiles: copied.files,
    bytes: copied.bytes,
    totalBytes: copied.bytes,
  });
  return { ...copied, ...recorded };
}

type Mirrored = Omit<BackupResult, 'wipesCleared' | 'auditSequence'>;

async function mirror(session: VaultSession, dest: string, options: BackupOptions): Promise<Mirrored> {
  const generation = session.generation;
  const snapshot = await readCommittedPair(session.dir, generation);
  const folder = await prepareBackupFolder(dest, session.dir, session.vaultId, generation);
  const releaseLock = await acquireVaultLock(folder.dir);
  try {
    const files = await referencedFiles(session);
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    let doneFiles = 0;
    let doneBytes = 0;
    const report = (phase: BackupProgress['phase']) =>
      options.onProgress?.({ phase, files: doneFiles, totalFiles: files.length, bytes: doneBytes, totalBytes });
    report('copying');
    const copyOptions: CopyOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.failAfterFiles !== undefined ? { failAfterFiles: options.failAfterFiles } : {}),
      onFile: (size) => {
        doneFiles++;
        doneBytes += size;
        report('copying');
      },
    };
    const copy = await copyMissingFiles(session.dir, folder.dir, files, copyOptions);
    if (options.signal?.aborted) throw new LocketError('cancelled', 'The backup was cancelled.');
    report('committing');
    await commitBackupFolder(folder.dir, snapshot);
    report('removing');
    let filesRemoved = 0;
    await removeLeftoverFiles(folder.dir, session.catalog, () => filesRemoved++);
    return {
      path: folder.dir,
      generation,
      filesCopied: copy.copied,
      bytesCopied: copy.bytesCopied,
      filesKept: copy.kept,
      filesRemoved,
      files: files.length + 2,
      bytes: totalBytes + snapshot.header.length + snapshot.catalog.length,
    };
  } finally {
    await releaseLock();
  }
}

/** The header and catalog of the last commit, as on disk (the catalog may still wait as `catalog.lkt.next`). */
async function readCommittedPair(dir: string, generation: number): Promise<{ header: Buffer; catalog: Buffer }> {
  const header = await fs.readFile(join(dir, HEADER_FILE));
  const binding = parseHeader(header).catalog;
  for (const name of [CATALOG_FILE, NEXT_CATALOG_FILE]) {
    const catalog = await fs.readFile(join(dir, name)).catch(() => null);
    if (catalog && (!binding || (binding.generation === generation && matchesBinding(catalog, binding))))
      return { header, catalog };
  }
  throw new LocketError(
    'vault-corrupt',
    `The vault's ${CATALOG_FILE} is not the one its ${HEADER_FILE} binds: nothing was backed up. Run locket check.`,
    { file: CATALOG_FILE },
  );
}

/** Every shard and media file the catalog references, with its size on disk. */
async function referencedFiles(session: VaultSession): Promise<VaultFileToCopy[]> {
  const relPaths = [
    ...all<{ file_id: string }>(session.catalog, 'SELECT file_id FROM shards').map((r) => shardPath(r.file_id)),
    ...all<{ file_id: string }>(session.catalog, 'SELECT file_id FROM media').map((r) => mediaPath(r.file_id)),
  ];
  const files: VaultFileToCopy[] = [];
  for (const relPath of relPaths) {
    const stats = await fs.lstat(join(session.dir, relPath)).catch(() => null);
    if (!stats?.isFile()) {
      throw new LocketError(
        'vault-corrupt',
        `The vault file ${relPath} is missing or not a regular file: nothing was backed up. Run locket check.`,
        { file: relPath },
      );
    }
    files.push({ relPath, size: stats.size });
  }
  return files;
}

/** The vault's commit (FORMAT.md, "Commits", step 2), in the backup folder, with the vault's own header and catalog. */
async function commitBackupFolder(dir: string, pair: { header: Buffer; catalog: Buffer }): Promise<void> {
  const nextPath = join(dir, NEXT_CATALOG_FILE);
  await fs.rm(nextPath, { force: true });
  await writeDurable(nextPath, pair.catalog, NEXT_CATALOG_FILE);
  syncDirectory(dir);
  await replaceAtomically(dir, HEADER_FILE, pair.header); // the backup's commit point
  await promoteNextCatalog(dir);
}
