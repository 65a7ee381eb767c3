import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database, Statement } from 'sql.js';
import type { KdfParams } from '../../ipc/contract';
import { LocketError } from '../errors';
import { compactShardIndex, countUnindexed, indexNextMessages } from '../search/index-shard';
import { catalogMigrations } from '../store/migrations';
import { migrate } from '../store/migrate';
import { shardMigrations } from '../store/shard-migrations';
import { all, loadSqlJs, one, run } from '../store/sqlite';
import {
  FileKind,
  KEY_KIND_SIGNING,
  embeddedWrappedKey,
  openBuffer,
  sealBuffer,
  unwrapKey,
  wrapKey,
  type FileIdentity,
} from './envelope';
import { SealedFileWriter, openSealedFile } from './envelope-stream';
import {
  FORMAT_VERSION,
  SLOT_PASSPHRASE,
  SLOT_RECOVERY,
  bindingOf,
  deriveRootKeys,
  encodeHeader,
  matchesBinding,
  openHeader,
  parseHeader,
  sealSlot,
  signHeader,
  wipeRootKeys,
  type RootKeys,
  type VaultHeader,
} from './header';
import { mismatchError, settleBoundCatalog } from './catalog-binding';
import { rememberGeneration, rollbackWarning, seenGeneration } from './seen-generations';
import { KDF_STRENGTHS, runKdfInProcess, type KdfRunner } from './kdf';
import { removeLeftoverFiles, type CleanupSkip } from './leftover-files';
import { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';
import {
  NEXT_CATALOG_FILE,
  assertSecretOpens,
  mediaHashKey,
  promoteNextCatalog,
  rekeyVault,
  settlePendingRekey,
} from './rekey';
import { loadSodium } from './sodium';
import {
  CATALOG_FILE,
  DIR_MODE,
  HEADER_FILE,
  LOCK_FILE,
  MEDIA_DIR,
  SHARDS_DIR,
  mediaPath,
  readFileOrCorrupt,
  replaceAtomically,
  shardPath,
  shredVaultFile,
  syncDirectory,
  writeDurable,
} from './vault-files';
import { acquireVaultLock } from './vault-lock';

/** Shards cover [start, end) in seconds; the first shard covers every representable time. */
export const TIME_MIN = -Number.MAX_SAFE_INTEGER;
export const TIME_MAX = Number.MAX_SAFE_INTEGER;
export const DEFAULT_SHARD_BUDGET_BYTES = 16 * 1024 * 1024;
const DEFAULT_SHARD_CACHE_BYTES = 256 * 1024 * 1024;
/**
 * How much a shard's content grows when its messages are indexed (see projectedShardBytes). Measured: 15% for the
 * import bench's rows, which carry their source row as JSON, up to 77% for short text-only rows. The upper end is
 * taken: a shard indexed after its import is then never split again at its median (slow), at the cost of shards
 * about a third under budget on row-heavy imports.
 */
const INDEX_GROWTH = 0.8;
const SIGNING_KEY_NAME = 'evidence-signing';
const NO_FILE_ID = new Uint8Array(16);

export type VaultSecret = { passphrase: string } | { recoveryCode: string };

export interface SessionOptions {
  runKdf?: KdfRunner;
  /** A shard whose database grows past this many bytes is split at its median time. */
  shardBudgetBytes?: number;
  /** Clean shards stay decrypted in memory up to this many bytes. */
  shardCacheBytes?: number;
  now?: () => number;
  /**
   * Where the highest generation seen of each vault is remembered, outside the vault folder (seen-generations.ts);
   * absent: nothing is remembered and a whole-folder rollback goes unnoticed. The service passes Locket's config folder.
   */
  seenGenerationsFile?: string;
}

export interface CreateOptions extends SessionOptions {
  kdf?: KdfParams;
  recoveryKdf?: KdfParams;
}

export interface ShardEntry {
  fileId: string;
  startTime: number;
  endTime: number;
  messageCount: number;
  byteSize: number;
}

/** A message as a shard stores it. `sourceId` is WeChat's 64-bit id as a decimal string. */
export interface StoredMessage {
  conversationId: number;
  dedupeKey: string;
  sourceId: string | null;
  sender: string | null;
  isSent: boolean;
  time: number;
  kind: string;
  text: string;
  payload: string | null;
  /** The source row as JSON text (importing/pipeline/import-sources.ts). */
  raw: string | null;
  mediaId: string | null;
  importId: number | null;
}

/** What another source says of a stored message whose own source could only guess its direction. */
export interface DirectionSettled {
  id: number;
  time: number;
  isSent: boolean;
  sender: string | null;
}

/** A stored message found at a (conversation, time) point: what cross-source matching compares. */
export interface StoredAtPoint {
  id: number;
  conversationId: number;
  time: number;
  isSent: boolean;
  kind: string;
  text: string;
  hasSourceId: boolean;
  /** The source that stored it could not tell sent from received. */
  isDirectionGuessed: boolean;
}

/** @internal */
export interface LoadedShard {
  entry: ShardEntry;
  db: Database;
  /** Serialized size when loaded or last written; what the cache budget counts. */
  bytes: number;
  isDirty: boolean;
  /** False for a shard created in this write that has no file yet. */
  hasFile: boolean;
  /**
   * A changed shard holds its changes in one open SQLite transaction until it is flushed: without it every
   * insert would commit on its own, about 6x slower.
   */
  isInTransaction?: boolean;
  /** Rows were deleted: VACUUM before export, so the written file holds no free pages. */
  needsVacuum?: boolean;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function unhex(id: string): Uint8Array {
  return new Uint8Array(Buffer.from(id, 'hex'));
}

function secretBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text.normalize('NFC'));
}

/**
 * An unlocked vault: the root keys, the decrypted catalog and a budgeted cache of decrypted shards.
 * Reads go through `catalog` and `shard*`; every change goes through `write`, which commits or leaves the
 * vault exactly as it was (FORMAT.md, "Commits").
 */
export class VaultSession {
  private keys: RootKeys | null;
  private catalogDb: Database;
  private readonly shards = new Map<string, LoadedShard>();
  private readonly loadingShards = new Map<string, Promise<LoadedShard>>();
  /** Shards handed out since the event loop last turned: eviction leaves them open (see handOut). */
  private readonly handedOut = new Set<LoadedShard>();
  private queue: Promise<unknown> = Promise.resolve();
  private activeWriter: VaultWriter | null = null;
  private mediaHashKey: Uint8Array | null = null;
  private readonly runKdf: KdfRunner;
  private readonly shardBudgetBytes: number;
  private readonly shardCacheBytes: number;
  private readonly now: () => number;
  /** What the cleanup at unlock left in place, and why (leftover-files.ts). */
  cleanupSkipped: CleanupSkip[] = [];
  /** Set at unlock when the whole vault folder is older than this computer saw it before (seen-generations.ts). */
  rollbackWarning: string | null = null;
  private readonly seenGenerationsFile: string | undefined;
  /** A commit passed its commit point but `catalog.lkt.next` could not take `catalog.lkt`'s place yet. */
  private isPromotePending = false;

