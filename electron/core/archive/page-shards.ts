import {
  conversationCountInShard,
  shardsHoldingConversation,
  type ShardConversationCount,
} from '../store/shard-counts';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultReader } from '../store/vault-reader';

/** A page's range: [after, before), strictly past the cursor in the page's order. */
export interface PageRange {
  conversationId?: number;
  after: number;
  before: number;
  cursor?: { time: number; id: number };
  isDescending: boolean;
}

/**
 * What the catalog's counts say a shard holds of a page: `sure`, how many messages surely (all it counts of the chat
 * when they all fall in the range, else 0), and `most`, how many at most (Infinity when not counted, or when a write
 * under way may have changed it).
 */
interface PageShard {
  entry: ShardEntry;
  sure: number;
  most: number;
}

/**
 * The shards a page may read, in the page's order, and what each holds of it by the catalog's counts. Which shards
 * hold the chat is read for all of them at once, from the packed ids only; a shard's own counts of the chat only when
 * the page comes to it, so a page near the newest end decodes a few shards' counts however many the vault has.
 * A shard whose counts say it holds nothing of the page is not read; a shard in memory always is (a write may have
 * added to it since its counts were taken).
 */
export class PageShards {
  private readonly entries: ShardEntry[];
  private readonly holding: Set<string> | null;
  private readonly known = new Map<number, PageShard | null>();

  constructor(
    private readonly session: VaultReader,
    private readonly range: PageRange,
  ) {
    // A shard covers [startTime, endTime): its messages are at most endTime - 1.
    this.entries = session.listShards().filter((s) => this.isInRange(s.startTime, s.endTime - 1));
    if (range.isDescending) this.entries.reverse();
    this.holding =
      range.conversationId === undefined ? null : shardsHoldingConversation(session.catalog, range.conversationId);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Whether [oldest, newest] reaches into the range, on the page's side of the cursor. */
  private isInRange(oldest: number, newest: number): boolean {
    const { after, before, cursor, isDescending } = this.range;
    // Messages at the cursor's own time may still follow it (by id).
    return (
      newest >= after && oldest < before && (!cursor || (isDescending ? oldest <= cursor.time : newest >= cursor.time))
    );
  }

  /** Whether all of [oldest, newest] lies in the range, strictly past the cursor. */
  private isAllInRange(oldest: number, newest: number): boolean {
    const { after, before, cursor, isDescending } = this.range;
    return (
      oldest >= after && newest < before && (!cursor || (isDescending ? newest < cursor.time : oldest > cursor.time))
    );
  }

  /** What shard i holds of the page; null when it is not to be read. */
  private at(i: number): PageShard | null {
    const cached = this.known.get(i);
    if (cached !== undefined) return cached;
    const entry = this.entries[i]!;
    const { conversationId } = this.range;
    const isLoaded = this.session.isShardLoaded(entry);
    const held: ShardConversationCount | null | undefined =
      conversationId === undefined
        ? entry.messageCount > 0
          ? {
              conversationId: -1,
              messages: entry.messageCount,
              oldest: entry.startTime,
              newest: entry.endTime - 1,
              classed: 0,
            }
          : undefined
        : this.holding!.has(entry.fileId)
          ? conversationCountInShard(this.session.catalog, entry.fileId, conversationId)
          : undefined;
    let shard: PageShard | null;
    if (isLoaded && this.session.isWriting) shard = { entry, sure: 0, most: Infinity };
    else if (held === null) shard = { entry, sure: 0, most: Infinity };
    else if (held === undefined || !this.isInRange(held.oldest, held.newest))
      shard = isLoaded ? { entry, sure: 0, most: 0 } : null;
    else shard = { entry, sure: this.isAllInRange(held.oldest, held.newest) ? held.messages : 0, most: held.messages };
    this.known.set(i, shard);
    return shard;
  }

  /**
   * The shards from index `from` on that a page still wanting `wanted` messages surely reads: up to the one where the
   * most they can hold reaches it (at least one). None of them is read in vain, so they are read ahead together.
   * Each with its index; `end` is the index after the last one looked at.
   */
  run(from: number, wanted: number): { shards: { entry: ShardEntry; index: number }[]; end: number } {
    const shards: { entry: ShardEntry; index: number }[] = [];
    let most = 0;
    for (let i = from; i < this.entries.length; i++) {
      const shard = this.at(i);
      if (!shard) continue;
      shards.push({ entry: shard.entry, index: i });
      most += shard.most;
      if (most >= wanted) return { shards, end: i + 1 };
    }
    return { shards, end: this.entries.length };
  }

  /** Whether a shard from index `from` on surely holds messages of the page. */
  holdsMoreFrom(from: number): boolean {
    for (let i = from; i < this.entries.length; i++) if ((this.at(i)?.sure ?? 0) > 0) return true;
    return false;
  }
}
