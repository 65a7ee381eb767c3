import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from 'sql.js';
import type { KdfParams } from '../../ipc/contract';
import { LocketError } from '../errors';
import { mediaChunks, mediaHash, mediaHasher, readMediaFile, type MediaHasher } from '../media/media-store';
import { catalogMigrations } from '../db/migrations';
import { migrate, wasCompactedByMigration } from '../db/migrate';
import { DEFAULT_SHARD_CACHE_BYTES, ShardCache, type ShardPassOptions } from '../store/shard-cache';
import { recordShardCounts, uncountedShardIds } from '../store/shard-counts';
import { listShardEntries, type ShardEntry } from '../store/shard-entries';
import { ShardStore } from '../store/shard-store';
import { DEFAULT_SHARD_BUDGET_BYTES } from '../store/split-shard';
import {
  all,
  loadSqlJs,
  one,
  readSetting,
  setSetting,
  tuneInMemoryDatabase,
  type ReadOnlyDatabase,
} from '../db/sqlite';
import { settleBoundCatalog } from '../vault/catalog-binding';
import { readCatalog, readHeader } from '../vault/catalog-file';
import {
  FORMAT_VERSION,
  SLOT_PASSPHRASE,
  SLOT_RECOVERY,
  bindingOf,
  deriveRootKeys,
  encodeHeader,
  sealSlot,
  signHeader,
  wipeRootKeys,
  type VaultHeader,
} from '../vault/header';
import { KDF_STRENGTHS, runKdfInProcess, type KdfRunner } from '../vault/kdf';
import { removeLeftoverFiles, type CleanupSkip } from '../vault/leftover-files';
import { generateRecoveryCode, normalizeRecoveryCode } from '../vault/recovery-code';
import { NEXT_CATALOG_FILE, settlePendingRekey } from '../vault/rekey';
import { loadSodium } from '../vault/sodium';
import {
  CATALOG_FILE,
  DIR_MODE,
  HEADER_FILE,
  MEDIA_DIR,
  SHARDS_DIR,
  replaceAtomically,
  shredVaultFile,
} from '../vault/vault-files';
import { VaultKeys, signingPublicKey } from '../vault/vault-keys';
import { acquireVaultLock } from '../vault/vault-lock';
import { changePassphrase, replaceRootKey } from './change-secret';
import { commitCatalog, sealCatalogFile, type PendingSwap } from './commit-catalog';
import {
  backupNote,
  isBackupGeneration,
  rememberBackupGeneration,
  rememberGeneration,
  rollbackWarning,
  seenGeneration,
} from './seen-generations';
import { assertCreatable, secretBytes, unlockHeader, type VaultSecret } from './unlock';
import type { VaultReader } from '../store/vault-reader';
import { VaultWriter } from './vault-writer';

export interface SessionOptions {
  runKdf?: KdfRunner;
  /** A shard whose database grows past this many bytes is split at its median time. */
  shardBudgetBytes?: number;
  /** Clean shards stay decrypted in memory up to this many bytes. */
  shardCacheBytes?: number;
  /**
   * How a pass over many shards (store/shard-cache.ts, `scan`) reads them: how many it reads ahead (2 when absent),
   * and whether the cache keeps the shards it has still to reach (true when absent). `{ readAhead: 0,
   * keepsShardsToScan: false }` reads as Locket did before: only for the benchmark's baseline. `usesPhraseFilters:
   * false` reads every shard a search could find words in, ignoring their phrase filters (the baseline, and tests
   * that compare the two).
   */
  shardScan?: { readAhead?: number; keepsShardsToScan?: boolean; usesPhraseFilters?: boolean };
  now?: () => number;
  /**
   * Where the highest generation seen of each vault is remembered, outside the vault folder (seen-generations.ts);
   * absent: nothing is remembered and a whole-folder rollback goes unnoticed. The service passes Locket's config folder.
   */
  seenGenerationsFile?: string;
  /**
   * False: unlocking leaves files the catalog does not reference in place (a check, which reports them, opens a
   * folder so). True when absent.
   */
  removesLeftovers?: boolean;
  /**
   * false writes catalogs and shards uncompressed, as Locket did before issue 19: only for the benchmark's baseline
   * and the test vectors of such vaults. The app and the CLI never set it.
   */
  compressFiles?: boolean;
}

export interface CreateOptions extends SessionOptions {
  kdf?: KdfParams;
  recoveryKdf?: KdfParams;
}

