import type { Database } from 'sql.js';
import { MediaWriter } from '../media/media-store';
import { MessageWriter, type DirectionSettled, type StoredAtPoint, type StoredMessage } from '../store/message-writer';
import type { ShardEntry, WriteFiles } from '../store/shard-entries';
import type { ShardStore } from '../store/shard-store';
import { setSetting } from '../db/sqlite';
import type { VaultKeys } from '../vault/vault-keys';

/**
 * What a change can do inside `VaultSession.write`. Everything it does commits together or not at all. It signs
 * too, so an audit entry (audit-log.ts) is written and signed with the writer alone.
 */
export class VaultWriter {
  /** The files this write created (removed on rollback) and replaced (shredded after the commit). */
  readonly files: WriteFiles = { createdFiles: [], superseded: [] };
  private readonly messages: MessageWriter;
  private readonly media: MediaWriter;

  constructor(
    private readonly keys: VaultKeys,
    private readonly shards: ShardStore,
    private readonly currentCatalog: () => Database,
  ) {
    this.messages = new MessageWriter(shards, this.files, () => this.catalog);
    this.media = new MediaWriter(keys, this.files, () => this.catalog);
  }

  /** The catalog being changed: changes to it commit with the write. */
  get catalog(): Database {
    this.keys.require();
    return this.currentCatalog();
  }

  setSetting(key: string, value: unknown): void {
    setSetting(this.catalog, key, value);
  }

  /** A detached Ed25519 signature by the vault's signing key (audit-log.ts signs the audit head with it). */
  sign(message: Uint8Array): Promise<Uint8Array> {
    return this.keys.sign(this.catalog, message);
  }

  /** The id the next stored message gets: every message stored from now on has this id or a higher one. */
  get nextMessageId(): number {
    return this.messages.nextMessageId;
  }

  /** See MessageWriter.rewriteShard. */
  rewriteShard(entry: ShardEntry): Promise<void> {
    return this.messages.rewriteShard(entry);
  }

  /** See MessageWriter.insertMessages. */
  insertMessages(
    messages: readonly StoredMessage[],
  ): Promise<{ inserted: number; duplicates: number; isNew: boolean[] }> {
    return this.messages.insertMessages(messages);
  }

  /** See MessageWriter.indexBacklog: call it in a write of its own, after the messages' write committed. */
  indexBacklog(
    onIndexed?: (count: number) => void,
    signal?: AbortSignal,
  ): Promise<{ indexed: number; isComplete: boolean }> {
    return this.messages.indexBacklog(onIndexed, signal);
  }

  /** Which of these messages are already stored, by dedupe key (read-only). */
  storedKeys(messages: readonly { dedupeKey: string; time: number }[]): Promise<Set<string>> {
    return this.messages.storedKeys(messages);
  }

  /** Stored messages at these (conversation, time) points whose ids are below `beforeId` (read-only). */
  messagesAt(points: readonly { conversationId: number; time: number }[], beforeId: number): Promise<StoredAtPoint[]> {
    return this.messages.messagesAt(points, beforeId);
  }

  /** See MessageWriter.settleDirections. */
  settleDirections(rows: readonly DirectionSettled[]): Promise<void> {
    return this.messages.settleDirections(rows);
  }

  /** Deletes messages from one shard for good (see MessageWriter.deleteMessagesDangerously). */
  deleteMessagesDangerously(
    entry: ShardEntry,
    ids: readonly number[],
    conversations: readonly number[] | 'all' = 'all',
  ): Promise<{ deleted: number }> {
    return this.messages.deleteMessagesDangerously(entry, ids, conversations);
  }

  /** A shard, loaded and marked as changed, for edits other than inserting. */
  shardAt(time: number): Promise<Database> {
    return this.messages.shardAt(time);
  }

  /** Flushes the least recently used changed shards while the decrypted shards in memory exceed the cache budget. */
  relieveMemory(): Promise<void> {
    return this.shards.relieveMemory(this.files);
  }

  /** See MediaWriter.putMedia. */
  putMedia(bytes: Uint8Array, contentHash: string, mime: string | null): Promise<{ fileId: string; isNew: boolean }> {
    return this.media.putMedia(bytes, contentHash, mime);
  }

  /** See MediaWriter.putMediaStream. */
  putMediaStream(
    chunks: AsyncIterable<Uint8Array>,
    mime: string | null,
  ): Promise<{ fileId: string; isNew: boolean; byteSize: number }> {
    return this.media.putMediaStream(chunks, mime);
  }

  /** Drops references to media items; an item no message refers to any more is destroyed after the commit. */
  releaseMedia(references: ReadonlyMap<string, number>): string[] {
    return this.media.releaseMedia(references);
  }
}
