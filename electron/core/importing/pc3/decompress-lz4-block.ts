import { MAX_CONTENT_BYTES } from '../reader-kit/content-bound';

/** No message body is this large; a block that claims more is damaged, and we refuse to allocate for it. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * Decodes a raw LZ4 block (no frame, no stored size) as PC WeChat 3.x writes `MSG.CompressContent`
 * (docs/wechat-formats.md §2.5) and strips the trailing NUL bytes WeChat appends to the XML (§7 item 3).
 *
 * No size is stored, and the fixed guesses other tools use (CL: 4× the input) are too small for repetitive XML.
 * Instead of guessing, one pass over the block's sequence headers measures the exact output size (and rejects
 * damaged blocks, which a plain decoder would silently decode into zeros); the block is then decoded into a buffer
 * of that size. Returns null for a damaged block or one that would exceed `maxBytes`.
 */
export function decompressLz4Block(block: Uint8Array, maxBytes = MAX_DECOMPRESSED_BYTES): Uint8Array | null {
  const size = measureBlock(block);
  if (size === null || size > maxBytes) return null;
  const out = new Uint8Array(size);
  decodeInto(block, out);
  return stripTrailingNuls(out);
}

/**
 * Like `decompressLz4Block`, but a block that expands past `maxBytes` (default `MAX_CONTENT_BYTES`) gives its
 * first `maxBytes` bytes and `truncated: true` instead of nothing: LZ4 reaches about 255:1, so a 240 KB
 * CompressContent can claim 60 MiB, and only the bound is ever allocated (issue 17, item 3). Trailing NULs are
 * stripped as above. Null for a damaged block.
 */
export function decompressLz4BlockPrefix(
  block: Uint8Array,
  maxBytes = MAX_CONTENT_BYTES,
): { bytes: Uint8Array; truncated: boolean } | null {
  const size = measureBlock(block);
  if (size === null) return null;
  const out = new Uint8Array(Math.min(size, maxBytes));
  decodeInto(block, out);
  return { bytes: stripTrailingNuls(out), truncated: size > maxBytes };
}

/**
 * Walks the block's sequences (token, literal length, literals, offset, match length) without producing output.
 * Returns the decoded length, or null when a length runs past the input or a match offset is 0 or reaches before
 * the start of the output.
 */
function measureBlock(block: Uint8Array): number | null {
  let s = 0;
  let produced = 0;
  while (s < block.length) {
    const token = block[s++]!;
    const literals = readLength(block, s, token >> 4);
    if (!literals) return null;
    s = literals.next + literals.length;
    produced += literals.length;
    if (s > block.length) return null;
    // The last sequence carries literals only.
    if (s === block.length) return produced;
    if (s + 2 > block.length) return null;
    const offset = block[s]! | (block[s + 1]! << 8);
    s += 2;
    if (offset === 0 || offset > produced) return null;
    const match = readLength(block, s, token & 15);
    if (!match) return null;
    s = match.next;
    // LZ4's minimum match is 4 bytes; the stored length leaves them out.
    produced += match.length + 4;
  }
  return produced;
}

/**
 * Decodes a block `measureBlock` accepted into `out`, stopping when `out` is full: a prefix costs only its own
 * length. Matches are copied byte by byte, since they may overlap the bytes they produce.
 */
function decodeInto(block: Uint8Array, out: Uint8Array): void {
  let s = 0;
  let d = 0;
  while (s < block.length && d < out.length) {
    const token = block[s++]!;
    const literals = readLength(block, s, token >> 4)!;
    s = literals.next;
    const take = Math.min(literals.length, out.length - d);
    out.set(block.subarray(s, s + take), d);
    d += take;
    s += literals.length;
    if (s >= block.length || d >= out.length) return;
    const offset = block[s]! | (block[s + 1]! << 8);
    s += 2;
    const match = readLength(block, s, token & 15)!;
    s = match.next;
    let from = d - offset;
    const end = Math.min(d + match.length + 4, out.length);
    while (d < end) out[d++] = out[from++]!;
  }
}

/** A 4-bit length of 15 continues in the following bytes, each added, until one is not 255. */
function readLength(block: Uint8Array, at: number, nibble: number): { length: number; next: number } | null {
  let length = nibble;
  let s = at;
  if (nibble === 15) {
    for (;;) {
      if (s >= block.length) return null;
      const b = block[s++]!;
      length += b;
      if (b !== 255) break;
    }
  }
  return { length, next: s };
}

function stripTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}