/**
 * An unlocked vault: its keys (vault-keys.ts), the decrypted catalog and a budgeted cache of decrypted shards.
 * Reads go through the `VaultReader` methods; every change goes through `write`, which commits or leaves the
 * vault exactly as it was (FORMAT.md, "Commits").
 */
export class VaultSession implements VaultReader {
  private catalogDb: Database;
  private readonly cache: ShardCache;
  private readonly store: ShardStore;
  private queue: Promise<unknown> = Promise.resolve();
  /** Writes and `whileNoWrites` tasks running or waiting their turn, and changes running (`asChange`). */
  private queued = 0;
  /** While a change has the vault to itself (`alone`): why other long changes are refused meanwhile. */
  private aloneRefusal: string | null = null;
  private activeWriter: VaultWriter | null = null;
  private readonly runKdf: KdfRunner;
  private readonly now: () => number;
  /** What the cleanup at unlock left in place, and why (leftover-files.ts). */
  cleanupSkipped: CleanupSkip[] = [];
  /** Set at unlock when the whole vault folder is older than this computer saw it before (seen-generations.ts). */
  rollbackWarning: string | null = null;
  /** Set at unlock instead of `rollbackWarning` when the folder is a backup this computer made (seen-generations.ts). */
  backupNote: string | null = null;
  private readonly seenGenerationsFile: string | undefined;
  private readonly swap: PendingSwap = { isPromotePending: false };

  private constructor(
    private readonly keys: VaultKeys,
    catalogDb: Database,
    private readonly releaseLock: () => Promise<void>,
    options: SessionOptions,
  ) {
    this.catalogDb = catalogDb;
    this.runKdf = options.runKdf ?? runKdfInProcess;
    this.now = options.now ?? Date.now;
    this.seenGenerationsFile = options.seenGenerationsFile;
    const currentCatalog = () => this.catalogDb;
    this.cache = new ShardCache(
      keys,
      currentCatalog,
      options.shardCacheBytes ?? DEFAULT_SHARD_CACHE_BYTES,
      options.shardScan?.readAhead,
      options.shardScan?.keepsShardsToScan,
      options.shardScan?.usesPhraseFilters,
    );
    this.store = new ShardStore(
      keys,
      this.cache,
      currentCatalog,
      options.shardBudgetBytes ?? DEFAULT_SHARD_BUDGET_BYTES,
      this.now,
    );
  }

  // ---------------------------------------------------------------- lifecycle

  /** Creates a vault in an empty or missing folder. Returns the session and the recovery code (shown once). */
  static async create(
    dirInput: string,
    passphrase: string,
    options: CreateOptions = {},
  ): Promise<{ session: VaultSession; recoveryCode: string }> {
    const dir = resolve(dirInput);
    await assertCreatable(dir);
    const sodium = await loadSodium();
    const runKdf = options.runKdf ?? runKdfInProcess;
    const now = options.now ?? Date.now;
    const root = sodium.randombytes_buf(32);
    const keys = await deriveRootKeys(root);
    const recoveryCode = generateRecoveryCode();
    const base = { version: FORMAT_VERSION, vaultId: sodium.randombytes_buf(16), createdAt: now() };
    const slots = [
      await sealSlot(SLOT_PASSPHRASE, secretBytes(passphrase), options.kdf ?? KDF_STRENGTHS.moderate, root, runKdf),
      await sealSlot(
        SLOT_RECOVERY,
        secretBytes(normalizeRecoveryCode(recoveryCode)!),
        options.recoveryKdf ?? KDF_STRENGTHS.interactive,
        root,
        runKdf,
      ),
    ] as VaultHeader['slots'];
    const header = await signHeader({ ...base, slots }, keys);

    await fs.mkdir(join(dir, SHARDS_DIR), { recursive: true, mode: DIR_MODE });
    await fs.mkdir(join(dir, MEDIA_DIR), { recursive: true, mode: DIR_MODE });
    const releaseLock = await acquireVaultLock(dir);
    const SQL = await loadSqlJs();
    const catalog = tuneInMemoryDatabase(new SQL.Database());
    try {
      migrate(catalog, catalogMigrations, 'catalog');
      const vaultKeys = new VaultKeys(dir, header, keys, options.compressFiles ?? true);
      await vaultKeys.addSigningKey(catalog, base.createdAt);
      setSetting(catalog, 'generation', 0);
      setSetting(catalog, 'nextMessageId', 1);
      setSetting(catalog, 'autoLockMinutes', 10);
      const session = new VaultSession(vaultKeys, catalog, releaseLock, options);
      // The catalog goes first: a folder with a catalog but no header is not a vault, never half of one.
      const sealed = await sealCatalogFile(vaultKeys, catalog);
      await replaceAtomically(dir, CATALOG_FILE, sealed);
      vaultKeys.header = await signHeader({ ...base, slots, catalog: bindingOf(sealed, 0) }, keys);
      await replaceAtomically(dir, HEADER_FILE, encodeHeader(vaultKeys.header));
      await session.rememberGeneration();
      return { session, recoveryCode };
    } catch (error) {
      catalog.close();
      await wipeRootKeys(keys);
      await releaseLock();
      throw error;
    }
  }