  private constructor(
    readonly dir: string,
    private header: VaultHeader,
    keys: RootKeys,
    catalogDb: Database,
    private readonly releaseLock: () => Promise<void>,
    options: SessionOptions,
  ) {
    this.keys = keys;
    this.catalogDb = catalogDb;
    this.runKdf = options.runKdf ?? runKdfInProcess;
    this.shardBudgetBytes = options.shardBudgetBytes ?? DEFAULT_SHARD_BUDGET_BYTES;
    this.shardCacheBytes = options.shardCacheBytes ?? DEFAULT_SHARD_CACHE_BYTES;
    this.now = options.now ?? Date.now;
    this.seenGenerationsFile = options.seenGenerationsFile;
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
      const signing = sodium.crypto_sign_keypair();
      run(catalog, 'INSERT INTO keys (name, public_key, wrapped_secret, created_at) VALUES (?, ?, ?, ?)', [
        SIGNING_KEY_NAME,
        signing.publicKey,
        await wrapKey(keys.wrap, signing.privateKey, header.vaultId, KEY_KIND_SIGNING, NO_FILE_ID),
        base.createdAt,
      ]);
      sodium.memzero(signing.privateKey);
      setSetting(catalog, 'generation', 0);
      setSetting(catalog, 'nextMessageId', 1);
      setSetting(catalog, 'autoLockMinutes', 10);
      const session = new VaultSession(dir, header, keys, catalog, releaseLock, options);
      // The catalog goes first: a folder with a catalog but no header is not a vault, never half of one.
      const sealed = await session.sealCatalogFile();
      await replaceAtomically(dir, CATALOG_FILE, sealed);
      session.header = await signHeader({ ...base, slots, catalog: bindingOf(sealed, 0) }, keys);
      await replaceAtomically(dir, HEADER_FILE, encodeHeader(session.header));
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
    const runKdf = options.runKdf ?? runKdfInProcess;
    let keys: RootKeys;
    if ('passphrase' in secret) {
      keys = await openHeader(header, SLOT_PASSPHRASE, secretBytes(secret.passphrase), runKdf);
    } else {
      const code = normalizeRecoveryCode(secret.recoveryCode);
      if (!code)
        throw new LocketError(
          'wrong-recovery-code',
          'That is not a recovery code: it has 32 letters and digits, like ABCD-EFGH-….',
        );
      keys = await openHeader(header, SLOT_RECOVERY, secretBytes(code), runKdf);
    }
    let releaseLock: (() => Promise<void>) | null = null;
    try {
      releaseLock = await acquireVaultLock(dir);
      // A bound header names its catalog (FORMAT.md, "Catalog binding"); one written before the binding existed is
      // settled as before and bound at the next commit.
      if (header.catalog) await settleBoundCatalog(dir, { ...header, catalog: header.catalog });
      else await settlePendingRekey(dir, header, keys);
      const catalog = await readCatalog(dir, header, keys);
      const session = new VaultSession(dir, header, keys, catalog, releaseLock, options);
      await session.checkSeenGeneration();
      session.cleanupSkipped = await removeLeftoverFiles(dir, catalog);
      return session;
    } catch (error) {
      await wipeRootKeys(keys);
      await releaseLock?.();
      throw error;
    }
  }

  get isUnlocked(): boolean {
    return this.keys !== null;
  }

  /** Warns when the folder is older than the generation remembered for this vault, then remembers this one. */
  private async checkSeenGeneration(): Promise<void> {
    if (!this.seenGenerationsFile) return;
    const seen = await seenGeneration(this.seenGenerationsFile, this.vaultId);
    if (seen !== null && this.generation < seen)
      this.rollbackWarning = rollbackWarning(this.dir, this.generation, seen, this.seenGenerationsFile);
    await this.rememberGeneration();
  }

  private async rememberGeneration(): Promise<void> {
    if (this.seenGenerationsFile)
      await rememberGeneration(this.seenGenerationsFile, this.vaultId, this.generation, this.now());
  }

  get vaultId(): string {
    return hex(this.header.vaultId);
  }

  get createdAt(): number {
    return this.header.createdAt;
  }

  get kdf(): KdfParams {
    return this.header.slots[0].params;
  }

  /** Wipes the keys, closes every database and releases the folder. Safe to call twice. */
  async lock(): Promise<void> {
    if (!this.keys) return;
    await this.queue.catch(() => undefined);
    const keys = this.keys;
    this.keys = null;
    if (this.mediaHashKey) (await loadSodium()).memzero(this.mediaHashKey);
    this.mediaHashKey = null;
    for (const shard of this.shards.values()) shard.db.close();
    this.shards.clear();
    this.catalogDb.close();
    await wipeRootKeys(keys);
    await this.releaseLock();
  }

