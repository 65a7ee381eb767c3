import { join } from 'node:path';
import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { one, run, type ReadOnlyDatabase } from '../db/sqlite';
import {
  FileKind,
  KEY_KIND_SIGNING,
  openBufferWithFilter,
  sealBuffer,
  unwrapKey,
  wrapKey,
  type FileIdentity,
} from './envelope';
import { SealedFileWriter, openSealedFile, readFilterSection } from './envelope-stream';
import { signHeader, wipeRootKeys, type RootKeys, type VaultHeader } from './header';
import { mediaHashKey } from './rekey';
import { loadSodium } from './sodium';
import { CATALOG_FILE, readFileOrCorrupt } from './vault-files';

const SIGNING_KEY_NAME = 'evidence-signing';
const NO_FILE_ID = new Uint8Array(16);

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function unhex(id: string): Uint8Array {
  return new Uint8Array(Buffer.from(id, 'hex'));
}

/** A new random file id, as the catalog names files (32 hex digits). */
export async function newFileId(): Promise<string> {
  return hex((await loadSodium()).randombytes_buf(16));
}

/**
 * The keys of an unlocked vault and what is done with them: files are sealed and opened here (FORMAT.md, "Files"),
 * the evidence-signing key signs here, and nothing outside sees a plain file key. Locking wipes them all.
 */
export class VaultKeys {
  private keys: RootKeys | null;
  private mediaHashKeyBytes: Uint8Array | null = null;

  constructor(
    readonly dir: string,
    /** The header as last written: replaced at each commit, passphrase change and rekey. */
    public header: VaultHeader,
    keys: RootKeys,
    /**
     * Catalogs and shards are written compressed (FORMAT.md, "Compressed files"). Off only for the benchmark's
     * baseline and the test vectors of vaults written before compression; the app and the CLI never turn it off.
     */
    readonly compressFiles = true,
  ) {
    this.keys = keys;
  }

  get isUnlocked(): boolean {
    return this.keys !== null;
  }

  get vaultId(): string {
    return hex(this.header.vaultId);
  }

  /** The root keys, or vault-locked. */
  require(): RootKeys {
    if (!this.keys) throw new LocketError('vault-locked', 'The vault is locked. Unlock it to continue.');
    return this.keys;
  }

  /** `fields` signed into a header with the current keys. */
  signHeader(fields: Omit<VaultHeader, 'mac'>): Promise<VaultHeader> {
    return signHeader(fields, this.require());
  }

  /**
   * Takes the keys away at once (every later use says vault-locked) and wipes them. The media-hash key, derived from
   * them, goes too.
   */
  async wipe(): Promise<void> {
    const keys = this.keys;
    if (!keys) return;
    this.keys = null;
    await this.forgetMediaHashKey();
    await wipeRootKeys(keys);
  }

  /** After a rekey: the new header and keys replace the old ones, which are wiped. */
  async replace(header: VaultHeader, keys: RootKeys): Promise<void> {
    const old = this.require();
    this.header = header;
    this.keys = keys;
    await this.forgetMediaHashKey();
    await wipeRootKeys(old);
  }

  identity(kind: FileKind, fileId: string, label: string): FileIdentity {
    return { vaultId: this.header.vaultId, kind, fileId: unhex(fileId), label };
  }