  /** Unlocks a vault with its passphrase or recovery code. Either the whole vault opens or nothing does. */
  static async open(dirInput: string, secret: VaultSecret, options: SessionOptions = {}): Promise<VaultSession> {
    const dir = resolve(dirInput);
    const header = await readHeader(dir);
    const keys = await unlockHeader(header, secret, options.runKdf ?? runKdfInProcess);
    let releaseLock: (() => Promise<void>) | null = null;
    try {
      releaseLock = await acquireVaultLock(dir);
      // A bound header names its catalog (FORMAT.md, "Catalog binding"); one written before the binding existed is
      // settled as before and bound at the next commit.
      if (header.catalog) await settleBoundCatalog(dir, { ...header, catalog: header.catalog });
      else await settlePendingRekey(dir, header, keys);
      const catalog = await readCatalog(dir, header, keys);
      const session = new VaultSession(
        new VaultKeys(dir, header, keys, options.compressFiles ?? true),
        catalog,
        releaseLock,
        options,
      );
      await session.checkSeenGeneration();
      // A check or a restore reads the folder as it is: no cleanup, and no first count written into it.
      if (options.removesLeftovers !== false) {
        session.cleanupSkipped = await removeLeftoverFiles(dir, catalog);
        const hasCommitted = await session.countShardsOnce();
        if (!hasCommitted && wasCompactedByMigration(catalog)) await session.commitConversion();
      }
      return session;
    } catch (error) {
      await wipeRootKeys(keys);
      await releaseLock?.();
      throw error;
    }
  }

  /**
   * Counts, once, what the shards written before catalog migration 0006 hold per conversation (store/shard-counts.ts),
   * and those whose counts do not match their message count, reading each of them once, in a write of its own. Best
   * effort: until it succeeds, a wipe preview reads those shards instead, as it did before the counts existed, so a
   * vault that cannot be written here still opens.
   */
  private async countShardsOnce(): Promise<boolean> {
    const pending = new Set(uncountedShardIds(this.catalogDb));
    if (!pending.size) return false;
    return this.write(async (writer) => {
      for (const entry of this.listShards())
        if (pending.has(entry.fileId)) recordShardCounts(writer.catalog, entry.fileId, await this.shard(entry));
      return true;
    }).catch(() => false);
  }

  /**
   * Commits a catalog a migration converted at this unlock (catalog migration 0009 packs the per-shard counts: 4 s
   * for a 10M-message vault), so the next unlock does not convert it again. Best effort, like `countShardsOnce`: a
   * vault that cannot be written here still opens, and converts again next time.
   */
  private async commitConversion(): Promise<void> {
    await this.write(() => undefined).catch(() => undefined);
  }

  get isUnlocked(): boolean {
    return this.keys.isUnlocked;
  }

  /**
   * Warns when the folder is older than the generation remembered for this vault, then remembers this one. A
   * generation this computer wrote as a backup gets a note instead: opening a backup is not a rollback.
   */
  private async checkSeenGeneration(): Promise<void> {
    if (!this.seenGenerationsFile) return;
    const seen = await seenGeneration(this.seenGenerationsFile, this.vaultId);
    if (seen !== null && this.generation < seen) {
      if (await isBackupGeneration(this.seenGenerationsFile, this.vaultId, this.generation))
        this.backupNote = backupNote(this.generation, seen);
      else this.rollbackWarning = rollbackWarning(this.dir, this.generation, seen, this.seenGenerationsFile);
    }
    await this.rememberGeneration();
  }

  /** Remembers, outside the vault, that a backup folder now holds `generation` (seen-generations.ts). */
  async rememberBackup(generation: number): Promise<void> {
    if (this.seenGenerationsFile)
      await rememberBackupGeneration(this.seenGenerationsFile, this.vaultId, generation, this.now());
  }

  /** The record of generations seen, outside the vault folder, when this session keeps one. */
  get seenGenerationsRecord(): string | undefined {
    return this.seenGenerationsFile;
  }

