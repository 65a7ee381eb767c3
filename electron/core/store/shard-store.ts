import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { FileKind } from '../vault/envelope';
import { CATALOG_FILE, shardPath, writeDurable } from '../vault/vault-files';
import { hex, type VaultKeys } from '../vault/vault-keys';
import { countUnindexed } from './index-shard';
import { filterForChange, filterToWrite } from './shard-filter';
import { forgetShardCounts, moveShardCounts, recordShardCounts, recountShardConversations } from './shard-counts';
import type { ShardCache } from './shard-cache';
import {
  TIME_MAX,
  TIME_MIN,
  beginChange,
  closeQuietly,
  endChange,
  shardEntryAt,
  type LoadedShard,
  type ShardEntry,
  type WriteFiles,
} from './shard-entries';
import { newShardDatabase, shardByteSize, splitToBudget } from './split-shard';
import { one, run, userVersion, vacuumInMemory } from '../db/sqlite';

/**
 * Changes to shards inside a write: shards are taken for change, flushed to new files (split to budget) with the
 * in-memory catalog pointed at them, and dropped again when the write rolls back. Nothing here commits: until the
 * catalog is replaced (session/commit-catalog.ts), the new files are unreferenced on disk.
 */
export class ShardStore {
  /** The files of the write under way; a shard is changed only for it. */
  activeWrite: WriteFiles | null = null;

  constructor(
    private readonly keys: VaultKeys,
    readonly cache: ShardCache,
    /** The catalog as it is now: a rollback or a rekey replaces it. */
    private readonly catalog: () => Database,
    /** A shard whose database grows past this many bytes is split at its median time. */
    readonly budgetBytes: number,
    private readonly now: () => number,
  ) {}

  /**
   * Whether shards are vacuumed before an import last writes them: only when they are compressed, which is what
   * vacuuming helps (MessageWriter.indexBacklog); off with compression, for the benchmark's baseline.
   */
  get vacuumsBeforeLastWrite(): boolean {
    return this.keys.compressFiles;
  }

  private assertActive(files: WriteFiles): void {
    if (files !== this.activeWrite) throw new Error('writer used outside its write');
  }

  /** The shard covering `time`, loaded and held for changes; the vault's first shard is created here. */
  async shardForTime(time: number, files: WriteFiles): Promise<LoadedShard> {
    this.assertActive(files);
    const catalog = this.catalog();
    const entry = shardEntryAt(catalog, time);
    if (entry) return beginChange(await this.cache.load(entry));
    if (one(catalog, 'SELECT 1 FROM shards LIMIT 1')) {
      throw new LocketError(
        'vault-corrupt',
        `The shard directory has no shard for time ${time}. Restore the vault folder from a backup.`,
        { file: CATALOG_FILE },
      );
    }
    // The first message of a vault: one shard for all of time.
    const db = await newShardDatabase();
    const first: ShardEntry = {
      fileId: hex(randomBytes(16)),
      startTime: TIME_MIN,
      endTime: TIME_MAX,
      messageCount: 0,
      byteSize: 0,
    };
    run(
      catalog,
      'INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES (?, ?, ?, 0, 0, ?, ?)',
      [first.fileId, first.startTime, first.endTime, new Uint8Array(0), this.now()],
    );
    const loaded: LoadedShard = { entry: first, db, bytes: 0, isDirty: true, hasFile: false };
    this.cache.add(loaded);
    return beginChange(loaded);
  }

  /** A shard loaded and held for changes in the current write. */
  async shardForChange(entry: ShardEntry, files: WriteFiles): Promise<LoadedShard> {
    this.assertActive(files);
    return beginChange(await this.cache.load(entry));
  }

