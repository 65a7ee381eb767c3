/**
 * Types for lz4js 0.2.0 (ships none). Only the raw-block functions Locket uses: PC WeChat 3.x stores
 * `MSG.CompressContent` as a raw LZ4 block with no frame and no size (docs/wechat-formats.md §2.5).
 */
declare module 'lz4js' {
  /**
   * Decodes the raw block `src[sIndex, sIndex + sLength)` into `dst` from `dIndex` and returns the index after the
   * last byte it produced. It never checks `dst`'s size: writes past the end of a typed array are dropped, so a
   * result larger than `dst.length` means the buffer was too small.
   */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
  /**
   * Encodes `src[sIndex, sIndex + sLength)` as one raw block into `dst` (at least `compressBound(sLength)` bytes)
   * and returns its length; 0 when it found nothing to compress. `hashTable` is a zeroed `Uint32Array(65536)`.
   */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
  export function compressBound(n: number): number;
}