  private async rememberGeneration(): Promise<void> {
    if (this.seenGenerationsFile)
      await rememberGeneration(this.seenGenerationsFile, this.vaultId, this.generation, this.now());
  }

  get dir(): string {
    return this.keys.dir;
  }

  get vaultId(): string {
    return this.keys.vaultId;
  }

  get createdAt(): number {
    return this.keys.header.createdAt;
  }

  get kdf(): KdfParams {
    return this.keys.header.slots[0].params;
  }

  /** Wipes the keys, closes every database and releases the folder. Safe to call twice. */
  async lock(): Promise<void> {
    if (!this.keys.isUnlocked) return;
    await this.queue.catch(() => undefined);
    const wiped = this.keys.wipe();
    this.cache.closeAll();
    this.catalogDb.close();
    await wiped;
    await this.releaseLock();
  }

  /** Re-wraps the root key under a new passphrase. Rewrites only the header. */
  async changePassphrase(current: VaultSecret, newPassphrase: string, kdf: KdfParams = this.kdf): Promise<void> {
    await this.serialized(() => changePassphrase(this.keys, current, newPassphrase, kdf, this.runKdf));
  }

  /**
   * Replaces the root key itself (rekey.ts): every wrapped key is re-wrapped, the header gets the new passphrase and
   * a new recovery code, returned to be shown once. An old header copy then no longer opens the vault.
   */
  async replaceRootKey(
    current: VaultSecret,
    newPassphrase: string,
    kdf: KdfParams = this.kdf,
  ): Promise<{ recoveryCode: string }> {
    return this.serialized(async () => {
      const install = (rekeyed: Database) => {
        this.catalogDb.close();
        this.catalogDb = rekeyed;
      };
      const recoveryCode = await replaceRootKey(
        this.keys,
        this.catalogDb,
        install,
        current,
        newPassphrase,
        kdf,
        this.runKdf,
      );
      return { recoveryCode };
    });
  }

  // ---------------------------------------------------------------- reading

  /** The decrypted catalog. Read from it freely; change it only inside `write` (the writer's catalog is writable). */
  get catalog(): ReadOnlyDatabase {
    this.keys.require();
    return this.catalogDb;
  }

  setting<T>(key: string, fallback: T): T {
    return readSetting(this.catalog, key, fallback);
  }

  get generation(): number {
    return this.setting('generation', 0);
  }

  listShards(): ShardEntry[] {
    return listShardEntries(this.catalog);
  }

  isShardLoaded(entry: ShardEntry): boolean {
    return this.cache.has(entry.fileId);
  }

  async shard(entry: ShardEntry): Promise<ReadOnlyDatabase> {
    return (await this.cache.load(entry)).db;
  }

  async *eachShard(
    entries: readonly ShardEntry[],
    options?: ShardPassOptions,
  ): AsyncGenerator<{ entry: ShardEntry; db: ReadOnlyDatabase }> {
    for await (const loaded of this.cache.scan(entries, options)) yield { entry: loaded.entry, db: loaded.db };
  }

  get signingPublicKey(): Uint8Array {
    return signingPublicKey(this.catalog);
  }

  sign(message: Uint8Array): Promise<Uint8Array> {
    return this.keys.sign(this.catalog, message);
  }

  readMediaFile(fileId: string): Promise<Uint8Array> {
    return readMediaFile(this.keys, this.catalogDb, fileId);
  }

  mediaChunks(fileId: string): AsyncGenerator<Uint8Array> {
    return mediaChunks(this.keys, this.catalogDb, fileId);
  }

  /** The keyed hash media are deduplicated by (media-store.ts). */
  mediaHash(bytes: Uint8Array): Promise<string> {
    return mediaHash(this.keys, this.catalogDb, bytes);
  }

  /** The same keyed hash as `mediaHash`, fed a chunk at a time. */
  mediaHasher(): Promise<MediaHasher> {
    return mediaHasher(this.keys, this.catalogDb);
  }

  /** Decrypts every file the catalog references. Throws vault-corrupt naming the first damaged one. */
  async verifyAllFiles(): Promise<{ shards: number; mediaFiles: number }> {
    this.keys.require();
    const shards = this.listShards();
    for (const entry of shards) {
      if (!this.cache.has(entry.fileId)) {
        const db = await this.cache.decrypt(entry);
        db.close();
      }
    }
    const media = all<{ file_id: string }>(this.catalog, 'SELECT file_id FROM media');
    // Streamed: a large video is checked without being held in memory whole.
    for (const item of media) for await (const chunk of this.mediaChunks(item.file_id)) void chunk;
    return { shards: shards.length, mediaFiles: media.length };
  }

