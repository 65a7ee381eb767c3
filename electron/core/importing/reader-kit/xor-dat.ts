/**
 * PC WeChat 3.x image `.dat` files: the whole file XORed with one key byte (docs/wechat-formats.md §2.9).
 * The media layer uses `detectXorKey` to turn a `.dat` back into the image it was.
 */

export type DatImageFormat = 'jpeg' | 'png' | 'gif' | 'tiff' | 'wxgf' | 'bmp';

/**
 * Tried in this order (§2.9): the long magics first, BMP last, because its 2 bytes match easily. WXGF must come
 * before BMP too: `77 78` and `42 4D` differ by the same XOR (0x35 on both bytes), so every XORed WXGF file is
 * also a BMP candidate.
 */
const MAGICS: readonly { format: DatImageFormat; magic: readonly number[] }[] = [
  { format: 'jpeg', magic: [0xff, 0xd8, 0xff] },
  { format: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { format: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
  { format: 'tiff', magic: [0x49, 0x49, 0x2a, 0x00] },
  { format: 'wxgf', magic: [0x77, 0x78, 0x67, 0x66] },
  { format: 'bmp', magic: [0x42, 0x4d] },
];

/**
 * Finds the key byte: the first byte of the file XOR the first byte of a magic, accepted only when EVERY byte
 * of that magic XORs to the same key (the all-bytes rule of CL `dat2img.go`; PWD's one-byte check is too weak).
 * Returns null when no magic fits: not a 3.x XOR image (a 4.x AES `.dat`, or damaged).
 */
export function detectXorKey(bytes: Uint8Array): { key: number; format: DatImageFormat } | null {
  for (const { format, magic } of MAGICS) {
    if (bytes.length < magic.length) continue;
    const key = bytes[0]! ^ magic[0]!;
    if (magic.every((m, i) => (bytes[i]! ^ m) === key)) return { key, format };
  }
  return null;
}

/** XORs every byte with `key`; the same call encodes and decodes. */
export function xorBytes(bytes: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! ^ key;
  return out;
}
