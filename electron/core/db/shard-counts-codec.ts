/**
 * The packed form of one shard's counts in the catalog's `shard_counts` row (catalog migration 0009; FORMAT.md,
 * "Catalog", "Packed shard counts"): unsigned LEB128 varints, records sorted by conversation id. A row per shard and
 * conversation cost about 120 bytes of catalog pages (the 32-character shard id twice, with the primary key index);
 * a packed record costs about nine, and a chat's membership in a shard is read from the ids alone.
 *
 * Decoding is bound-checked throughout: anything truncated, oversized, out of order or not adding up decodes to null,
 * which the caller treats as a shard not counted: it reads the shard, and the shard's next write packs them again.
 */

/** What one shard holds of one conversation. */
export interface ShardConversationCount {
  conversationId: number;
  messages: number;
  oldest: number;
  newest: number;
  /** How many of them carry a retention class of their own. */
  classed: number;
}

/** How many `media` entries with one `mediaId` the payloads of one conversation's messages in a shard hold. */
export interface ShardMediaReference {
  conversationId: number;
  mediaId: string;
  refs: number;
}

/** The three blobs of a `shard_counts` row. */
export interface PackedShardCounts {
  conversationIds: Uint8Array;
  conversationCounts: Uint8Array;
  mediaRefs: Uint8Array;
}

/** The first byte of `conversation_ids` and `media_refs`: the layout below. Any other value decodes to null. */
const PACKED_FORMAT = 1;
/** A media id as Locket writes them (a media file id, 32 lowercase hex digits), stored as its 16 bytes. */
const MEDIA_ID_HEX = 0;
/** Any other media id: its UTF-8 bytes after their length. */
const MEDIA_ID_TEXT = 1;
/** LEB128 of a safe integer (below 2^53) takes at most 8 bytes. */
const MAX_VARINT_BYTES = 8;
const isHexMediaId = (id: string) => /^[0-9a-f]{32}$/.test(id);

class ByteWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  /** An unsigned varint; the caller has checked `n` is a safe integer >= 0 (division: n may exceed 2^32). */
  varint(n: number): void {
    this.reserve(MAX_VARINT_BYTES);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Thrown inside a decode only, and turned into null there: never escapes this file. */
class Malformed extends Error {}

class ByteReader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new Malformed();
    return this.bytes[this.at++]!;
  }

  raw(n: number): Uint8Array {
    if (n > this.remaining) throw new Malformed();
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  skip(n: number): void {
    if (n > this.remaining) throw new Malformed();
    this.at += n;
  }

  varint(): number {
    const bytes = this.bytes;
    let at = this.at;
    // Most values here (conversation steps, counts) fit one byte; times take three.
    let b = at < bytes.length ? bytes[at++]! : -1;
    if (b < 0) throw new Malformed();
    let value = b & 0x7f;
    let scale = 0x80;
    for (let i = 1; b >= 0x80; i++) {
      if (i === MAX_VARINT_BYTES || at >= bytes.length) throw new Malformed();
      b = bytes[at++]!;
      value += (b & 0x7f) * scale;
      scale *= 0x80;
    }
    if (value > Number.MAX_SAFE_INTEGER) throw new Malformed();
    this.at = at;
    return value;
  }

  /** A count of records each taking at least `minBytes`, refused when the bytes left cannot hold that many. */
  count(minBytes: number): number {
    const n = this.varint();
    if (n * minBytes > this.remaining) throw new Malformed();
    return n;
  }

  end(): void {
    if (this.remaining !== 0) throw new Malformed();
  }
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
/** Times differ by less than this, so their zigzag stays a safe integer. */
const MAX_TIME = 2 ** 50;
const isTime = (n: number) => Number.isSafeInteger(n) && Math.abs(n) < MAX_TIME;

function decoding<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}

/**
 * Packs one shard's counts; null when they cannot be packed (a value outside what the format holds, two records for
 * one conversation, a media reference to a conversation without messages there): the shard then stays uncounted.
 */