  /** Re-wraps the root key under a new passphrase. Rewrites only the header. */
  async changePassphrase(current: VaultSecret, newPassphrase: string, kdf: KdfParams = this.kdf): Promise<void> {
    await this.serialized(async () => {
      const keys = this.requireKeys();
      if ('passphrase' in current) {
        const check = await openHeader(this.header, SLOT_PASSPHRASE, secretBytes(current.passphrase), this.runKdf);
        await wipeRootKeys(check);
      } else {
        const code = normalizeRecoveryCode(current.recoveryCode);
        if (!code) throw new LocketError('wrong-recovery-code', 'That is not a recovery code.');
        await wipeRootKeys(await openHeader(this.header, SLOT_RECOVERY, secretBytes(code), this.runKdf));
      }
      const slot = await sealSlot(SLOT_PASSPHRASE, secretBytes(newPassphrase), kdf, keys.root, this.runKdf);
      const next = await signHeader({ ...this.header, slots: [slot, this.header.slots[1]] }, keys);
      await replaceAtomically(this.dir, HEADER_FILE, encodeHeader(next));
      this.header = next;
    });
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
      const keys = this.requireKeys();
      await assertSecretOpens(this.header, current, this.runKdf);
      const catalog = tuneInMemoryDatabase(new (await loadSqlJs()).Database(this.catalogDb.export()));
      tuneInMemoryDatabase(this.catalogDb);
      const next = await rekeyVault({
        dir: this.dir,
        header: this.header,
        keys,
        catalog,
        newPassphrase,
        kdf,
        recoveryKdf: this.header.slots[1].params,
        runKdf: this.runKdf,
      });
      this.catalogDb.close();
      this.catalogDb = catalog;
      this.header = next.header;
      this.keys = next.keys;
      if (this.mediaHashKey) (await loadSodium()).memzero(this.mediaHashKey);
      this.mediaHashKey = null;
      await wipeRootKeys(keys);
      return { recoveryCode: next.recoveryCode };
    });
  }

  // ---------------------------------------------------------------- reading

  /** The decrypted catalog. Read from it freely; change it only inside `write`. */
  get catalog(): Database {
    this.requireKeys();
    return this.catalogDb;
  }

  setting<T>(key: string, fallback: T): T {
    const row = one<{ value: string }>(this.catalog, 'SELECT value FROM settings WHERE key = ?', [key]);
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  get generation(): number {
    return this.setting('generation', 0);
  }

  listShards(): ShardEntry[] {
    return all<{ file_id: string; start_time: number; end_time: number; message_count: number; byte_size: number }>(
      this.catalog,
      'SELECT file_id, start_time, end_time, message_count, byte_size FROM shards ORDER BY start_time',
    ).map(shardEntryFromRow);
  }

  /** Whether a shard is decrypted in memory now: a pass over many shards can take those first, before they are evicted. */
  isShardLoaded(entry: ShardEntry): boolean {
    return this.shards.has(entry.fileId);
  }

  /** The decrypted database of one shard, loaded on first use and kept within the cache budget. */
  async shard(entry: ShardEntry): Promise<Database> {
    return (await this.loadShard(entry)).db;
  }

  /** The vault's Ed25519 evidence-signing public key (signs wipe certificates, the audit head, exports). */
  get signingPublicKey(): Uint8Array {
    const row = one<{ public_key: Uint8Array }>(this.catalog, 'SELECT public_key FROM keys WHERE name = ?', [
      SIGNING_KEY_NAME,
    ]);
    if (!row) throw new LocketError('vault-corrupt', 'The vault has no signing key.', { file: CATALOG_FILE });
    return row.public_key;
  }

  /** A detached Ed25519 signature by the vault's signing key; the secret key is unwrapped only for this call. */
  async sign(message: Uint8Array): Promise<Uint8Array> {
    const keys = this.requireKeys();
    const sodium = await loadSodium();
    const row = one<{ wrapped_secret: Uint8Array }>(this.catalog, 'SELECT wrapped_secret FROM keys WHERE name = ?', [
      SIGNING_KEY_NAME,
    ]);
    if (!row) throw new LocketError('vault-corrupt', 'The vault has no signing key.', { file: CATALOG_FILE });
    const secret = await unwrapKey(
      keys.wrap,
      row.wrapped_secret,
      this.header.vaultId,
      KEY_KIND_SIGNING,
      NO_FILE_ID,
      CATALOG_FILE,
    );
    try {
      return sodium.crypto_sign_detached(message, secret);
    } finally {
      sodium.memzero(secret);
    }
  }

  /** Decrypts one media item. */
  async readMediaFile(fileId: string): Promise<Uint8Array> {
    const { identity, key } = await this.unwrapMediaKey(fileId);
    try {
      return await openBuffer(await readFileOrCorrupt(join(this.dir, identity.label), identity.label), identity, key);
    } finally {
      (await loadSodium()).memzero(key);
    }
  }

  /** Decrypts every file the catalog references. Throws vault-corrupt naming the first damaged one. */
  async verifyAllFiles(): Promise<{ shards: number; mediaFiles: number }> {
    this.requireKeys();
    const shards = this.listShards();
    for (const entry of shards) {
      if (!this.shards.has(entry.fileId)) {
        const db = await this.decryptShard(entry);
        db.close();
      }
    }
    const media = all<{ file_id: string }>(this.catalog, 'SELECT file_id FROM media');
    // Streamed: a large video is checked without being held in memory whole.
    for (const item of media) for await (const chunk of this.mediaChunks(item.file_id)) void chunk;
    return { shards: shards.length, mediaFiles: media.length };
  }

  /** Decrypts one media item a chunk (64 KiB) at a time, with every check `readMediaFile` makes. */
  async *mediaChunks(fileId: string): AsyncGenerator<Uint8Array> {
    const { identity, key } = await this.unwrapMediaKey(fileId);
    try {
      yield* openSealedFile(join(this.dir, identity.label), identity, key);
    } finally {
      (await loadSodium()).memzero(key);
    }
  }

  /** A media item's identity and its file key, unwrapped: the caller wipes the key when done. */
  private async unwrapMediaKey(fileId: string): Promise<{ identity: FileIdentity; key: Uint8Array }> {
    const keys = this.requireKeys();
    const row = one<{ wrapped_key: Uint8Array }>(this.catalog, 'SELECT wrapped_key FROM media WHERE file_id = ?', [
      fileId,
    ]);
    if (!row) throw new LocketError('invalid-argument', `Media ${fileId} is not in this vault.`);
    const identity = this.identity(FileKind.media, fileId, mediaPath(fileId));
    const key = await unwrapKey(
      keys.wrap,
      row.wrapped_key,
      identity.vaultId,
      identity.kind,
      identity.fileId,
      identity.label,
    );
    return { identity, key };
  }

  // ---------------------------------------------------------------- writing

  /** Whether a write is under way: what a reader sees now may yet be rolled back. */
  get isWriting(): boolean {
    return this.activeWriter !== null;
  }

  /**
   * Runs `change` with a writer, then commits. If `change` or the commit fails, the vault on disk is untouched
   * and the session's view is reloaded from it. Writes run one at a time.
   */
  write<T>(change: (writer: VaultWriter) => Promise<T> | T): Promise<T> {
    return this.serialized(async () => {
      this.requireKeys();
      const writer = new VaultWriter(this);
      this.activeWriter = writer;
      try {
        const result = await change(writer);
        await this.commit(writer);
        return result;
      } catch (error) {
        await this.rollback(writer);
        throw error;
      } finally {
        this.activeWriter = null;
      }
    });
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** @internal used by VaultWriter */
  async shardForTime(time: number, writer: VaultWriter): Promise<LoadedShard> {
    if (writer !== this.activeWriter) throw new Error('writer used outside its write');
    const row = one<{
      file_id: string;
      start_time: number;
      end_time: number;
      message_count: number;
      byte_size: number;
    }>(
      this.catalogDb,
      'SELECT file_id, start_time, end_time, message_count, byte_size FROM shards WHERE start_time <= ? AND end_time > ?',
      [time, time],
    );
    if (row) return beginChange(await this.loadShard(shardEntryFromRow(row)));
    if (one(this.catalogDb, 'SELECT 1 FROM shards LIMIT 1')) {
      throw new LocketError(
        'vault-corrupt',
        `The shard directory has no shard for time ${time}. Restore the vault folder from a backup.`,
        { file: CATALOG_FILE },
      );
    }
    // The first message of a vault: one shard for all of time.
    const SQL = await loadSqlJs();
    const db = tuneInMemoryDatabase(new SQL.Database());
    migrate(db, shardMigrations, 'shard');
    const entry: ShardEntry = {
      fileId: hex(randomBytes(16)),
      startTime: TIME_MIN,
      endTime: TIME_MAX,
      messageCount: 0,
      byteSize: 0,
    };
    run(
      this.catalogDb,
      'INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at) VALUES (?, ?, ?, 0, 0, ?, ?)',
      [entry.fileId, entry.startTime, entry.endTime, new Uint8Array(0), this.now()],
    );
    const loaded: LoadedShard = { entry, db, bytes: 0, isDirty: true, hasFile: false };
    this.shards.set(entry.fileId, loaded);
    return beginChange(loaded);
  }

  /** A shard loaded and held for changes in the current write. @internal used by VaultWriter */
  async shardForChange(entry: ShardEntry, writer: VaultWriter): Promise<LoadedShard> {
    if (writer !== this.activeWriter) throw new Error('writer used outside its write');
    return beginChange(await this.loadShard(entry));
  }

  /** The catalog's entry for the shard covering `time` (not loaded); null while the vault has no shards. @internal */
  shardEntryAt(time: number): ShardEntry | null {
    const row = one<{
      file_id: string;
      start_time: number;
      end_time: number;
      message_count: number;
      byte_size: number;
    }>(
      this.catalog,
      'SELECT file_id, start_time, end_time, message_count, byte_size FROM shards WHERE start_time <= ? AND end_time > ?',
      [time, time],
    );
    return row ? shardEntryFromRow(row) : null;
  }

  /** @internal used by VaultWriter: encrypts and writes one media item now; the catalog row commits with the write. */
  async writeMediaFile(bytes: Uint8Array): Promise<{ fileId: string; wrappedKey: Uint8Array; relPath: string }> {
    const { fileId, relPath, sealed, wrappedKey } = await this.sealNewFile(FileKind.media, mediaPath, bytes);
    await fs.mkdir(join(this.dir, MEDIA_DIR, fileId.slice(0, 2)), { recursive: true, mode: DIR_MODE });
    await writeDurable(join(this.dir, relPath), sealed, relPath);
    return { fileId, wrappedKey, relPath };
  }

  /** @internal used by VaultWriter: a new media file that is encrypted as it is written (envelope-stream.ts). */
  async createMediaFile(): Promise<{
    fileId: string;
    wrappedKey: Uint8Array;
    relPath: string;
    file: SealedFileWriter;
  }> {
    const keys = this.requireKeys();
    const sodium = await loadSodium();
    const fileId = hex(sodium.randombytes_buf(16));
    const relPath = mediaPath(fileId);
    const identity = this.identity(FileKind.media, fileId, relPath);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const wrappedKey = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, identity.fileId);
      await fs.mkdir(join(this.dir, MEDIA_DIR, fileId.slice(0, 2)), { recursive: true, mode: DIR_MODE });
      return {
        fileId,
        wrappedKey,
        relPath,
        file: await SealedFileWriter.create(join(this.dir, relPath), identity, key),
      };
    } finally {
      sodium.memzero(key);
    }
  }

  private async commit(writer: VaultWriter): Promise<void> {
    for (const shard of [...this.shards.values()]) if (shard.isDirty) await this.flushShard(shard, writer);
    setSetting(this.catalogDb, 'generation', this.setting('generation', 0) + 1);
    await this.writeCatalog(); // holds the commit point
    await this.rememberGeneration();
    this.evictShards();
    for (const relPath of writer.superseded) {
      // Best effort: a file left behind here is unreferenced and is removed at the next unlock.
      await shredVaultFile(this.dir, relPath).catch(() => undefined);
    }
  }

  /**
   * Writes a changed shard to new files (split to budget) and points the in-memory catalog at them. Nothing is
   * committed: until the catalog is replaced, the new files are unreferenced on disk. Long imports flush as they
   * go, so memory stays within the shard budgets however large the import.
   * @internal used by VaultWriter and commit
   */
  async flushShard(shard: LoadedShard, writer: VaultWriter, shouldKeepLoaded = true): Promise<void> {
    endChange(shard);
    if (shard.needsVacuum) {
      shard.db.exec('VACUUM');
      shard.needsVacuum = false;
    }
    const old = shard.entry;
    this.shards.delete(old.fileId);
    const parts = await this.splitToBudget(old, shard.db);
    run(this.catalogDb, 'DELETE FROM shards WHERE file_id = ?', [old.fileId]);
    for (const part of parts) {
      const { fileId, wrappedKey } = await this.writeShardFile(part.bytes, writer);
      part.entry = { ...part.entry, fileId, byteSize: part.bytes.length };
      run(
        this.catalogDb,
        'INSERT INTO shards (file_id, start_time, end_time, message_count, byte_size, wrapped_key, written_at, unindexed_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          fileId,
          part.entry.startTime,
          part.entry.endTime,
          part.entry.messageCount,
          part.bytes.length,
          wrappedKey,
          this.now(),
          countUnindexed(part.db),
        ],
      );
    }
    if (writer.createdFiles.includes(shardPath(old.fileId))) {
      // Written earlier in this same write, never committed: nothing refers to it any more.
      await fs.rm(join(this.dir, shardPath(old.fileId)), { force: true });
    } else if (shard.hasFile) {
      writer.superseded.push(shardPath(old.fileId));
    }
    const only = parts.length === 1 && shouldKeepLoaded ? parts[0] : undefined;
    if (only) {
      this.shards.set(only.entry.fileId, {
        entry: only.entry,
        db: only.db,
        bytes: only.bytes.length,
        isDirty: false,
        hasFile: true,
      });
    } else {
      // Split parts (and shards not to keep) reload lazily from their new files.
      for (const part of parts) part.db.close();
    }
  }

  /**
   * Flushes the least recently used changed shards while the decrypted shards in memory exceed the cache budget.
   * @internal used by VaultWriter
   */
  async relieveMemory(writer: VaultWriter): Promise<void> {
    const sizeOf = (s: LoadedShard) => (s.isDirty ? this.shardByteSize(s.db) : s.bytes);
    let total = 0;
    for (const s of this.shards.values()) total += sizeOf(s);
    for (const s of [...this.shards.values()]) {
      if (total <= this.shardCacheBytes) break;
      if (!s.isDirty) continue;
      total -= sizeOf(s);
      await this.flushShard(s, writer);
    }
    this.evictShards();
  }

  /** @internal Bytes a shard's database occupies now, without exporting it. */
  shardByteSize(db: Database): number {
    const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
    const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 0);
    return pages * pageSize;
  }

  /**
   * What a shard of `bytes` will weigh once its search index is built: messages go in unindexed and the import's
   * indexing phase adds their index rows afterwards, so a shard is cut to budget by its projected size, not its size
   * now; otherwise every shard would outgrow its budget while being indexed and be split again at its median.
   * @internal
   */
  async projectedShardBytes(
    db: Database,
    bytes: number,
    counts?: { unindexed: number; messages: number },
  ): Promise<number> {
    const unindexed = counts?.unindexed ?? countUnindexed(db);
    if (unindexed === 0) return bytes;
    const count = counts?.messages ?? Number(db.exec('SELECT count(*) FROM messages')[0]?.values[0]?.[0] ?? 0);
    // Only what the messages occupy grows with an index, not the pages every shard has when empty.
    const content = Math.max(0, bytes - (await this.emptyShardBytes()));
    return bytes + Math.round(content * INDEX_GROWTH * (unindexed / Math.max(1, count)));
  }

  private emptyShardSize: number | null = null;

  private async emptyShardBytes(): Promise<number> {
    if (this.emptyShardSize === null) {
      const SQL = await loadSqlJs();
      const empty = tuneInMemoryDatabase(new SQL.Database());
      migrate(empty, shardMigrations, 'shard');
      this.emptyShardSize = this.shardByteSize(empty);
      empty.close();
    }
    return this.emptyShardSize;
  }

  /** How many messages of the vault wait for the search index, by the shard directory. */
  get unindexedMessageCount(): number {
    return one<{ n: number | null }>(this.catalog, 'SELECT sum(unindexed_count) AS n FROM shards')?.n ?? 0;
  }

  get shardBudget(): number {
    return this.shardBudgetBytes;
  }

  private async rollback(writer: VaultWriter): Promise<void> {
    const created = new Set(writer.createdFiles);
    for (const shard of [...this.shards.values()]) {
      if (shard.isDirty || created.has(shardPath(shard.entry.fileId))) {
        closeQuietly(shard.db);
        this.shards.delete(shard.entry.fileId);
      }
    }
    for (const relPath of writer.createdFiles)
      await fs.rm(join(this.dir, relPath), { force: true }).catch(() => undefined);
    const keys = this.requireKeys();
    const reloaded = await readCatalog(
      this.dir,
      this.header,
      keys,
      this.isPromotePending ? NEXT_CATALOG_FILE : CATALOG_FILE,
    );
    this.catalogDb.close();
    this.catalogDb = reloaded;
  }

  /**
   * Exports a shard, splitting it while it is over budget and splittable. When the shard's range reaches past its
   * newest message (an import appending in time order, the common case), the split costs nothing: the full shard
   * keeps its rows and ends after its newest message, and a new empty shard takes the rest of the range. Otherwise
   * it is split at its median time.
   */
  private async splitToBudget(
    entry: ShardEntry,
    db: Database,
    mayCloseAtEnd = true,
  ): Promise<{ entry: ShardEntry; db: Database; bytes: Uint8Array }[]> {
    const bytes = db.export();
    tuneInMemoryDatabase(db);
    const count = Number(db.exec('SELECT count(*) FROM messages')[0]?.values[0]?.[0] ?? 0);
    const whole = [{ entry: { ...entry, messageCount: count }, db, bytes }];
    if ((await this.projectedShardBytes(db, bytes.length)) <= this.shardBudgetBytes || count < 2) return whole;
    const SQL = await loadSqlJs();
    const newest = one<{ time: number }>(db, 'SELECT max(time) AS time FROM messages')!.time;
    // Only the newest shard (open to the end of time) takes appends; closing a shard in the middle of history at its
    // newest message would leave an empty shard between it and the next, more of them the more often sizes are checked.
    if (mayCloseAtEnd && entry.endTime === TIME_MAX && newest + 1 < entry.endTime) {
      const empty = tuneInMemoryDatabase(new SQL.Database());
      migrate(empty, shardMigrations, 'shard');
      return [
        { entry: { ...entry, endTime: newest + 1, messageCount: count }, db, bytes },
        { entry: { ...entry, startTime: newest + 1, messageCount: 0 }, db: empty, bytes: empty.export() },
      ];
    }
    const median = one<{ time: number }>(db, 'SELECT time FROM messages ORDER BY time LIMIT 1 OFFSET ?', [
      Math.floor(count / 2),
    ])!.time;
    const first = one<{ time: number }>(db, 'SELECT min(time) AS time FROM messages')!.time;
    // All messages at or after the median share its second? Split just before it instead, if anything is earlier.
    const cut =
      median > first
        ? median
        : (one<{ time: number }>(db, 'SELECT min(time) AS time FROM messages WHERE time > ?', [median])?.time ?? null);
    if (cut === null || cut <= entry.startTime) return whole;
    const low = tuneInMemoryDatabase(new SQL.Database(bytes));
    const high = tuneInMemoryDatabase(new SQL.Database(bytes));
    for (const [half, condition] of [
      [low, `time >= ${cut}`],
      [high, `time < ${cut}`],
    ] as const) {
      half.exec(`DELETE FROM messages WHERE ${condition}`);
      compactShardIndex(half);
      half.exec('VACUUM');
    }
    db.close();
    return [
      // Halves of a median split hold old messages, not appends: closing them at the end would only leave gaps.
      ...(await this.splitToBudget({ ...entry, endTime: cut }, low, false)),
      ...(await this.splitToBudget({ ...entry, startTime: cut }, high, false)),
    ];
  }

  private async writeShardFile(
    bytes: Uint8Array,
    writer: VaultWriter,
  ): Promise<{ fileId: string; wrappedKey: Uint8Array }> {
    const { fileId, relPath, sealed, wrappedKey } = await this.sealNewFile(FileKind.shard, shardPath, bytes);
    writer.createdFiles.push(relPath);
    await writeDurable(join(this.dir, relPath), sealed, relPath);
    return { fileId, wrappedKey };
  }

  /** `bytes` sealed as a new file of `kind` under a fresh random id and key; the key leaves only wrapped. */
  private async sealNewFile(
    kind: FileKind,
    pathOf: (fileId: string) => string,
    bytes: Uint8Array,
  ): Promise<{ fileId: string; relPath: string; sealed: Uint8Array; wrappedKey: Uint8Array }> {
    const keys = this.requireKeys();
    const sodium = await loadSodium();
    const fileId = hex(sodium.randombytes_buf(16));
    const relPath = pathOf(fileId);
    const identity = this.identity(kind, fileId, relPath);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const sealed = await sealBuffer(identity, key, bytes);
      const wrappedKey = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, identity.fileId);
      return { fileId, relPath, sealed, wrappedKey };
    } finally {
      // The plain key never outlives this call, even when sealing fails.
      sodium.memzero(key);
    }
  }

  /** The in-memory catalog sealed as a catalog file, under a new file key wrapped by the wrap key. */
  private async sealCatalogFile(): Promise<Uint8Array> {
    const keys = this.requireKeys();
    const sodium = await loadSodium();
    const fileId = sodium.randombytes_buf(16);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const identity = { vaultId: this.header.vaultId, kind: FileKind.catalog, fileId };
      const wrapped = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, fileId);
      const sealed = await sealBuffer(identity, key, this.catalogDb.export(), wrapped);
      tuneInMemoryDatabase(this.catalogDb);
      return sealed;
    } finally {
      sodium.memzero(key);
    }
  }

  /**
   * Commits the in-memory catalog (FORMAT.md, "Commits", step 2): the new catalog is written as `catalog.lkt.next`,
   * then a header that binds it (generation, file id, SHA-256) replaces `locket.header` (the commit point), then
   * the new catalog takes `catalog.lkt`'s place and the old one is overwritten. A failure before the header's
   * rename leaves the vault as it was; after it, the next unlock finishes the swap.
   */
  private async writeCatalog(): Promise<void> {
    const keys = this.requireKeys();
    if (this.isPromotePending) {
      await promoteNextCatalog(this.dir);
      this.isPromotePending = false;
    }
    const sealed = await this.sealCatalogFile();
    const next = await signHeader({ ...this.header, catalog: bindingOf(sealed, this.generation) }, keys);
    const encoded = encodeHeader(next);
    const nextPath = join(this.dir, NEXT_CATALOG_FILE);
    await fs.rm(nextPath, { force: true });
    await writeDurable(nextPath, sealed, NEXT_CATALOG_FILE);
    syncDirectory(this.dir);
    try {
      await replaceAtomically(this.dir, HEADER_FILE, encoded); // the commit point
    } catch (error) {
      // The rename may have happened before the error (a failed folder fsync): then the commit stands.
      const onDisk = await fs.readFile(join(this.dir, HEADER_FILE)).catch(() => null);
      if (!onDisk?.equals(encoded)) {
        await fs.rm(nextPath, { force: true }).catch(() => undefined);
        throw error;
      }
    }
    this.header = next;
    try {
      await promoteNextCatalog(this.dir);
    } catch {
      // Committed all the same: the next commit, a rollback or the next unlock finishes the swap.
      this.isPromotePending = true;
    }
  }

  private async loadShard(entry: ShardEntry): Promise<LoadedShard> {
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
    this.evictShards(entry.byteSize);
    const db = await this.decryptShard(entry);
    if (!this.keys) {
      // Locked while it was being decrypted: nothing decrypted outlives the lock.
      db.close();
      this.requireKeys();
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

  private async decryptShard(entry: ShardEntry): Promise<Database> {
    const keys = this.requireKeys();
    const relPath = shardPath(entry.fileId);
    const identity = this.identity(FileKind.shard, entry.fileId, relPath);
    const row = one<{ wrapped_key: Uint8Array }>(this.catalogDb, 'SELECT wrapped_key FROM shards WHERE file_id = ?', [
      entry.fileId,
    ]);
    if (!row) throw new Error(`shard ${entry.fileId} is not in the catalog`);
    const key = await unwrapKey(keys.wrap, row.wrapped_key, identity.vaultId, identity.kind, identity.fileId, relPath);
    const plain = await openBuffer(await readFileOrCorrupt(join(this.dir, relPath), relPath), identity, key);
    (await loadSodium()).memzero(key);
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
  private evictShards(room = 0): void {
    let total = room;
    for (const s of this.shards.values()) total += s.bytes;
    for (const [id, s] of this.shards) {
      if (total <= this.shardCacheBytes) break;
      if (s.isDirty || this.handedOut.has(s)) continue;
      s.db.close();
      this.shards.delete(id);
      total -= s.bytes;
    }
  }

  /**
   * A keyed BLAKE2b hash of media bytes: media are deduplicated by it, and without the vault's key it says
   * nothing about which well-known files (a sticker, a meme) the vault holds.
   */
  async mediaHash(bytes: Uint8Array): Promise<string> {
    const hasher = await this.mediaHasher();
    hasher.update(bytes);
    return hasher.digest();
  }

  /** The same keyed hash as `mediaHash`, fed a chunk at a time. */
  async mediaHasher(): Promise<{ update(bytes: Uint8Array): void; digest(): string }> {
    const keys = this.requireKeys();
    const sodium = await loadSodium();
    this.mediaHashKey ??= await mediaHashKey(this.catalogDb, keys, this.header.vaultId);
    const state = sodium.crypto_generichash_init(this.mediaHashKey, 32);
    return {
      update: (bytes) => sodium.crypto_generichash_update(state, bytes),
      digest: () => sodium.to_hex(sodium.crypto_generichash_final(state, 32)),
    };
  }

  private identity(kind: FileKind, fileId: string, label: string): FileIdentity {
    return { vaultId: this.header.vaultId, kind, fileId: unhex(fileId), label };
  }

  private requireKeys(): RootKeys {
    if (!this.keys) throw new LocketError('vault-locked', 'The vault is locked. Unlock it to continue.');
    return this.keys;
  }
}

/** text, payload and raw are bound as UTF-8 bytes and cast back to TEXT (see `utf8`). */
const INSERT_MESSAGE_SQL = `INSERT OR IGNORE INTO messages
  (id, conversation_id, dedupe_key, source_id, sender, is_sent, time, kind, text, payload, raw, media_id, import_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), ?, ?)`;
/**
 * A batch's keys arrive as one JSON array. Joined, SQLite probes the dedupe index once per key: about 3x faster here
 * than `IN (?, …)` chunks of 500 parameters, and much faster than `IN (SELECT value FROM json_each(?))`.
 */
const STORED_KEYS_SQL =
  'SELECT m.dedupe_key FROM json_each(CAST(? AS TEXT)) AS j JOIN messages AS m ON m.dedupe_key = j.value';
/**
 * Stored messages at given (conversation, time) points, stored before a given id (before the running source): candidates for a
 * message of another source that tells the same message (importing/pipeline/cross-source-matches.ts). The points
 * arrive as one JSON array and are probed on the (conversation_id, time) index.
 */
const MESSAGES_AT_SQL = `SELECT m.id, m.conversation_id, m.time, m.is_sent, m.kind, m.text, m.source_id IS NOT NULL AS has_id,
    json_extract(m.payload, '$.directionGuessed') IS NOT NULL AS is_guessed
  FROM json_each(CAST(? AS TEXT)) AS j
  JOIN messages AS m ON m.conversation_id = json_extract(j.value, '$[0]') AND m.time = json_extract(j.value, '$[1]')
  WHERE m.id < ?`;
/** Messages indexed per step of the indexing phase: small enough that a cancel or a search gets in between. */
const INDEX_STEP = 2000;
/** Ids per `DELETE … IN (...)`; SQLite allows up to 32766 parameters. */
const DELETE_CHUNK = 500;
/** How many inserts between checks of a shard's size (a check costs two PRAGMAs). */
const SIZE_CHECK_INTERVAL = 1000;

/** What a change can do inside `VaultSession.write`. Everything it does commits together or not at all. */
export class VaultWriter {
  readonly createdFiles: string[] = [];
  readonly superseded: string[] = [];

  constructor(private readonly session: VaultSession) {}

  get catalog(): Database {
    return this.session.catalog;
  }

  setSetting(key: string, value: unknown): void {
    setSetting(this.catalog, key, value);
  }

  /** The id the next stored message gets: every message stored from now on has this id or a higher one. */
  get nextMessageId(): number {
    return this.session.setting('nextMessageId', 1);
  }

  /** Allocates vault-wide message ids, stable across shard splits. */
  private allocateMessageIds(count: number): number {
    const first = this.session.setting('nextMessageId', 1);
    this.setSetting('nextMessageId', first + count);
    return first;
  }

  /**
   * Stores messages in the shards covering their times. A message whose dedupe key is already stored is not
   * stored again; returns how many were new. Shards that outgrow their budget are flushed to new files as the
   * insert goes (still uncommitted), so memory stays bounded for imports of any size.
   */
  async insertMessages(
    messages: readonly StoredMessage[],
  ): Promise<{ inserted: number; duplicates: number; isNew: boolean[] }> {
    let inserted = 0;
    const isNew: boolean[] = [];
    let nextId = this.allocateMessageIds(messages.length);
    let current: LoadedShard | null = null;
    let insert: Statement | null = null;
    // No search index rows here: the import's indexing phase adds them after this write commits (indexBacklog).
    let sinceSizeCheck = 0;
    let bytesSinceCheck = 0;
    // The current shard's messages above its index mark: counted at its first size check, then kept in step with
    // the inserts (every new id is above the mark), so a size check does not count the whole shard again.
    let unindexed: number | null = null;
    const release = () => {
      insert?.free();
      insert = null;
    };
    try {
      for (const m of messages) {
        if (!current || !insert || m.time < current.entry.startTime || m.time >= current.entry.endTime) {
          release();
          current = await this.session.shardForTime(m.time, this);
          insert = current.db.prepare(INSERT_MESSAGE_SQL);
          unindexed = null;
        }
        const id = nextId++;
        // bind() resets the statement first, so one step suffices: run() would reset it a second time.
        insert.bind([
          id,
          m.conversationId,
          m.dedupeKey,
          m.sourceId,
          m.sender,
          m.isSent ? 1 : 0,
          m.time,
          m.kind,
          utf8(m.text),
          utf8(m.payload),
          utf8(m.raw),
          m.mediaId,
          m.importId,
        ]);
        insert.step();
        const changed = current.db.getRowsModified();
        isNew.push(changed > 0);
        inserted += changed;
        current.entry.messageCount += changed;
        if (unindexed !== null) unindexed += changed;
        // Checked every SIZE_CHECK_INTERVAL messages, or sooner when large messages come: a shard never grows far
        // past its budget between two checks, whatever a source holds.
        bytesSinceCheck += m.text.length + (m.payload?.length ?? 0) + (m.raw?.length ?? 0);
        if (++sinceSizeCheck >= SIZE_CHECK_INTERVAL || bytesSinceCheck >= this.session.shardBudget / 8) {
          sinceSizeCheck = 0;
          bytesSinceCheck = 0;
          unindexed ??= countUnindexed(current.db);
          const counts = { unindexed, messages: current.entry.messageCount };
          if (
            (await this.session.projectedShardBytes(current.db, this.session.shardByteSize(current.db), counts)) >
            this.session.shardBudget
          ) {
            release();
            await this.session.flushShard(current, this);
            current = null;
          }
        }
      }
    } finally {
      release();
    }
    await this.session.relieveMemory(this);
    return { inserted, duplicates: messages.length - inserted, isNew };
  }

  /**
   * Indexes every message the search index has not reached yet, shard by shard (search/index-shard.ts), moving each
   * shard's mark as it goes. Stops early, keeping what is done, when `signal` is aborted: the rest stays pending and
   * search covers it meanwhile by checking those messages' text. Returns how many messages were indexed and whether
   * none is left. Call it in a write of its own, after the messages' write committed.
   */
  async indexBacklog(
    onIndexed?: (count: number) => void,
    signal?: AbortSignal,
  ): Promise<{ indexed: number; isComplete: boolean }> {
    const pending = all<{
      file_id: string;
      start_time: number;
      end_time: number;
      message_count: number;
      byte_size: number;
    }>(
      this.catalog,
      'SELECT file_id, start_time, end_time, message_count, byte_size FROM shards WHERE unindexed_count > 0 ORDER BY start_time',
    ).map(shardEntryFromRow);
    let indexed = 0;
    for (const entry of pending) {
      if (signal?.aborted) return { indexed, isComplete: false };
      const shard = await this.session.shardForChange(entry, this);
      for (;;) {
        const count = indexNextMessages(shard.db, INDEX_STEP);
        indexed += count;
        onIndexed?.(count);
        if (count < INDEX_STEP) break;
        // Let the worker's event loop run: a cancel, a search or a progress event gets through between steps.
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) break;
      }
      // Written now rather than at the commit: the commit would write it anyway, and memory then holds one shard
      // being indexed instead of every shard indexed so far. Not kept loaded either: a pass over every shard would
      // otherwise fill the shard cache, each database with its page cache beside it (about twice its size).
      await this.session.flushShard(shard, this, false);
      await this.session.relieveMemory(this);
      if (signal?.aborted) return { indexed, isComplete: false };
    }
    return { indexed, isComplete: true };
  }

  /**
   * Which of these messages are already stored, by dedupe key (read-only: shards are not marked changed).
   * Looked up with one query per shard, since one query per message would dominate an import.
   */
  async storedKeys(messages: readonly { dedupeKey: string; time: number }[]): Promise<Set<string>> {
    const byShard = new Map<string, { entry: ShardEntry; keys: string[] }>();
    let current: ShardEntry | null = null;
    for (const m of messages) {
      if (!current || m.time < current.startTime || m.time >= current.endTime)
        current = this.session.shardEntryAt(m.time);
      // Shards cover all of time once there is one: no shard for this time means no shard at all, nothing stored.
      if (!current) return new Set();
      let group = byShard.get(current.fileId);
      if (!group) byShard.set(current.fileId, (group = { entry: current, keys: [] }));
      group.keys.push(m.dedupeKey);
    }
    const stored = new Set<string>();
    // Each shard is queried as soon as it is loaded: loading the next one may evict it (a batch can span every shard).
    for (const { entry, keys } of byShard.values()) {
      const rows = (await this.session.shard(entry)).exec(STORED_KEYS_SQL, [utf8(JSON.stringify(keys))]);
      for (const [key] of rows[0]?.values ?? []) stored.add(key as string);
    }
    return stored;
  }

  /**
   * Stored messages at these (conversation, time) points whose ids are below `beforeId` (read-only). Looked up per
   * shard with one query, as `storedKeys` is.
   */
  async messagesAt(
    points: readonly { conversationId: number; time: number }[],
    beforeId: number,
  ): Promise<StoredAtPoint[]> {
    const byShard = new Map<string, { entry: ShardEntry; list: [number, number][] }>();
    const seen = new Set<string>();
    let current: ShardEntry | null = null;
    for (const p of points) {
      const point = `${p.conversationId}:${p.time}`;
      if (seen.has(point)) continue;
      seen.add(point);
      if (!current || p.time < current.startTime || p.time >= current.endTime)
        current = this.session.shardEntryAt(p.time);
      if (!current) return [];
      let group = byShard.get(current.fileId);
      if (!group) byShard.set(current.fileId, (group = { entry: current, list: [] }));
      group.list.push([p.conversationId, p.time]);
    }
    const found: StoredAtPoint[] = [];
    for (const { entry, list } of byShard.values()) {
      const rows = (await this.session.shard(entry)).exec(MESSAGES_AT_SQL, [utf8(JSON.stringify(list)), beforeId]);
      for (const [id, conversationId, time, isSent, kind, text, hasId, isGuessed] of rows[0]?.values ?? []) {
        found.push({
          id: id as number,
          conversationId: conversationId as number,
          time: time as number,
          isSent: isSent === 1,
          kind: kind as string,
          text: text as string,
          hasSourceId: hasId === 1,
          isDirectionGuessed: isGuessed === 1,
        });
      }
    }
    return found;
  }

  /**
   * Gives stored messages the direction and sender another source knows for them, where theirs was only guessed
   * (cross-source-matches.ts); their payload stops saying it was guessed.
   */
  async settleDirections(rows: readonly DirectionSettled[]): Promise<void> {
    for (const r of rows) {
      const shard = await this.session.shardForTime(r.time, this);
      shard.db.run(
        "UPDATE messages SET is_sent = ?, sender = ?, payload = json_remove(payload, '$.directionGuessed') WHERE id = ?",
        [r.isSent ? 1 : 0, r.sender, r.id],
      );
    }
    // Changed shards stay in memory until the commit: write them out when they pass the cache's budget.
    await this.session.relieveMemory(this);
  }

  /**
   * Deletes messages from one shard for good: with secure_delete their bytes are zeroed in the database, their search
   * index rows go with them (trigger of shard migration 0002) and the index is merged into one segment, so no token of
   * theirs is left in an older segment; the shard is vacuumed and written under a new key now (it commits with the
   * write), and its old file is overwritten and removed after the commit. The shard then leaves memory: a wipe over
   * every shard holds one at a time. Returns how many rows were deleted.
   */
  async deleteMessagesDangerously(entry: ShardEntry, ids: readonly number[]): Promise<{ deleted: number }> {
    const shard = await this.session.shardForChange(entry, this);
    let deleted = 0;
    for (let at = 0; at < ids.length; at += DELETE_CHUNK) {
      const chunk = ids.slice(at, at + DELETE_CHUNK);
      shard.db.run(`DELETE FROM messages WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk as number[]);
      deleted += shard.db.getRowsModified();
    }
    shard.entry.messageCount -= deleted;
    shard.needsVacuum = true;
    compactShardIndex(shard.db);
    await this.session.flushShard(shard, this, false);
    return { deleted };
  }

  /** Drops references to media items; an item no message refers to any more is destroyed after the commit. */
  releaseMedia(references: ReadonlyMap<string, number>): string[] {
    const destroyed: string[] = [];
    for (const [fileId, count] of references) {
      run(this.catalog, 'UPDATE media SET ref_count = max(0, ref_count - ?) WHERE file_id = ?', [count, fileId]);
      const row = one<{ ref_count: number }>(this.catalog, 'SELECT ref_count FROM media WHERE file_id = ?', [fileId]);
      if (row && row.ref_count === 0) {
        run(this.catalog, 'DELETE FROM media WHERE file_id = ?', [fileId]);
        this.superseded.push(mediaPath(fileId));
        destroyed.push(fileId);
      }
    }
    return destroyed;
  }

  /** A shard, loaded and marked as changed, for edits other than inserting. */
  async shardAt(time: number): Promise<Database> {
    return (await this.session.shardForTime(time, this)).db;
  }

  /**
   * Stores one media item as its own encrypted file, unless an item with the same keyed content hash is already
   * in the vault. Each call counts one more reference to the item.
   */
  async putMedia(
    bytes: Uint8Array,
    contentHash: string,
    mime: string | null,
  ): Promise<{ fileId: string; isNew: boolean }> {
    const existing = one<{ file_id: string }>(this.catalog, 'SELECT file_id FROM media WHERE content_hash = ?', [
      contentHash,
    ]);
    if (existing) {
      run(this.catalog, 'UPDATE media SET ref_count = ref_count + 1 WHERE file_id = ?', [existing.file_id]);
      return { fileId: existing.file_id, isNew: false };
    }
    const { fileId, wrappedKey, relPath } = await this.session.writeMediaFile(bytes);
    this.createdFiles.push(relPath);
    run(
      this.catalog,
      'INSERT INTO media (file_id, content_hash, wrapped_key, byte_size, mime, ref_count, written_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
      [fileId, contentHash, wrappedKey, bytes.length, mime, Date.now()],
    );
    return { fileId, isNew: true };
  }

  /**
   * Streams one media item into the vault: encrypted to a new file and hashed with the keyed hash as it arrives, so
   * memory stays at a few chunks whatever its size. When an item with the same hash is already in the vault, the
   * file just written is discarded and that item gains a reference instead. Each call counts one more reference.
   */
  async putMediaStream(
    chunks: AsyncIterable<Uint8Array>,
    mime: string | null,
  ): Promise<{ fileId: string; isNew: boolean; byteSize: number }> {
    const hasher = await this.session.mediaHasher();
    const target = await this.session.createMediaFile();
    // Listed at once: a failed write's rollback then removes it whatever happens below.
    this.createdFiles.push(target.relPath);
    try {
      for await (const chunk of chunks) {
        hasher.update(chunk);
        await target.file.write(chunk);
      }
      await target.file.finish();
    } catch (error) {
      hasher.digest(); // frees the hash state in libsodium's heap
      await target.file.abort();
      throw error;
    }
    const byteSize = target.file.plaintextBytes;
    const contentHash = hasher.digest();
    const existing = one<{ file_id: string }>(this.catalog, 'SELECT file_id FROM media WHERE content_hash = ?', [
      contentHash,
    ]);
    if (existing) {
      run(this.catalog, 'UPDATE media SET ref_count = ref_count + 1 WHERE file_id = ?', [existing.file_id]);
      // Never referenced by any catalog, and its key was never stored: unlinking is enough.
      this.createdFiles.splice(this.createdFiles.indexOf(target.relPath), 1);
      await fs.rm(join(this.session.dir, target.relPath), { force: true });
      return { fileId: existing.file_id, isNew: false, byteSize };
    }
    run(
      this.catalog,
      'INSERT INTO media (file_id, content_hash, wrapped_key, byte_size, mime, ref_count, written_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
      [target.fileId, contentHash, target.wrappedKey, byteSize, mime, Date.now()],
    );
    return { fileId: target.fileId, isNew: true, byteSize };
  }
}

/**
 * sql.js keeps each database as a file in Emscripten's in-memory file system; every page and journal write goes
 * through it. A rollback journal in SQLite's own memory and a larger page cache cut those calls by most of their
 * cost. Nothing here weakens durability: the database is persisted only by encrypting its export. secure_delete
 * zeroes the bytes of deleted rows, so a wiped message leaves nothing in free pages. sql.js resets pragmas on
 * export, so this runs after every export too.
 */
export function tuneInMemoryDatabase(db: Database): Database {
  db.exec(
    'PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA secure_delete = ON;',
  );
  return db;
}

/**
 * A string as UTF-8 bytes, for a parameter the SQL casts back to TEXT (the same bytes SQLite would store for the
 * string). sql.js encodes a bound string in JS, walking it three times; Buffer does it natively, which for long
 * texts and raw rows is most of the cost of an insert.
 */
function utf8(value: string | null): Uint8Array | null {
  return value === null ? null : Buffer.from(value, 'utf8');
}

function beginChange(shard: LoadedShard): LoadedShard {
  shard.isDirty = true;
  if (!shard.isInTransaction) {
    shard.db.exec('BEGIN');
    shard.isInTransaction = true;
  }
  return shard;
}

function endChange(shard: LoadedShard): void {
  if (shard.isInTransaction) {
    shard.db.exec('COMMIT');
    shard.isInTransaction = false;
  }
}

/** A database split during a failed commit may already be closed. */
function closeQuietly(db: Database): void {
  try {
    db.close();
  } catch {
    // already closed
  }
}

function setSetting(db: Database, key: string, value: unknown): void {
  run(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
    key,
    JSON.stringify(value),
  ]);
}

function shardEntryFromRow(row: {
  file_id: string;
  start_time: number;
  end_time: number;
  message_count: number;
  byte_size: number;
}): ShardEntry {
  return {
    fileId: row.file_id,
    startTime: row.start_time,
    endTime: row.end_time,
    messageCount: row.message_count,
    byteSize: row.byte_size,
  };
}

async function assertCreatable(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new LocketError('vault-exists', `${dir} is a file, not a folder. Choose a new folder for the vault.`, {
        path: dir,
      });
    }
    throw error;
  }
  if (entries.includes(HEADER_FILE))
    throw new LocketError('vault-exists', `There is already a Locket vault at ${dir}.`, { path: dir });
  const visible = entries.filter((name) => name !== '.DS_Store' && name !== LOCK_FILE);
  if (visible.length > 0) {
    throw new LocketError(
      'vault-exists',
      `The folder ${dir} is not empty. Choose a new or empty folder for the vault.`,
      { path: dir },
    );
  }
}

async function readHeader(dir: string): Promise<VaultHeader> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(join(dir, HEADER_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LocketError('vault-not-found', `There is no Locket vault at ${dir} (no ${HEADER_FILE} in it).`, {
        path: dir,
      });
    }
    throw error;
  }
  return parseHeader(bytes);
}

/**
 * Reads and decrypts the catalog. With a bound header, the file must be the catalog the header binds; otherwise it
 * is decrypted only to say why not (an older catalog: `vault-rollback`).
 */
async function readCatalog(dir: string, header: VaultHeader, keys: RootKeys, file = CATALOG_FILE): Promise<Database> {
  const bytes = await readFileOrCorrupt(join(dir, file), file);
  if (header.catalog && !matchesBinding(bytes, header.catalog)) {
    const bound = { ...header, catalog: header.catalog };
    let generation: number | null = null;
    try {
      const db = await decryptCatalog(bytes, header, keys, file);
      generation = Number(
        JSON.parse(one<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'generation'")?.value ?? '0'),
      );
      db.close();
    } catch {
      // Does not decrypt: mismatchError says why.
    }
    throw await mismatchError(dir, bound, keys, generation);
  }
  return decryptCatalog(bytes, header, keys, file);
}

async function decryptCatalog(bytes: Buffer, header: VaultHeader, keys: RootKeys, file: string): Promise<Database> {
  const fileId = bytes.length >= 40 ? bytes.subarray(24, 40) : new Uint8Array(16);
  const identity: FileIdentity = { vaultId: header.vaultId, kind: FileKind.catalog, fileId, label: file };
  const wrapped = embeddedWrappedKey(bytes, file);
  const key = await unwrapKey(keys.wrap, wrapped, header.vaultId, FileKind.catalog, fileId, file);
  const plain = await openBuffer(bytes, identity, key);
  (await loadSodium()).memzero(key);
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = tuneInMemoryDatabase(new SQL.Database(plain));
    migrate(db, catalogMigrations, 'catalog');
  } catch (error) {
    if (error instanceof LocketError) throw error;
    throw new LocketError(
      'vault-corrupt',
      `The vault file ${file} decrypts but is not a valid catalog.`,
      { file },
      { cause: error },
    );
  }
  return db;
}
