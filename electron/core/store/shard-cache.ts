import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { shardPlaintextLimit } from '../vault/compression';
import { FileKind } from '../vault/envelope';
import { shardPath } from '../vault/vault-files';
import type { VaultKeys } from '../vault/vault-keys';
import { migrate } from '../db/migrate';
import { shardMigrations } from './shard-migrations';
import type { LoadedShard, ShardEntry } from './shard-entries';
import { decodePhraseFilter, type PhraseFilter } from './phrase-filter';
import { loadSqlJs, one, tuneInMemoryDatabase } from '../db/sqlite';

export const DEFAULT_SHARD_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Shards read ahead at once by passes over many shards (`scan`), all passes together. Each holds its plaintext (up to
 * a shard's size, 16 MiB by default) outside the cache's budget until its pass takes it. Two keep the thread pool
 * inflating one shard while this thread decrypts, opens and queries another; three did no better on two cores
 * (`npm run bench search-scan`: faster on one pass, slower on another).
 */
export const DEFAULT_READ_AHEAD = 2;

/**
 * Phrase filters a pass reads ahead of the shard it is at. A filter is read from a file's first chunks (a few hundred
 * kilobytes at most), so reading several at once keeps the disk and the thread pool busy while this thread decrypts.
 */
const FILTERS_AHEAD = 8;

/**
 * Bytes of phrase filters kept in memory, least recently used first: a second search of a large vault then opens no
 * file for the shards its filters rule out. The 475 shards of 10 million messages hold about 20 MiB of filters.
 */
const FILTER_CACHE_BYTES = 64 * 1024 * 1024;

/** A shard file's plaintext as read: the contents (a SQLite database) and the phrase filter the file holds. */
interface ShardPlaintext {
  contents: Uint8Array;
  filter: Uint8Array | null;
}

/** How a pass over many shards (`scan`) runs. */
export interface ShardPassOptions {
  /** Reading ahead starts once this many shards were handed out (0 when absent). */
  readAheadFrom?: number;
  /**
   * Stops the pass, with a `cancelled` error of this message, when the signal aborts: between shards, and also while
   * it waits for a shard being read (the read goes on in the background; see `scan`).
   */
  cancel?: { signal: AbortSignal; message: string };
  /**
   * A shard not in memory whose phrase filter this says no to (FORMAT.md, "Phrase filters") is passed over, unread;
   * the filters are read a few shards ahead, and a shard is read ahead only once its filter said yes (or it has none).
   */
  mayHold?: ((filter: PhraseFilter) => boolean) | null;
}

/** A shard being read, decrypted and inflated ahead of its pass (`scan`), holding one read-ahead slot. */
interface ReadAhead {
  readonly entry: ShardEntry;
  /** Rejects as loading the shard would have: the pass meets the error when it reaches the shard, not before. */
  readonly plaintext: Promise<ShardPlaintext>;
  isSettled: boolean;
  isReleased: boolean;
}

/**
 * The shards decrypted in memory, least recently used first, within a byte budget. Clean shards are evicted as
 * others load; changed shards stay until their write flushes them (shard-store.ts).
 */
export class ShardCache {
  private readonly shards = new Map<string, LoadedShard>();
  private readonly loadingShards = new Map<string, Promise<LoadedShard>>();
  /** Shards handed out since the event loop last turned: eviction leaves them open (see handOut). */
  private readonly handedOut = new Set<LoadedShard>();
  /**
   * Shards a pass (`scan`) has still to reach, with how many passes: eviction takes them last. A pass over more
   * shards than the cache holds would otherwise, least recently used first, evict each shard just before it reaches
   * it, and a search run again would decrypt every shard again.
   */
  private readonly stillToScan = new Map<string, number>();
  /** Read-ahead slots held: reads under way, and plaintexts read but not yet taken or dropped by their pass. */
  private slotsHeld = 0;
  /** Phrase filters read from shard files, by file id, least recently used first (null: the file holds none). */
  private readonly filters = new Map<string, PhraseFilter | null>();
  private filterBytes = 0;
  private readonly filterReads = new Map<string, Promise<PhraseFilter | null>>();

  constructor(
    private readonly keys: VaultKeys,
    /** The catalog as it is now: a rollback or a rekey replaces it. */
    private readonly catalog: () => Database,
    readonly budgetBytes: number,
    /** Shards read ahead at once by all passes together; 0 reads each shard only when its pass reaches it. */
    readonly readAheadSlots = DEFAULT_READ_AHEAD,
    /** False: eviction is least recently used first only, as before `scan` kept what it has still to reach. */
    private readonly keepsShardsToScan = true,
    /** False: passes read every shard, ignoring phrase filters, as before file version 3 (the benchmark's baseline). */
    private readonly usesPhraseFilters = true,
  ) {}

  /** Read-ahead slots held now: never more than `readAheadSlots`. */
  get readAheadHeld(): number {
    return this.slotsHeld;
  }

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

  /** Closes every shard and forgets every filter (at lock). */
  closeAll(): void {
    for (const shard of this.shards.values()) shard.db.close();
    this.shards.clear();
    this.filters.clear();
    this.filterBytes = 0;
  }

  /**
   * A shard from the cache, or decrypted into it. `ahead`, its read started by `scan`, is taken (or dropped when the
   * shard is in memory or loading after all).
   */
  async load(entry: ShardEntry, ahead?: ReadAhead): Promise<LoadedShard> {
    const cached = this.shards.get(entry.fileId);
    if (cached) {
      if (ahead) this.release(ahead);
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
      loading = this.decryptIntoCache(entry, ahead).finally(() => this.loadingShards.delete(entry.fileId));
      this.loadingShards.set(entry.fileId, loading);
    } else if (ahead) {
      this.release(ahead);
    }
    return loading;
  }

  /**
   * The shards of `entries` one at a time, in that order, each loaded as `load` loads it, while the next ones not in
   * memory are read, decrypted and inflated ahead: reading a file and inflating it run in libuv's thread pool, so
   * they overlap this thread's decrypting, opening and querying of the shard before. A shard read ahead joins the
   * cache only when the pass reaches it, so the cache never holds more than its budget, and a pass that ends early
   * (a full page, an error, a cancelled count) leaves nothing of what it read ahead: the slots it held are freed as
   * soon as those reads settle, their plaintexts dropped.
   *
   * `readAheadFrom`: reading ahead starts once this many shards were handed out. A search's first page is mostly
   * found in the newest shard, and a read ahead of it would only slow that page down.
   *
   * `cancel`: a cancelled pass stops at once, even while it waits for a shard (reading, decrypting and inflating one
   * takes tens of milliseconds, more on a slow disk): it drops its reads ahead as any pass that ends early does, and
   * leaves the shard it waited for loading. That load ends as every load ends, the whole shard in the cache (where a
   * new pass that asks for it meanwhile gets it, loaded once) or an error nobody is left to hear.
   *
   * The same contract as `load`: use a shard before asking for the next one.
   */
  async *scan(entries: readonly ShardEntry[], options: ShardPassOptions = {}): AsyncGenerator<LoadedShard> {
    const { readAheadFrom = 0, cancel } = options;
    const mayHold = this.usesPhraseFilters ? (options.mayHold ?? undefined) : undefined;
    const ahead = new Map<string, ReadAhead>();
    if (this.keepsShardsToScan)
      for (const entry of entries) this.stillToScan.set(entry.fileId, (this.stillToScan.get(entry.fileId) ?? 0) + 1);
    let reached = 0;
    const isInMemory = (e: ShardEntry) => this.shards.has(e.fileId) || this.loadingShards.has(e.fileId);
    /** Whether the shard's filter rules it out: undefined while its filter is not read yet. */
    const isRuledOut = (e: ShardEntry): boolean | undefined => {
      if (!mayHold || isInMemory(e)) return false;
      const filter = this.filters.get(e.fileId);
      return filter === undefined ? undefined : filter !== null && !mayHold(filter);
    };
    try {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        this.scanned(entry);
        reached = i + 1;
        if (mayHold) {
          // The next ones' filters are read while this one's is awaited (a shard in memory needs none).
          for (let j = i + 1; j <= Math.min(entries.length - 1, i + FILTERS_AHEAD); j++)
            if (!isInMemory(entries[j]!)) void this.phraseFilter(entries[j]!).catch(() => undefined);
          if (isRuledOut(entry) === undefined) await this.phraseFilter(entry).catch(() => null);
          if (cancel?.signal.aborted) throw new LocketError('cancelled', cancel.message);
          if (isRuledOut(entry)) continue;
        }
        if (i >= readAheadFrom) {
          for (let j = i; j < entries.length && this.slotsHeld < this.readAheadSlots; j++) {
            const next = entries[j]!;
            const ruledOut = isRuledOut(next);
            // Not past a shard whose filter is still being read: it may be ruled out, and reading it would be waste.
            if (ruledOut === undefined) break;
            if (ruledOut || ahead.has(next.fileId) || isInMemory(next)) continue;
            ahead.set(next.fileId, this.readAhead(next));
          }
        }
        const mine = ahead.get(entry.fileId);
        ahead.delete(entry.fileId);
        // A turn of the event loop first: the shard handed out before is then no longer kept open (handOut), so the
        // room this one needs comes from the shards passed, not from those still to reach.
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        if (cancel?.signal.aborted) {
          if (mine) this.release(mine);
          throw new LocketError('cancelled', cancel.message);
        }
        const shard = this.load(entry, mine);
        yield await (cancel ? untilCancelled(shard, cancel) : shard);
      }
    } finally {
      for (const read of ahead.values()) this.release(read);
      for (const entry of entries.slice(reached)) this.scanned(entry);
    }
  }

  /**
   * A shard file's phrase filter, from memory or read from the file's first chunks (null: it holds none, or one this
   * run cannot use). A filter that fails to read is not kept: the shard is then read, and its damage reported there.
   */
  async phraseFilter(entry: ShardEntry): Promise<PhraseFilter | null> {
    const known = this.filters.get(entry.fileId);
    if (known !== undefined) {
      this.filters.delete(entry.fileId);
      this.filters.set(entry.fileId, known);
      return known;
    }
    let reading = this.filterReads.get(entry.fileId);
    if (!reading) {
      reading = this.keys
        .readShardFilter(entry.fileId, shardPath(entry.fileId), this.wrappedKey(entry))
        .then((bytes) => {
          const filter = bytes ? decodePhraseFilter(bytes) : null;
          this.keepFilter(entry.fileId, filter);
          return filter;
        })
        .finally(() => this.filterReads.delete(entry.fileId));
      this.filterReads.set(entry.fileId, reading);
    }
    return reading;
  }

  private keepFilter(fileId: string, filter: PhraseFilter | null): void {
    if (!this.keys.isUnlocked) return;
    this.filters.set(fileId, filter);
    this.filterBytes += filter?.byteLength ?? 0;
    for (const [id, kept] of this.filters) {
      if (this.filterBytes <= FILTER_CACHE_BYTES) break;
      this.filters.delete(id);
      this.filterBytes -= kept?.byteLength ?? 0;
    }
  }

  /** A pass reached a shard, or stopped before it. */
  private scanned(entry: ShardEntry): void {
    if (!this.keepsShardsToScan) return;
    const left = (this.stillToScan.get(entry.fileId) ?? 1) - 1;
    if (left > 0) this.stillToScan.set(entry.fileId, left);
    else this.stillToScan.delete(entry.fileId);
  }

  /** Starts reading a shard ahead of its pass, in a slot held until the read settles and the pass takes or drops it. */
  private readAhead(entry: ShardEntry): ReadAhead {
    this.slotsHeld++;
    const read: ReadAhead = { entry, plaintext: this.readPlaintext(entry, true), isSettled: false, isReleased: false };
    // Handled here so that a damaged shard the pass never reaches is no unhandled rejection; one it reaches throws
    // there (decrypt awaits the same promise).
    void read.plaintext
      .catch(() => undefined)
      .finally(() => {
        read.isSettled = true;
        if (read.isReleased) this.slotsHeld--;
      });
    return read;
  }

  /** The pass is done with a read ahead (taken or dropped): its slot is free once the read has settled too. */
  private release(read: ReadAhead): void {
    if (read.isReleased) return;
    read.isReleased = true;
    if (read.isSettled) this.slotsHeld--;
  }

  private async decryptIntoCache(entry: ShardEntry, ahead?: ReadAhead): Promise<LoadedShard> {
    // Room is made before the shard joins the cache, never after: evicting afterwards could close the very database
    // about to be handed out (when changed shards, which stay, fill the budget, or when this shard alone exceeds it).
    this.evict(entry.byteSize);
    const { db, filter } = await this.decryptWithFilter(entry, ahead);
    if (!this.keys.isUnlocked) {
      // Locked while it was being decrypted: nothing decrypted outlives the lock.
      db.close();
      this.keys.require();
    }
    const loaded: LoadedShard = { entry, db, bytes: entry.byteSize, isDirty: false, hasFile: true, fileFilter: filter };
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

  /**
   * Decrypts a shard's file into a database of its own, outside the cache; from the plaintext read `ahead` when
   * given, if the catalog still lists the shard (a write may have replaced it meanwhile, and then this fails as
   * reading it now would).
   */
  async decrypt(entry: ShardEntry): Promise<Database> {
    return (await this.decryptWithFilter(entry)).db;
  }

  /** `decrypt`, with the phrase filter the file holds (null for none). */
  async decryptWithFilter(entry: ShardEntry, ahead?: ReadAhead): Promise<{ db: Database; filter: Uint8Array | null }> {
    try {
      let plain: ShardPlaintext;
      if (ahead) {
        this.wrappedKey(entry);
        plain = await ahead.plaintext;
      } else {
        plain = await this.readPlaintext(entry);
      }
      return { db: await this.openPlaintext(entry, plain.contents), filter: plain.filter };
    } finally {
      if (ahead) this.release(ahead);
    }
  }

  private wrappedKey(entry: ShardEntry): Uint8Array {
    this.keys.require();
    const row = one<{ wrapped_key: Uint8Array }>(this.catalog(), 'SELECT wrapped_key FROM shards WHERE file_id = ?', [
      entry.fileId,
    ]);
    if (!row) throw new Error(`shard ${entry.fileId} is not in the catalog`);
    return row.wrapped_key;
  }

  /**
   * A shard file's plaintext: read, decrypted, and inflated when it is compressed; for a read ahead in the thread
   * pool, so that it overlaps this thread's work on the shard before.
   */
  private async readPlaintext(entry: ShardEntry, isAhead = false): Promise<ShardPlaintext> {
    const wrappedKey = this.wrappedKey(entry);
    return this.keys.openFileWithFilter(
      FileKind.shard,
      entry.fileId,
      shardPath(entry.fileId),
      wrappedKey,
      shardPlaintextLimit(entry.byteSize),
      { inflateInPool: isAhead },
    );
  }

  private async openPlaintext(entry: ShardEntry, plain: Uint8Array): Promise<Database> {
    const relPath = shardPath(entry.fileId);
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
   * and queries them one at a time, never holding one across the loading of another. Shards a pass has still to
   * reach (`scan`) go only when closing the others is not enough.
   */
  evict(room = 0): void {
    let total = room;
    for (const s of this.shards.values()) total += s.bytes;
    for (const isStillToScan of [false, true]) {
      for (const [id, s] of this.shards) {
        if (total <= this.budgetBytes) return;
        if (s.isDirty || this.handedOut.has(s) || this.stillToScan.has(id) !== isStillToScan) continue;
        s.db.close();
        this.shards.delete(id);
        total -= s.bytes;
      }
    }
  }
}

/**
 * `work`, or a `cancelled` error as soon as the signal aborts, whichever comes first. Once the error won, `work` still
 * settles on its own, its failure handled here (no unhandled rejection).
 */
function untilCancelled<T>(work: Promise<T>, cancel: { signal: AbortSignal; message: string }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new LocketError('cancelled', cancel.message));
    work.then(resolve, reject).finally(() => cancel.signal.removeEventListener('abort', stop));
    // Aborted already when starting the load, which runs up to its first wait at once.
    if (cancel.signal.aborted) stop();
    else cancel.signal.addEventListener('abort', stop, { once: true });
  });
}
