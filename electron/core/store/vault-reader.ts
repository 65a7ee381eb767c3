import type { KdfParams } from '../../ipc/contract';
import type { ReadOnlyDatabase } from '../db/sqlite';
import type { ShardPassOptions } from './shard-cache';
import type { ShardEntry } from './shard-entries';

/**
 * What browsing, search, export and stats may do with an unlocked vault: read the catalog, shards and media, and sign
 * (a signature changes nothing). No method here changes the vault; changes go through `VaultSession.write` and its
 * `VaultWriter`.
 */
export interface VaultReader {
  readonly dir: string;
  readonly vaultId: string;
  readonly createdAt: number;
  readonly kdf: KdfParams;
  /** How many commits the vault has had. */
  readonly generation: number;
  /** The decrypted catalog: read it freely, never change it (changes go through a writer, hence the read-only type). */
  readonly catalog: ReadOnlyDatabase;
  /** Whether a write is under way: what a reader sees now may yet be rolled back. */
  readonly isWriting: boolean;
  /** How many messages of the vault wait for the search index, by the shard directory. */
  readonly unindexedMessageCount: number;
  /** The vault's Ed25519 evidence-signing public key (signs wipe certificates, the audit head, exports). */
  readonly signingPublicKey: Uint8Array;
  setting<T>(key: string, fallback: T): T;
  listShards(): ShardEntry[];
  /** Whether a shard is decrypted in memory now: a pass over many shards can take those first, before they are evicted. */
  isShardLoaded(entry: ShardEntry): boolean;
  /** The decrypted database of one shard, loaded on first use and kept within the cache budget. */
  shard(entry: ShardEntry): Promise<ReadOnlyDatabase>;
  /**
   * The databases of `entries`, one at a time in that order, as `shard` gives them, with the next few read ahead
   * once `readAheadFrom` (0 when absent) were handed out (store/shard-cache.ts, `scan`). Use each before asking for
   * the next; leaving the loop early drops what was read ahead. With `cancel`, the pass throws `cancelled` as soon as
   * its signal aborts, without waiting for the shard it is reading. With `mayHold`, a shard whose phrase filter it
   * says no to is passed over unread (FORMAT.md, "Phrase filters").
   */
  eachShard(
    entries: readonly ShardEntry[],
    options?: ShardPassOptions,
  ): AsyncGenerator<{ entry: ShardEntry; db: ReadOnlyDatabase }>;
  /** Decrypts one media item. */
  readMediaFile(fileId: string): Promise<Uint8Array>;
  /** Decrypts one media item a chunk (64 KiB) at a time, with every check `readMediaFile` makes. */
  mediaChunks(fileId: string): AsyncGenerator<Uint8Array>;
  /** A detached Ed25519 signature by the vault's signing key; the secret key is unwrapped only for this call. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}