export function packShardCounts(
  conversations: readonly ShardConversationCount[],
  media: readonly ShardMediaReference[],
): PackedShardCounts | null {
  const sorted = [...conversations].sort((a, b) => a.conversationId - b.conversationId);
  const ids = new ByteWriter();
  const counts = new ByteWriter();
  ids.byte(PACKED_FORMAT);
  ids.varint(sorted.length);
  let previousId = -1;
  let previousOldest = 0;
  const indexOf = new Map<number, number>();
  for (const c of sorted) {
    if (!isCount(c.conversationId) || c.conversationId <= previousId) return null;
    if (!isCount(c.messages) || c.messages < 1 || !isCount(c.classed) || c.classed > c.messages) return null;
    if (!isTime(c.oldest) || !isTime(c.newest) || c.newest < c.oldest) return null;
    // The first id as it is, each next one as its distance from the one before (at least 1).
    ids.varint(previousId < 0 ? c.conversationId : c.conversationId - previousId);
    counts.varint(c.messages);
    counts.varint(zigzag(c.oldest - previousOldest));
    counts.varint(c.newest - c.oldest);
    counts.varint(c.classed);
    indexOf.set(c.conversationId, indexOf.size);
    previousId = c.conversationId;
    previousOldest = c.oldest;
  }
  const refs = new ByteWriter();
  refs.byte(PACKED_FORMAT);
  refs.varint(media.length);
  const encoder = new TextEncoder();
  const sortedMedia = [...media].sort(
    (a, b) => a.conversationId - b.conversationId || (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : 0),
  );
  let previousIndex = 0;
  for (const m of sortedMedia) {
    const index = indexOf.get(m.conversationId);
    if (index === undefined || !isCount(m.refs) || m.refs < 1) return null;
    refs.varint(index - previousIndex);
    previousIndex = index;
    if (isHexMediaId(m.mediaId)) {
      refs.byte(MEDIA_ID_HEX);
      refs.raw(Buffer.from(m.mediaId, 'hex'));
    } else {
      const text = encoder.encode(m.mediaId);
      refs.byte(MEDIA_ID_TEXT);
      refs.varint(text.length);
      refs.raw(text);
    }
    refs.varint(m.refs);
  }
  return { conversationIds: ids.done(), conversationCounts: counts.done(), mediaRefs: refs.done() };
}

/** Called with each conversation's counts as they are unpacked, in conversation order. */
type CountsVisitor = (
  conversationId: number,
  messages: number,
  oldest: number,
  newest: number,
  classed: number,
) => void;

/**
 * Walks a packed shard's ids and counts in step, checking every bound, and returns how many conversations it holds;
 * throws Malformed.
 */
function walkCounts(
  packed: Pick<PackedShardCounts, 'conversationIds' | 'conversationCounts'>,
  messageCount: number,
  visit?: CountsVisitor,
): number {
  const ids = new ByteReader(packed.conversationIds);
  if (ids.byte() !== PACKED_FORMAT) throw new Malformed();
  const n = ids.count(1);
  // Four varints of at least one byte each per conversation.
  if (n * 4 > packed.conversationCounts.length) throw new Malformed();
  const r = new ByteReader(packed.conversationCounts);
  let id = -1;
  let oldest = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const step = ids.varint();
    if (i > 0 && step < 1) throw new Malformed();
    id = i === 0 ? step : id + step;
    const messages = r.varint();
    oldest += unzigzag(r.varint());
    const newest = oldest + r.varint();
    const classed = r.varint();
    if (!Number.isSafeInteger(id) || messages < 1 || classed > messages || !isTime(oldest) || !isTime(newest))
      throw new Malformed();
    total += messages;
    visit?.(id, messages, oldest, newest, classed);
  }
  ids.end();
  r.end();
  if (total !== messageCount) throw new Malformed();
  return n;
}

/**
 * A packed shard's per-conversation counts, in conversation order; null when malformed, or when the messages they
 * count are not `messageCount` (the row's own total, which the shard directory's must match).
 */
export function unpackConversationCounts(
  packed: Pick<PackedShardCounts, 'conversationIds' | 'conversationCounts'>,
  messageCount: number,
): ShardConversationCount[] | null {
  const out: ShardConversationCount[] = [];
  const unpacked = decoding(() =>
    walkCounts(packed, messageCount, (conversationId, messages, oldest, newest, classed) =>
      out.push({ conversationId, messages, oldest, newest, classed }),
    ),
  );
  return unpacked === null ? null : out;
}

/**
 * Whether a packed shard's conversation ids include `conversationId`, read only as far as the sorted ids need;
 * null when malformed up to there.
 */
