import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import type { WriteFiles } from '../store/shard-entries';
import { one, run } from '../db/sqlite';
import { FileKind } from '../vault/envelope';
import type { SealedFileWriter } from '../vault/envelope-stream';
import { loadSodium } from '../vault/sodium';
import { DIR_MODE, MEDIA_DIR, mediaPath, writeDurable } from '../vault/vault-files';
import { newFileId, type VaultKeys } from '../vault/vault-keys';

/** The keyed hash of media bytes, fed a chunk at a time. */
export interface MediaHasher {
  update(bytes: Uint8Array): void;
  digest(): string;
}

function mediaWrappedKey(keys: VaultKeys, catalog: Database, fileId: string): Uint8Array {
  keys.require();
  const row = one<{ wrapped_key: Uint8Array }>(catalog, 'SELECT wrapped_key FROM media WHERE file_id = ?', [fileId]);
  if (!row) throw new LocketError('invalid-argument', `Media ${fileId} is not in this vault.`);
  return row.wrapped_key;
}

/** Decrypts one media item. */
export async function readMediaFile(keys: VaultKeys, catalog: Database, fileId: string): Promise<Uint8Array> {
  return keys.openFile(FileKind.media, fileId, mediaPath(fileId), mediaWrappedKey(keys, catalog, fileId));
}

/** Decrypts one media item a chunk (64 KiB) at a time, with every check `readMediaFile` makes. */
export async function* mediaChunks(keys: VaultKeys, catalog: Database, fileId: string): AsyncGenerator<Uint8Array> {
  yield* keys.openFileChunks(FileKind.media, fileId, mediaPath(fileId), mediaWrappedKey(keys, catalog, fileId));
}

/**
 * The keyed BLAKE2b hash of media bytes, fed a chunk at a time: media are deduplicated by it, and without the
 * vault's key it says nothing about which well-known files (a sticker, a meme) the vault holds.
 */
export async function mediaHasher(keys: VaultKeys, catalog: Database): Promise<MediaHasher> {
  keys.require();
  const sodium = await loadSodium();
  const state = sodium.crypto_generichash_init(await keys.mediaHashKey(catalog), 32);
  return {
    update: (bytes) => sodium.crypto_generichash_update(state, bytes),
    digest: () => sodium.to_hex(sodium.crypto_generichash_final(state, 32)),
  };
}

/** The same keyed hash as `mediaHasher`, of whole bytes. */
export async function mediaHash(keys: VaultKeys, catalog: Database, bytes: Uint8Array): Promise<string> {
  const hasher = await mediaHasher(keys, catalog);
  hasher.update(bytes);
  return hasher.digest();
}

/** Encrypts and writes one media item now; its catalog row commits with the write. */
async function writeMediaFile(
  keys: VaultKeys,
  bytes: Uint8Array,
): Promise<{ fileId: string; wrappedKey: Uint8Array; relPath: string }> {
  const { fileId, relPath, sealed, wrappedKey } = await keys.sealNewFile(FileKind.media, mediaPath, bytes);
  await fs.mkdir(join(keys.dir, MEDIA_DIR, fileId.slice(0, 2)), { recursive: true, mode: DIR_MODE });
  await writeDurable(join(keys.dir, relPath), sealed, relPath);
  return { fileId, wrappedKey, relPath };
}

/** A new media file that is encrypted as it is written (envelope-stream.ts). */
async function createMediaFile(
  keys: VaultKeys,
): Promise<{ fileId: string; wrappedKey: Uint8Array; relPath: string; file: SealedFileWriter }> {
  keys.require();
  const fileId = await newFileId();
  const relPath = mediaPath(fileId);
  const { wrappedKey, file } = await keys.createSealedFile(FileKind.media, fileId, relPath, () =>
    fs.mkdir(join(keys.dir, MEDIA_DIR, fileId.slice(0, 2)), { recursive: true, mode: DIR_MODE }),
  );
  return { fileId, wrappedKey, relPath, file };
}

/** The media of one write: what it stores and releases. Files are written at once; catalog rows commit with it. */
export class MediaWriter {
  constructor(
    private readonly keys: VaultKeys,
    private readonly files: WriteFiles,
    private readonly catalog: () => Database,
  ) {}

  /**
   * Stores one media item as its own encrypted file, unless an item with the same keyed content hash is already
   * in the vault. Each call counts one more reference to the item.
   */
  async putMedia(
    bytes: Uint8Array,
    contentHash: string,
    mime: string | null,
  ): Promise<{ fileId: string; isNew: boolean }> {
    const existing = this.referenceExisting(contentHash);
    if (existing) return { fileId: existing, isNew: false };
    const { fileId, wrappedKey, relPath } = await writeMediaFile(this.keys, bytes);
    this.files.createdFiles.push(relPath);
    this.insertRow(fileId, contentHash, wrappedKey, bytes.length, mime);
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
    const hasher = await mediaHasher(this.keys, this.catalog());
    const target = await createMediaFile(this.keys);
    // Listed at once: a failed write's rollback then removes it whatever happens below.
    this.files.createdFiles.push(target.relPath);
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
    const existing = this.referenceExisting(contentHash);
    if (existing) {
      // Never referenced by any catalog, and its key was never stored: unlinking is enough.
      this.files.createdFiles.splice(this.files.createdFiles.indexOf(target.relPath), 1);
      await fs.rm(join(this.keys.dir, target.relPath), { force: true });
      return { fileId: existing, isNew: false, byteSize };
    }
    this.insertRow(target.fileId, contentHash, target.wrappedKey, byteSize, mime);
    return { fileId: target.fileId, isNew: true, byteSize };
  }

  /** Drops references to media items; an item no message refers to any more is destroyed after the commit. */
  releaseMedia(references: ReadonlyMap<string, number>): string[] {
    const catalog = this.catalog();
    const destroyed: string[] = [];
    for (const [fileId, count] of references) {
      run(catalog, 'UPDATE media SET ref_count = max(0, ref_count - ?) WHERE file_id = ?', [count, fileId]);
      const row = one<{ ref_count: number }>(catalog, 'SELECT ref_count FROM media WHERE file_id = ?', [fileId]);
      if (row && row.ref_count === 0) {
        run(catalog, 'DELETE FROM media WHERE file_id = ?', [fileId]);
        this.files.superseded.push(mediaPath(fileId));
        destroyed.push(fileId);
      }
    }
    return destroyed;
  }

  /** The stored item with this hash gains a reference; null when there is none. */
  private referenceExisting(contentHash: string): string | null {
    const catalog = this.catalog();
    const existing = one<{ file_id: string }>(catalog, 'SELECT file_id FROM media WHERE content_hash = ?', [
      contentHash,
    ]);
    if (!existing) return null;
    run(catalog, 'UPDATE media SET ref_count = ref_count + 1 WHERE file_id = ?', [existing.file_id]);
    return existing.file_id;
  }

  private insertRow(fileId: string, hash: string, wrappedKey: Uint8Array, byteSize: number, mime: string | null) {
    run(
      this.catalog(),
      'INSERT INTO media (file_id, content_hash, wrapped_key, byte_size, mime, ref_count, written_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
      [fileId, hash, wrappedKey, byteSize, mime, Date.now()],
    );
  }
}
