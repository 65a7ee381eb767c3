import type { Atom } from './text-atoms';
import { TOKENS_UNICODE } from './index-tokens-function';

/**
 * A shard's phrase filter (FORMAT.md, "Phrase filters"): a Bloom filter of every atom of the shard's messages, and of
 * every run of two and of four atoms that follow each other in one of them. A query term stands in a message only if
 * its atom is in the filter (a term of one atom), or each of its runs of two and four atoms are (match-term.ts: a
 * term's atoms stand at consecutive atoms of the text), so a shard whose filter lacks one of them cannot hold the
 * term, and a search leaves it unread: a rare phrase in a vault of 10 million messages then decrypts a few shards
 * instead of 475. Words that each occur everywhere but never side by side are what the runs are for.
 *
 * A Bloom filter never says no for an element it holds, so ruling out is exact; a yes is wrong for about 1 element in
 * 60 (the size is chosen so), and such a shard is read for nothing. Filters are sized in powers of two blocks so that
 * a builder sized for the largest shard folds down to the size its elements need: an element's block is its hash
 * modulo the number of blocks.
 */

/** Probes per element. Fixed: folding keeps the probes only if every filter used the same ones. */
const HASHES = 6;
/**
 * Bits per element a written filter has at least: with 6 probes in blocks of 512 bits, about one false yes in 60
 * elements (measured in test/unit/store/phrase-filter.test.ts).
 */
const MIN_BITS_PER_ELEMENT = 10;
/** A builder's size: room for about 1.9 million elements, more than a shard of 16 MiB holds in practice. */
const BUILDER_LOG2_BITS = 24;
/** Sizes a written filter may have: 64 bytes to 16 MiB (envelope.ts MAX_FILTER_SECTION_BYTES: 16 MiB and a header). */
const MIN_LOG2_BITS = 9;
const MAX_LOG2_BITS = 27;
const FORMAT = 1;
const RECENT_SLOTS = 4096;

/**
 * An element's hash: the 32-bit FNV-1a hash of the values of `count` atoms from `start`, over their UTF-16 code units,
 * with U+0000 (which no atom holds) between two atoms.
 */
