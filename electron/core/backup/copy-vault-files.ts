import { constants as fsConstants, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { LocketError, fsError } from '../errors';
import { TMP_SUFFIX, lstatOrNull, syncDirectory } from '../vault/vault-files';
import { ensureRealFolder } from './backup-folder';

/** A vault file to copy: its path relative to the vault folder and its size. */
export interface VaultFileToCopy {
  relPath: string;
  size: number;
}

export interface CopyOptions {
  signal?: AbortSignal;
  /** Called after each file, copied or kept, with its size. */
  onFile?: (size: number) => void;
  /** Tests: fail as a killed process would, after this many files were copied. */
  failAfterFiles?: number;
}

export interface CopyOutcome {
  copied: number;
  bytesCopied: number;
  kept: number;
}

// Copies run a few at a time: each ends with an fsync, and a disk (or a NAS) keeps several busy better than one.
const PARALLEL_COPIES = 4;
const OPEN_NO_FOLLOW = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * Copies the vault files `dest` lacks from `source`. Vault files never change once written (a new version gets a
 * new file id), so a file already in `dest` as a regular file of the same size is kept; anything else under that
 * name (a partial copy, a link, a file with a second name) is replaced. Each copy goes to `<name>.tmp` (created
 * exclusively, so a link planted under that name is never written through), is made durable, then renamed into
 * place; a rename replaces a link itself, never its target. Stops between files when `signal` aborts.
 */
export async function copyMissingFiles(
  source: string,
  dest: string,
  files: readonly VaultFileToCopy[],
  options: CopyOptions = {},
): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { copied: 0, bytesCopied: 0, kept: 0 };
  const folders = new Set<string>();
  const touched = new Set<string>();
  let next = 0;
  const copyOne = async (file: VaultFileToCopy) => {
    const folder = dirname(file.relPath);
    if (!folders.has(folder)) {
      await ensureFolders(dest, folder);
      folders.add(folder);
    }
    const target = join(dest, file.relPath);
    const there = await lstatOrNull(target);
    if (there?.isFile() && there.nlink === 1n && there.size === BigInt(file.size)) {
      outcome.kept++;
      options.onFile?.(file.size);
      return;
    }
    const from = join(source, file.relPath);
    const stats = await lstatOrNull(from);
    if (!stats?.isFile()) {
      throw new LocketError('vault-corrupt', `The vault file ${file.relPath} is missing or not a regular file.`, {
        file: file.relPath,
      });
    }
    const tmp = target + TMP_SUFFIX;
    try {
      await fs.rm(tmp, { force: true });
      await fs.copyFile(from, tmp, fsConstants.COPYFILE_EXCL);
      const handle = await fs.open(tmp, OPEN_NO_FOLLOW);
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fsError(error, file.relPath, 'copy');
    }
    touched.add(folder);
    outcome.copied++;
    outcome.bytesCopied += Number(stats.size);
    options.onFile?.(file.size);
    if (options.failAfterFiles !== undefined && outcome.copied >= options.failAfterFiles)
      throw new Error(`injected failure after ${outcome.copied} files`);
  };
  let failure: unknown = null;
  const lane = async () => {
    while (next < files.length && failure === null) {
      if (options.signal?.aborted) throw new LocketError('cancelled', 'The backup was cancelled.');
      const file = files[next++]!;
      await copyOne(file);
    }
  };
  const lanes = Array.from({ length: Math.min(PARALLEL_COPIES, files.length) }, () =>
    lane().catch((error: unknown) => {
      failure ??= error;
    }),
  );
  await Promise.all(lanes);
  // The renames are made durable before the catalog that references them is written (FORMAT.md, "Commits", step 1).
  for (const folder of touched) syncDirectory(join(dest, folder));
  if (failure !== null) throw failure;
  return outcome;
}

/** `shards`, `media` and `media/xx` in `dest`, each a real folder (backup-folder.ts, ensureRealFolder). */
async function ensureFolders(dest: string, relFolder: string): Promise<void> {
  const parts = relFolder.split(/[\\/]/);
  for (let depth = 1; depth <= parts.length; depth++) await ensureRealFolder(dest, join(...parts.slice(0, depth)));
}
