import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { CompactProgress, CompactReport, CompactStatus } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import { SHARD_FORMAT } from '../store/shard-migrations';
import { fileLayoutOf, type FileLayout } from '../vault/envelope';
import { CATALOG_FILE, shardPath } from '../vault/vault-files';
import type { VaultSession } from './vault-session';

export interface CompactOptions {
  /** Aborted: stops between two shards; the write rolls back and the vault stays exactly as it was. */
  signal?: AbortSignal;
  onProgress?: (progress: Omit<CompactProgress, 'requestId'>) => void;
}

/** One file compaction looks at: the catalog or a shard the catalog lists. */
interface VaultFile {
  /** The shard's directory entry; null for the catalog. */
  shard: ShardEntry | null;
  bytes: number;
  /** What its file header says its plaintext is (null: a version this Locket does not know). */
  layout: FileLayout | null;
  /**
   * A shard the catalog records as written in an older shard format (`shards.shard_version`, catalog migration 10), or
   * one compressed without a phrase filter (file version 2).
   */
  isOutdated: boolean;
}

const isCompressed = (f: VaultFile) => f.layout === 'compressed' || f.layout === 'filtered';
/** Written again by compaction: not compressed, or a shard of an older format. */
const needsRewrite = (f: VaultFile) => !isCompressed(f) || f.isOutdated;

/**
 * `vault.compactStatus`: how much of the vault is still in a format an older Locket wrote: files written before
 * compression (FORMAT.md, "Compressed files"), and compressed shards of a shard format before the current one (whose
 * search index keeps a copy of its tokens, shard migration 0004). Cheap: it reads the first bytes and the size of the
 * catalog and of each shard, and the catalog's record of each shard's format; it decrypts nothing. Media are left
 * out: they are never compressed.
 */
export async function compactionStatus(session: VaultSession): Promise<CompactStatus> {
  const files = await vaultFiles(session);
  const uncompressed = files.filter((f) => !isCompressed(f));
  const outdated = files.filter((f) => isCompressed(f) && f.isOutdated);
  return {
    files: files.length,
    bytes: sum(files),
    uncompressedFiles: uncompressed.length,
    uncompressedBytes: sum(uncompressed),
    outdatedFiles: outdated.length,
    outdatedBytes: sum(outdated),
  };
}

/**
 * `vault.compact` (`locket compact`): writes every shard written before catalogs and shards were compressed again,
 * compressed, in one commit (which writes the catalog compressed too). Nothing else rewrites an old vault whole: an
 * import only rewrites the shards it adds to, so without this an old vault keeps its size. Shards are rewritten one at
 * a time (each leaves memory once written). The commit is the only point where the vault changes: a crash, a cancel
 * or an error before it leaves the vault exactly as it was, and the new files it wrote are leftovers the next unlock
 * removes (`test/crash/compact-crash-safety.test.ts`).
 *
 * It starts only when no other write runs or waits (an import, a wipe, a backup's copy), and refuses with
 * `vault-busy` otherwise: queued behind one, it would start at an unknown later time with its button long gone.
 */
export async function compactVault(session: VaultSession, options: CompactOptions = {}): Promise<CompactReport> {
  return session.alone(
    {
      busy: 'Another change to the vault (an import, a wipe or a backup) is running. Compact the vault when it has finished.',
      refusal: 'The vault is being compacted. Wait for it to finish (Settings, Storage), then try again.',
    },
    () => compactAlone(session, options),
  );
}

async function compactAlone(session: VaultSession, options: CompactOptions): Promise<CompactReport> {
  const status = await compactionStatus(session);
  if (status.uncompressedFiles + status.outdatedFiles === 0) {
    options.onProgress?.({ phase: 'done', files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 });
    return { shardsRewritten: 0, filesRewritten: 0, bytesBefore: status.bytes, bytesAfter: status.bytes };
  }
  const done = await session.write(async (w) => {
    // Listed again inside the write, where nothing else changes the vault: what is rewritten and measured is exact.
    const files = await vaultFiles(session);
    const old = files.filter(needsRewrite);
    const total = { totalFiles: old.length, totalBytes: sum(old) };
    const progress = { files: 0, bytes: 0 };
    options.onProgress?.({ phase: 'rewriting', ...progress, ...total });
    // The shards one by one; the catalog (listed last) is written by the commit, compressed.
    for (const file of old) {
      if (!file.shard) continue;
      throwIfCancelled(options.signal);
      await w.rewriteShard(file.shard);
      progress.files++;
      progress.bytes += file.bytes;
      options.onProgress?.({ phase: 'rewriting', ...progress, ...total });
    }
    throwIfCancelled(options.signal);
    options.onProgress?.({ phase: 'committing', ...progress, ...total });
    return { bytesBefore: sum(files), shardsRewritten: old.filter((f) => f.shard).length, ...total };
  });
  const bytesAfter = sum(await vaultFiles(session));
  const { totalFiles, totalBytes } = done;
  options.onProgress?.({ phase: 'done', files: totalFiles, totalFiles, bytes: totalBytes, totalBytes });
  return {
    shardsRewritten: done.shardsRewritten,
    filesRewritten: totalFiles,
    bytesBefore: done.bytesBefore,
    bytesAfter,
  };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new LocketError('cancelled', 'Compacting was cancelled. The vault is exactly as it was before.');
}

function sum(files: readonly VaultFile[]): number {
  return files.reduce((n, f) => n + f.bytes, 0);
}

/**
 * Every shard the catalog lists, then the catalog, with their sizes on disk, whether they are compressed and, for a
 * shard, whether the catalog records it as written in an older shard format.
 */
async function vaultFiles(session: VaultSession): Promise<VaultFile[]> {
  const formats = new Map(
    all<{ file_id: string; shard_version: number }>(session.catalog, 'SELECT file_id, shard_version FROM shards').map(
      (r) => [r.file_id, r.shard_version],
    ),
  );
  const files: VaultFile[] = [];
  for (const entry of session.listShards()) {
    const head = await fileHead(join(session.dir, shardPath(entry.fileId)));
    // A missing shard is `locket check`'s to report; compacting it would fail to decrypt it anyway.
    // A shard compressed without a phrase filter (written before file version 3) is outdated too: searches read it
    // whole where its filter could have ruled it out.
    if (head)
      files.push({
        shard: entry,
        ...head,
        isOutdated: (formats.get(entry.fileId) ?? 0) < SHARD_FORMAT || head.layout === 'compressed',
      });
  }
  const catalog = await fileHead(join(session.dir, CATALOG_FILE));
  if (catalog) files.push({ shard: null, ...catalog, isOutdated: false });
  return files;
}

/** A file's size and what its file header says its plaintext is, or null when it cannot be read. */
async function fileHead(absPath: string): Promise<{ bytes: number; layout: FileLayout | null } | null> {
  const handle = await fs.open(absPath, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const { size } = await handle.stat();
    return { bytes: size, layout: fileLayoutOf(buffer.subarray(0, bytesRead)) };
  } finally {
    await handle.close();
  }
}