function gramHash(atoms: readonly Atom[], start: number, count: number): number {
  let h = 0x811c9dc5;
  for (let n = start; n < start + count; n++) {
    if (n > start) h = Math.imul(h, 0x01000193); // the U+0000 between: h ^ 0 is h
    const value = atoms[n]!.value;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * Runs of atoms a filter holds: each atom, each two and each four side by side. Pairs rule out words that never stand
 * next to each other; fours, phrases whose every pair is common (今天晚上吃饭: 今天晚上 and 晚上吃饭 are everywhere,
 * 天晚上吃 is not). Threes would add little: in Chinese, where two characters make most words, a three is a word and
 * half of the next.
 */
const GRAMS = [1, 2, 4] as const;

/** murmur3's 32-bit finalizer: every bit of the element's hash moves every bit of where its probes land in a block. */
function mix(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Bits per block: one 64-byte cache line, so that adding or asking for an element costs one memory access. */
const BLOCK_BITS = 512;
const BLOCK_LOG2 = 9;

/** The hashes of what a text's atoms put in a filter: every run of 1, 2 and 4 atoms (GRAMS). */
export function atomElements(atoms: readonly Atom[], out: (hash: number) => void): void {
  for (let i = 0; i < atoms.length; i++)
    for (const count of GRAMS) if (i + count <= atoms.length) out(gramHash(atoms, i, count));
}

/**
 * The hashes a term needs: its atom alone, or every run of 2 and of 4 of its atoms. A text holding the term holds
 * them all (the term's atoms stand at consecutive atoms of the text).
 */
export function termElements(atoms: readonly Atom[]): number[] {
  if (atoms.length === 1) return [gramHash(atoms, 0, 1)];
  const hashes: number[] = [];
  for (const count of GRAMS.filter((c) => c > 1))
    for (let i = 0; i + count <= atoms.length; i++) hashes.push(gramHash(atoms, i, count));
  return hashes;
}

/**
 * A filter's bits, 2^log2Bits of them in blocks of 512: an element's block is its hash modulo the number of blocks,
 * and its HASHES probes are bits of that block. Folding to half the blocks keeps every element's probes.
 */
class Bits {
  constructor(
    readonly bits: Uint8Array,
    readonly log2Bits: number,
  ) {}

  /** The byte offset of an element's block. */
  protected blockOf(hash: number): number {
    return (hash & (2 ** (this.log2Bits - BLOCK_LOG2) - 1)) * (BLOCK_BITS / 8);
  }

  has(hash: number): boolean {
    const block = this.blockOf(hash);
    const mixed = mix(hash);
    const step = (mixed >>> BLOCK_LOG2) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (mixed + Math.imul(i, step)) & (BLOCK_BITS - 1);
      if ((this.bits[block + (bit >>> 3)]! & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** A filter as read from a shard file: what a search asks. */
export class PhraseFilter extends Bits {
  /** Whether the shard may hold every hash: false rules it out. */
  mayHoldAll(hashes: readonly number[]): boolean {
    return hashes.every((h) => this.has(h));
  }

  get byteLength(): number {
    return this.bits.length;
  }
}

/**
 * The filter of a shard being written: a builder of 2^24 bits (2 MiB) that elements are added to as messages are
 * indexed, written at the size its elements need. One read from a file continues at that file's size, as long as it
 * has room for what is added (`isFull` says when it has not, and the shard's filter is then built again).
 */
export class PhraseFilterBuilder extends Bits {
  private setBits = 0;
  /** The hashes added last, one per slot: a cache that spares the filter's memory most repeated elements. */
  private readonly recent = new Uint32Array(RECENT_SLOTS);

  constructor(bits?: Uint8Array, log2Bits = BUILDER_LOG2_BITS) {
    super(bits ?? new Uint8Array(2 ** log2Bits / 8), log2Bits);
    if (bits) for (const byte of bits) this.setBits += popCount(byte);
  }

  /** Continues a filter read from a file (a copy: the file's bytes stay as they are). */
  static from(filter: PhraseFilter): PhraseFilterBuilder {
    return new PhraseFilterBuilder(filter.bits.slice(), filter.log2Bits);
  }

  add(hash: number): void {
    // Most elements recur (a chat's common words): one already added among the last few thousand is skipped.
    const slot = hash & (RECENT_SLOTS - 1);
    if (hash !== 0 && this.recent[slot] === hash) return;
    this.recent[slot] = hash;
    const block = this.blockOf(hash);
    const mixed = mix(hash);
    const step = (mixed >>> BLOCK_LOG2) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = (mixed + Math.imul(i, step)) & (BLOCK_BITS - 1);
      const byte = block + (bit >>> 3);
      const flag = 1 << (bit & 7);
      if ((this.bits[byte]! & flag) === 0) {
        this.bits[byte] = this.bits[byte]! | flag;
        this.setBits++;
      }
    }
  }

  addAtoms(atoms: readonly Atom[]): void {
    atomElements(atoms, (hash) => this.add(hash));
  }

  /** How many distinct elements the filter holds, estimated from how many of its bits are set. */
  get estimatedElements(): number {
    const m = 2 ** this.log2Bits;
    if (this.setBits >= m) return Infinity;
    return Math.round((-m / HASHES) * Math.log(1 - this.setBits / m));
  }

  /** Whether the filter holds more elements than its size is meant for: it would say yes too often. */
  get isFull(): boolean {
    return this.estimatedElements * MIN_BITS_PER_ELEMENT > 2 ** this.log2Bits;
  }

  /**
   * The filter as a shard file holds it, folded to the smallest size that keeps MIN_BITS_PER_ELEMENT bits per
   * element; null when it is full (a shard file then holds no filter, and searches read the shard).
   */
  encode(): Uint8Array | null {
    if (this.isFull) return null;
    let log2 = this.log2Bits;
    const needed = Math.max(1, this.estimatedElements) * MIN_BITS_PER_ELEMENT;
    while (log2 > MIN_LOG2_BITS && 2 ** (log2 - 1) >= needed) log2--;
    const size = 2 ** log2 / 8;
    // Folding: an element's block modulo the smaller number of blocks is its block there, so the halves OR together.
    const folded = new Uint8Array(size);
    for (let at = 0; at < this.bits.length; at += size) {
      const part = this.bits.subarray(at, at + size);
      for (let i = 0; i < size; i++) folded[i] = folded[i]! | part[i]!;
    }
    const label = Buffer.from(TOKENS_UNICODE, 'latin1');
    const out = new Uint8Array(4 + label.length + size);
    out[0] = FORMAT;
    out[1] = HASHES;
    out[2] = log2;
    out[3] = label.length;
    out.set(label, 4);
    out.set(folded, 4 + label.length);
    return out;
  }
}

/**
 * Reads a filter a shard file holds. Null, so that the shard is read as if it had none, for a filter of another
 * format or hash count, or one built under another Unicode version (its atoms may differ from this run's: a
 * character assigned since), or one whose lengths do not add up: a filter only ever saves reading, and when in doubt
 * the shard is read.
 */
export function decodePhraseFilter(bytes: Uint8Array): PhraseFilter | null {
  if (bytes.length < 4 || bytes[0] !== FORMAT || bytes[1] !== HASHES) return null;
  const log2 = bytes[2]!;
  if (log2 < MIN_LOG2_BITS || log2 > MAX_LOG2_BITS) return null;
  const labelLength = bytes[3]!;
  const size = 2 ** log2 / 8;
  if (bytes.length !== 4 + labelLength + size) return null;
  if (Buffer.from(bytes.subarray(4, 4 + labelLength)).toString('latin1') !== TOKENS_UNICODE) return null;
  return new PhraseFilter(bytes.subarray(4 + labelLength), log2);
}

function popCount(byte: number): number {
  let n = byte - ((byte >> 1) & 0x55);
  n = (n & 0x33) + ((n >> 2) & 0x33);
  return (n + (n >> 4)) & 0x0f;
}