  /** `bytes` sealed as a new file of `kind` under a fresh random id and key; the key leaves only wrapped. */
  async sealNewFile(
    kind: FileKind,
    pathOf: (fileId: string) => string,
    bytes: Uint8Array,
    /** A shard's phrase filter (null: none); written only when files are compressed (FORMAT.md, "Phrase filters"). */
    filter?: Uint8Array | null,
  ): Promise<{ fileId: string; relPath: string; sealed: Uint8Array; wrappedKey: Uint8Array }> {
    const keys = this.require();
    const sodium = await loadSodium();
    const fileId = hex(sodium.randombytes_buf(16));
    const relPath = pathOf(fileId);
    const identity = this.identity(kind, fileId, relPath);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const compress = this.compressFiles && kind === FileKind.shard;
      const sealed = await sealBuffer(identity, key, bytes, undefined, {
        compress,
        filter: compress && filter !== undefined ? filter : undefined,
      });
      const wrappedKey = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, identity.fileId);
      return { fileId, relPath, sealed, wrappedKey };
    } finally {
      // The plain key never outlives this call, even when sealing fails.
      sodium.memzero(key);
    }
  }

  /**
   * A new file that is encrypted as it is written (envelope-stream.ts), under a fresh key; `prepare` runs once the
   * key is wrapped, before the file is created (it makes the file's folder).
   */
  async createSealedFile(
    kind: FileKind,
    fileId: string,
    relPath: string,
    prepare: () => Promise<unknown>,
  ): Promise<{ wrappedKey: Uint8Array; file: SealedFileWriter }> {
    const keys = this.require();
    const sodium = await loadSodium();
    const identity = this.identity(kind, fileId, relPath);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const wrappedKey = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, identity.fileId);
      await prepare();
      return { wrappedKey, file: await SealedFileWriter.create(join(this.dir, relPath), identity, key) };
    } finally {
      sodium.memzero(key);
    }
  }

  /** The catalog's bytes sealed as a catalog file, under a new file key wrapped by the wrap key. */
  async sealCatalog(bytes: () => Uint8Array): Promise<Uint8Array> {
    const keys = this.require();
    const sodium = await loadSodium();
    const fileId = sodium.randombytes_buf(16);
    const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
    try {
      const identity = { vaultId: this.header.vaultId, kind: FileKind.catalog, fileId };
      const wrapped = await wrapKey(keys.wrap, key, identity.vaultId, identity.kind, fileId);
      return await sealBuffer(identity, key, bytes(), wrapped, { compress: this.compressFiles });
    } finally {
      sodium.memzero(key);
    }
  }

  /**
   * Reads and decrypts a whole file of the vault whose key the catalog holds wrapped; a compressed one is refused if
   * it says it holds more than `limit` bytes (envelope.ts, `openBuffer`, which also says what `options` do).
   */
  async openFile(
    kind: FileKind,
    fileId: string,
    relPath: string,
    wrappedKey: Uint8Array,
    limit?: number,
    options?: { inflateInPool?: boolean },
  ): Promise<Uint8Array> {
    return (await this.openFileWithFilter(kind, fileId, relPath, wrappedKey, limit, options)).contents;
  }

  /** `openFile`, with the phrase filter a shard file holds (null for none). */
  async openFileWithFilter(
    kind: FileKind,
    fileId: string,
    relPath: string,
    wrappedKey: Uint8Array,
    limit?: number,
    options?: { inflateInPool?: boolean },
  ): Promise<{ contents: Uint8Array; filter: Uint8Array | null }> {
    return this.withFileKey(kind, fileId, relPath, wrappedKey, async (identity, key) =>
      openBufferWithFilter(await readFileOrCorrupt(join(this.dir, relPath), relPath), identity, key, limit, options),
    );
  }

  /** The phrase filter of a shard file, read from its first chunks only (envelope-stream.ts, `readFilterSection`). */
  readShardFilter(fileId: string, relPath: string, wrappedKey: Uint8Array): Promise<Uint8Array | null> {
    return this.withFileKey(FileKind.shard, fileId, relPath, wrappedKey, (identity, key) =>
      readFilterSection(join(this.dir, relPath), identity, key),
    );
  }

  /** Runs `use` with a file's key unwrapped, and zeroes the key when it settles, whatever the outcome. */
  private async withFileKey<T>(
    kind: FileKind,
    fileId: string,
    relPath: string,
    wrappedKey: Uint8Array,
    use: (identity: FileIdentity, key: Uint8Array) => Promise<T>,
  ): Promise<T> {
    const { identity, key } = await this.unwrapFileKey(kind, fileId, relPath, wrappedKey);
    try {
      return await use(identity, key);
    } finally {
      (await loadSodium()).memzero(key);
    }
  }

  /** Decrypts a file a chunk (64 KiB) at a time, with every check `openFile` makes. */
  async *openFileChunks(
    kind: FileKind,
    fileId: string,
    relPath: string,
    wrappedKey: Uint8Array,
  ): AsyncGenerator<Uint8Array> {
    const { identity, key } = await this.unwrapFileKey(kind, fileId, relPath, wrappedKey);
    try {
      yield* openSealedFile(join(this.dir, relPath), identity, key);
    } finally {
      (await loadSodium()).memzero(key);
    }
  }

  private async unwrapFileKey(
    kind: FileKind,
    fileId: string,
    relPath: string,
    wrappedKey: Uint8Array,
  ): Promise<{ identity: FileIdentity; key: Uint8Array }> {
    const keys = this.require();
    const identity = this.identity(kind, fileId, relPath);
    const key = await unwrapKey(keys.wrap, wrappedKey, identity.vaultId, identity.kind, identity.fileId, relPath);
    return { identity, key };
  }

  /** Stores a new evidence-signing key pair in a new vault's catalog, its secret wrapped by the wrap key. */
  async addSigningKey(catalog: Database, createdAt: number): Promise<void> {
    const sodium = await loadSodium();
    const signing = sodium.crypto_sign_keypair();
    run(catalog, 'INSERT INTO keys (name, public_key, wrapped_secret, created_at) VALUES (?, ?, ?, ?)', [
      SIGNING_KEY_NAME,
      signing.publicKey,
      await wrapKey(this.require().wrap, signing.privateKey, this.header.vaultId, KEY_KIND_SIGNING, NO_FILE_ID),
      createdAt,
    ]);
    sodium.memzero(signing.privateKey);
  }

  /** A detached Ed25519 signature by the vault's signing key; the secret key is unwrapped only for this call. */
  async sign(catalog: ReadOnlyDatabase, message: Uint8Array): Promise<Uint8Array> {
    const keys = this.require();
    const sodium = await loadSodium();
    const row = one<{ wrapped_secret: Uint8Array }>(catalog, 'SELECT wrapped_secret FROM keys WHERE name = ?', [
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

  /** The key of the keyed media hash (rekey.ts, `mediaHashKey`), derived once per unlock and wiped with the keys. */
  async mediaHashKey(catalog: Database): Promise<Uint8Array> {
    const keys = this.require();
    this.mediaHashKeyBytes ??= await mediaHashKey(catalog, keys, this.header.vaultId);
    return this.mediaHashKeyBytes;
  }

  private async forgetMediaHashKey(): Promise<void> {
    if (this.mediaHashKeyBytes) (await loadSodium()).memzero(this.mediaHashKeyBytes);
    this.mediaHashKeyBytes = null;
  }
}

/** The vault's Ed25519 evidence-signing public key (signs wipe certificates, the audit head, exports). */
export function signingPublicKey(catalog: ReadOnlyDatabase): Uint8Array {
  const row = one<{ public_key: Uint8Array }>(catalog, 'SELECT public_key FROM keys WHERE name = ?', [
    SIGNING_KEY_NAME,
  ]);
  if (!row) throw new LocketError('vault-corrupt', 'The vault has no signing key.', { file: CATALOG_FILE });
  return row.public_key;
}
