import { decompressBlock } from 'lz4js';

/** No message body is this large; a block that claims more is damaged, and we refuse to allocate for it. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * Decodes a raw LZ4 block (no frame, no stored size) as PC WeChat 3.x writes `MSG.CompressContent`
 * (WECHAT-FORMATS.md §2.5) and strips the trailing NUL bytes WeChat appends to the XML (§7 item 3).
 *
 * No size is stored, and the fixed guesses other tools use (CL: 4× the input) are too small for repetitive XML.
 * Instead of guessing, one pass over the block's sequence headers measures the exact output size (and rejects
 * damaged blocks, which lz4js would silently decode into zeros); lz4js then decodes into a buffer of that size.
 * Returns null for a damaged block or one that would exceed `maxBytes`.
 */
export function decompressLz4Block(block: Uint8Array, maxBytes = MAX_DECOMPRESSED_BYTES): Uint8Array | null {
  const size = measureBlock(block);
  if (size === null || size > maxBytes) return null;
  const out = new Uint8Array(size);
  const produced = decompressBlock(block, out, 0, block.length, 0);
  if (produced !== size) return null;
  return stripTrailingNuls(out);
}

/**
 * Walks the block's sequences (token, literal length, literals, offset, match length) without producing output.
 * Returns the decoded length, or null when a length runs past the input or a match offset is 0 or reaches before
 * the start of the output: lz4js does not check either.
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
