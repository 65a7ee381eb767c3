import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { shardPlaintextLimit } from '../vault/compression';
import { FileKind } from '../vault/envelope';
import { shardPath } from '../vault/vault-files';
import type { VaultKeys } from '../vault/vault-keys';
import { migrate } from '../db/migrate';
import { shardMigrations } from './shard-migrations';
import type { LoadedShard, ShardEntry } from './shard-entries';
import { loadSqlJs, one, tuneInMemoryDatabase } from '../db/sqlite';

export const DEFAULT_SHARD_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * The shards decrypted in memory, least recently used first, within a byte budget. Clean shards are evicted as
 * others load; changed shards stay until their write flushes them (shard-store.ts).
 */
export class ShardCache {
  private readonly shards = new Map<string, LoadedShard>();
  private readonly loadingShards = new Map<string, Promise<LoadedShard>>();
  /** Shards handed out since the event loop last turned: eviction leaves them open (see handOut). */
  private readonly handedOut = new Set<LoadedShard>();

  constructor(
    private readonly keys: VaultKeys,
    /** The catalog as it is now: a rollback or a rekey replaces it. */
    private readonly catalog: () => Database,
    readonly budgetBytes: number,
  ) {}

  has(fileId: string): boolean {
    return this.shards.has(fileId);
  }

  /** Every shard in memory, least recently used first. */
  loaded(): LoadedShard[] {
    return [...this.shards.values()];
  }

  /** Adds a shard just created or just written, as the most recently used. */
  add(shard: LoadedShard): void {
    this.shards.set(shard.entry.fileId, shard);
  }

  /** Takes a shard out of the cache without closing it. */
  remove(fileId: string): void {
    this.shards.delete(fileId);
  }

  /** Closes every shard (at lock). */
  closeAll(): void {
    for (const shard of this.shards.values()) shard.db.close();
    this.shards.clear();
  }

  /** A shard from the cache, or decrypted into it. */
  async load(entry: ShardEntry): Promise<LoadedShard> {
    const cached = this.shards.get(entry.fileId);
    if (cached) {
      // Refresh its place in the LRU order.
      this.shards.delete(entry.fileId);
      this.shards.set(entry.fileId, cached);
      this.handOut(cached);
      return cached;
    }
    // One decryption per shard however many callers ask at once: a second copy would replace the first in the cache,
    // and a write's changes to the first would then never be committed.
    let loading = this.loadingShards.get(entry.fileId);
    if (!loading) {
      loading = this.decryptIntoCache(entry).finally(() => this.loadingShards.delete(entry.fileId));
      this.loadingShards.set(entry.fileId, loading);
    }
    return loading;
  }

  private async decryptIntoCache(entry: ShardEntry): Promise<LoadedShard> {
    // Room is made before the shard joins the cache, never after: evicting afterwards could close the very database
    // about to be handed out (when changed shards, which stay, fill the budget, or when this shard alone exceeds it).
    this.evict(entry.byteSize);
    const db = await this.decrypt(entry);
    if (!this.keys.isUnlocked) {
      // Locked while it was being decrypted: nothing decrypted outlives the lock.
      db.close();
      this.keys.require();
    }
    const loaded: LoadedShard = { entry, db, bytes: entry.byteSize, isDirty: false, hasFile: true };
    this.shards.set(entry.fileId, loaded);
    this.handOut(loaded);
    return loaded;
  }

  /**
   * Marks a shard as in use until the event loop next turns. A caller uses a database it was handed before its next
   * real wait (I/O), but other callers' continuations may run first; those may load shards, and the eviction they
   * cause skips shards marked here.
   */
  private handOut(shard: LoadedShard): void {
    if (this.handedOut.size === 0) setImmediate(() => this.handedOut.clear());
    this.handedOut.add(shard);
  }

  /** Decrypts a shard's file into a database of its own, outside the cache. */
  async decrypt(entry: ShardEntry): Promise<Database> {
    this.keys.require();
    const relPath = shardPath(entry.fileId);
    const row = one<{ wrapped_key: Uint8Array }>(this.catalog(), 'SELECT wrapped_key FROM shards WHERE file_id = ?', [
      entry.fileId,
    ]);
    if (!row) throw new Error(`shard ${entry.fileId} is not in the catalog`);
    const plain = await this.keys.openFile(
      FileKind.shard,
      entry.fileId,
      relPath,
      row.wrapped_key,
      shardPlaintextLimit(entry.byteSize),
    );
    const SQL = await loadSqlJs();
    let db: Database;
    try {
      db = tuneInMemoryDatabase(new SQL.Database(plain));
      migrate(db, shardMigrations, `shard ${relPath}`);
    } catch (error) {
      if (error instanceof LocketError) throw error;
      throw new LocketError(
        'vault-corrupt',
        `The vault file ${relPath} decrypts but is not a valid shard.`,
        { file: relPath },
        { cause: error },
      );
    }
    return db;
  }

  /**
   * Closes the least recently used clean shards until the cache, plus `room` bytes about to be loaded, fits its
   * budget. Changed shards stay (their changes live only there), and so do shards just handed out (handOut). A
   * database is handed out to be used at once, before the caller's next wait: code that needs several shards loads
   * and queries them one at a time, never holding one across the loading of another.
   */
  evict(room = 0): void {
    let total = room;
    for (const s of this.shards.values()) total += s.bytes;
    for (const [id, s] of this.shards) {
      if (total <= this.budgetBytes) break;
      if (s.isDirty || this.handedOut.has(s)) continue;
      s.db.close();
      this.shards.delete(id);
      total -= s.bytes;
    }
  }
}