  /**
   * Decrypts a shard from its file into a database of its own (the caller closes it), never from the cache, with the
   * phrase filter the file holds (null for none).
   */
  decryptShardFile(entry: ShardEntry): Promise<{ db: Database; filter: Uint8Array | null }> {
    return this.cache.decryptWithFilter(entry);
  }

  /**
   * Runs `task` while no write runs and none starts: every file the catalog references stays as it is (a backup
   * copies them). Writes asked for meanwhile wait for it.
   */
  whileNoWrites<T>(task: () => Promise<T>): Promise<T> {
    if (this.aloneRefusal) return Promise.reject(new LocketError('vault-busy', this.aloneRefusal));
    return this.serialized(async () => {
      this.keys.require();
      return task();
    });
  }

  get unindexedMessageCount(): number {
    return one<{ n: number | null }>(this.catalog, 'SELECT sum(unindexed_count) AS n FROM shards')?.n ?? 0;
  }

  // ---------------------------------------------------------------- writing

  get isWriting(): boolean {
    return this.activeWriter !== null;
  }

  /** A write or a `whileNoWrites` task (a backup's copy) runs or waits its turn, or a change runs (`asChange`). */
  get isBusy(): boolean {
    return this.queued > 0;
  }

  /**
   * Runs `work`, a change that does work of its own before it writes (an import hashes and reads its sources first),
   * counted in `isBusy` from its start, not only once its write is queued.
   */
  async asChange<T>(work: () => Promise<T>): Promise<T> {
    if (this.aloneRefusal) throw new LocketError('vault-busy', this.aloneRefusal);
    this.queued++;
    try {
      return await work();
    } finally {
      this.queued--;
    }
  }
  /**
   * Runs `work`, a change that needs the vault to itself for a long time (compaction rewrites every shard). It starts
   * only when no write or change runs or waits (else `vault-busy` with `busy`), and while it runs every other long
   * change (`asChange`: an import, a wipe; `whileNoWrites`: a backup's copy) is refused with `refusal` rather than
   * queued behind it, so the person sees why theirs does not start. Short writes (a tag, a hold) wait their turn.
   */
  async alone<T>(messages: { busy: string; refusal: string }, work: () => Promise<T>): Promise<T> {
    if (this.aloneRefusal) throw new LocketError('vault-busy', this.aloneRefusal);
    if (this.isBusy) throw new LocketError('vault-busy', messages.busy);
    this.aloneRefusal = messages.refusal;
    try {
      return await work();
    } finally {
      this.aloneRefusal = null;
    }
  }

  /**
   * Runs `change` with a writer, then commits. If `change` or the commit fails, the vault on disk is untouched
   * and the session's view is reloaded from it. Writes run one at a time.
   */
  write<T>(change: (writer: VaultWriter) => Promise<T> | T): Promise<T> {
    return this.serialized(async () => {
      this.keys.require();
      const writer = new VaultWriter(this.keys, this.store, () => this.catalogDb);
      this.activeWriter = writer;
      this.store.activeWrite = writer.files;
      try {
        const result = await change(writer);
        await this.commit(writer);
        return result;
      } catch (error) {
        await this.rollback(writer);
        throw error;
      } finally {
        this.activeWriter = null;
        this.store.activeWrite = null;
      }
    });
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const next = this.queue.then(task, task).finally(() => this.queued--);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commit(writer: VaultWriter): Promise<void> {
    await this.store.flushChanged(writer.files);
    setSetting(this.catalogDb, 'generation', this.setting('generation', 0) + 1);
    await commitCatalog(this.keys, this.catalogDb, this.generation, this.swap); // holds the commit point
    await this.rememberGeneration();
    this.cache.evict();
    for (const relPath of writer.files.superseded) {
      // Best effort: a file left behind here is unreferenced and is removed at the next unlock.
      await shredVaultFile(this.dir, relPath).catch(() => undefined);
    }
  }

  private async rollback(writer: VaultWriter): Promise<void> {
    await this.store.dropChanges(writer.files);
    const file = this.swap.isPromotePending ? NEXT_CATALOG_FILE : CATALOG_FILE;
    const reloaded = await readCatalog(this.dir, this.keys.header, this.keys.require(), file);
    this.catalogDb.close();
    this.catalogDb = reloaded;
  }
}