  /**
   * Writes a changed shard to new files (split to budget) and points the in-memory catalog at them. Nothing is
   * committed: until the catalog is replaced, the new files are unreferenced on disk. Long imports flush as they
   * go, so memory stays within the shard budgets however large the import.
   */
  async flushShard(
    shard: LoadedShard,
    files: WriteFiles,
    shouldKeepLoaded = true,
    /**
     * Which messages changed since its file was written, for its per-conversation counts (shard-counts.ts): 'all'
     * counts the shard again, 'none' (only its search index changed) moves its counts to the new file, and a list of
     * conversations (a wipe deleted only theirs) counts those again and moves the rest.
     */
    changed: 'all' | 'none' | readonly number[] = 'all',
  ): Promise<void> {
    endChange(shard);
    if (shard.needsVacuum || hasManyFreePages(shard.db)) {
      vacuumInMemory(shard.db);
      shard.needsVacuum = false;
    }
    const old = shard.entry;
    // Before a split, which may close the shard's database.
    const kept = filterForChange(shard);
    this.cache.remove(old.fileId);
    const parts = await splitToBudget(old, shard.db, this.budgetBytes);
    const catalog = this.catalog();
    run(catalog, 'DELETE FROM shards WHERE file_id = ?', [old.fileId]);
    // Counting a shard reads every message; the indexing pass rewrites every shard without changing one, and a wipe
    // of one chat changes one conversation's messages in each.
    const keepsCounts = changed !== 'all' && parts.length === 1;
    if (!keepsCounts) forgetShardCounts(catalog, old.fileId);
    // The filter the write kept goes on with a part that holds every message the shard had; other parts (a median
    // split) get one built from their own messages.
    const total = parts.reduce((n, part) => n + part.entry.messageCount, 0);
    const unindexed = parts.map((part) => countUnindexed(part.db));
    const filters = parts.map((part, i) =>
      filterToWrite(part.db, part.entry.messageCount === total ? kept : null, unindexed[i]!),
    );
    for (const [i, part] of parts.entries()) {
      const filter = filters[i]!;
      const { fileId, wrappedKey } = await this.writeShardFile(part.bytes, files, filter);
      part.entry = { ...part.entry, fileId, byteSize: part.bytes.length };
      run(
        catalog,
        'INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at, unindexed_count, shard_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          fileId,
          part.entry.startTime,
          part.entry.endTime,
          part.entry.messageCount,
          part.bytes.length,
          wrappedKey,
          this.now(),
          unindexed[i]!,
          userVersion(part.db),
        ],
      );
      if (!keepsCounts) recordShardCounts(catalog, fileId, part.db);
      else if (changed === 'none') moveShardCounts(catalog, old.fileId, fileId);
      else recountShardConversations(catalog, old.fileId, fileId, part.db, changed);
    }
    if (files.createdFiles.includes(shardPath(old.fileId))) {
      // Written earlier in this same write, never committed: nothing refers to it any more.
      await fs.rm(join(this.keys.dir, shardPath(old.fileId)), { force: true });
    } else if (shard.hasFile) {
      files.superseded.push(shardPath(old.fileId));
    }
    const only = parts.length === 1 && shouldKeepLoaded ? parts[0] : undefined;
    if (only) {
      this.cache.add({
        entry: only.entry,
        db: only.db,
        bytes: only.bytes.length,
        isDirty: false,
        hasFile: true,
        // Only the filter as written: a builder holds 2 MiB, and one continues from the file's filter when needed.
        fileFilter: filters[0],
      });
    } else {
      // Split parts (and shards not to keep) reload lazily from their new files.
      for (const part of parts) part.db.close();
    }
  }

  /** Flushes every changed shard: the first step of a commit. */
  async flushChanged(files: WriteFiles): Promise<void> {
    for (const shard of this.cache.loaded()) if (shard.isDirty) await this.flushShard(shard, files);
  }

  /** Flushes the least recently used changed shards while the decrypted shards in memory exceed the cache budget. */
  async relieveMemory(files: WriteFiles): Promise<void> {
    const sizeOf = (s: LoadedShard) => (s.isDirty ? shardByteSize(s.db) : s.bytes);
    let total = 0;
    const loaded = this.cache.loaded();
    for (const s of loaded) total += sizeOf(s);
    for (const s of loaded) {
      if (total <= this.cache.budgetBytes) break;
      if (!s.isDirty) continue;
      total -= sizeOf(s);
      await this.flushShard(s, files);
    }
    this.cache.evict();
  }

  /** After a failed write: closes the shards it changed or wrote and removes the files it created. */
  async dropChanges(files: WriteFiles): Promise<void> {
    const created = new Set(files.createdFiles);
    for (const shard of this.cache.loaded()) {
      if (shard.isDirty || created.has(shardPath(shard.entry.fileId))) {
        closeQuietly(shard.db);
        this.cache.remove(shard.entry.fileId);
      }
    }
    for (const relPath of files.createdFiles)
      await fs.rm(join(this.keys.dir, relPath), { force: true }).catch(() => undefined);
  }

  private async writeShardFile(
    bytes: Uint8Array,
    files: WriteFiles,
    filter: Uint8Array | null,
  ): Promise<{ fileId: string; wrappedKey: Uint8Array }> {
    const { fileId, relPath, sealed, wrappedKey } = await this.keys.sealNewFile(
      FileKind.shard,
      shardPath,
      bytes,
      filter,
    );
    files.createdFiles.push(relPath);
    await writeDurable(join(this.keys.dir, relPath), sealed, relPath);
    return { fileId, wrappedKey };
  }
}

/**
 * Whether an eighth or more of a shard's pages are free: a shard converted by shard migration 0004 frees the pages of
 * its index's old copy of the tokens (a quarter of a shard of Chinese chat), and any change then writes it vacuumed,
 * as small as a shard written in that format. Two PRAGMAs, no page read.
 */
function hasManyFreePages(db: Database): boolean {
  const free = Number(db.exec('PRAGMA freelist_count')[0]?.values[0]?.[0] ?? 0);
  const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
  return free * 8 >= pages && free > 0;
}