export function packedHoldsConversation(conversationIds: Uint8Array, conversationId: number): boolean | null {
  return decoding(() => {
    const r = new ByteReader(conversationIds);
    if (r.byte() !== PACKED_FORMAT) throw new Malformed();
    const n = r.count(1);
    let id = -1;
    for (let i = 0; i < n; i++) {
      const step = r.varint();
      if (i > 0 && step < 1) throw new Malformed();
      id = i === 0 ? step : id + step;
      if (id >= conversationId) return id === conversationId;
    }
    return false;
  });
}

/**
 * One conversation's counts in a packed shard, read only as far as its record: undefined when the shard does not
 * hold it, null when malformed up to there. What comes after the record is not checked (unlock checks whole rows).
 */
export function packedConversationCount(
  packed: Pick<PackedShardCounts, 'conversationIds' | 'conversationCounts'>,
  conversationId: number,
): ShardConversationCount | undefined | null {
  return decoding(() => {
    const ids = new ByteReader(packed.conversationIds);
    if (ids.byte() !== PACKED_FORMAT) throw new Malformed();
    const n = ids.count(1);
    const r = new ByteReader(packed.conversationCounts);
    let id = -1;
    let oldest = 0;
    for (let i = 0; i < n; i++) {
      const step = ids.varint();
      if (i > 0 && step < 1) throw new Malformed();
      id = i === 0 ? step : id + step;
      if (id > conversationId) return undefined;
      // The counts are read in step with the ids: each record's oldest time is its distance from the one before.
      const messages = r.varint();
      oldest += unzigzag(r.varint());
      const newest = oldest + r.varint();
      const classed = r.varint();
      if (id < conversationId) continue;
      if (messages < 1 || classed > messages || !isTime(oldest) || !isTime(newest)) throw new Malformed();
      return { conversationId, messages, oldest, newest, classed };
    }
    return undefined;
  });
}

/**
 * Walks a packed shard's media references, checking every bound; each is given to `visit` with the index of its
 * conversation among the shard's (of `conversations`). Throws Malformed.
 */
function walkMedia(
  bytes: Uint8Array,
  conversations: number,
  visit?: (index: number, mediaId: string, refs: number) => void,
): void {
  const r = new ByteReader(bytes);
  if (r.byte() !== PACKED_FORMAT) throw new Malformed();
  // A conversation step, a tag, at least one byte of id and a count.
  const n = r.count(4);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  for (let i = 0; i < n; i++) {
    index += r.varint();
    if (index >= conversations) throw new Malformed();
    const tag = r.byte();
    let mediaId = '';
    if (tag === MEDIA_ID_HEX) {
      if (visit) mediaId = Buffer.from(r.raw(16)).toString('hex');
      else r.skip(16);
    } else if (tag === MEDIA_ID_TEXT) {
      const text = r.raw(r.varint());
      try {
        mediaId = decoder.decode(text);
      } catch {
        throw new Malformed();
      }
    } else throw new Malformed();
    const refs = r.varint();
    if (refs < 1) throw new Malformed();
    visit?.(index, mediaId, refs);
  }
  r.end();
}

/** A packed shard's media references, by conversation and media id; null when malformed. */
export function unpackMediaReferences(
  packed: Pick<PackedShardCounts, 'conversationIds' | 'mediaRefs'>,
): ShardMediaReference[] | null {
  const ids = unpackConversationIds(packed.conversationIds);
  if (!ids) return null;
  const out: ShardMediaReference[] = [];
  const unpacked = decoding(() =>
    walkMedia(packed.mediaRefs, ids.length, (index, mediaId, refs) =>
      out.push({ conversationId: ids[index]!, mediaId, refs }),
    ),
  );
  return unpacked === null ? null : out;
}

/** The conversation ids of a packed shard, ascending; null when malformed. */
function unpackConversationIds(bytes: Uint8Array): number[] | null {
  return decoding(() => {
    const r = new ByteReader(bytes);
    if (r.byte() !== PACKED_FORMAT) throw new Malformed();
    const n = r.count(1);
    const ids: number[] = [];
    let id = -1;
    for (let i = 0; i < n; i++) {
      const step = r.varint();
      if (i > 0 && step < 1) throw new Malformed();
      id = i === 0 ? step : id + step;
      if (!Number.isSafeInteger(id)) throw new Malformed();
      ids.push(id);
    }
    r.end();
    return ids;
  });
}
