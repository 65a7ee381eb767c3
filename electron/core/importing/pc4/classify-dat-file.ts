import { promises as fs } from 'node:fs';
import { openRegularFile } from '../reader-kit/source-files';
import { detectXorKey } from '../reader-kit/xor-dat';

/** `.dat` headers of images WeChat 4.x encrypts with AES: V1 and V2 (docs/wechat-formats.md §3.8). */
const AES_DAT_HEADERS = [Uint8Array.from([0x07, 0x08, 0x56, 0x31]), Uint8Array.from([0x07, 0x08, 0x56, 0x32])];
/** Enough for the longest image magic reader-kit/xor-dat.ts tries. */
const HEADER_BYTES = 16;

export type DatKind = 'aes' | 'xor' | 'unknown';

/**
 * What a 4.x image `.dat` is, from its first bytes. AES files are WeChat's own encryption: Locket keeps the
 * reference and never tries to decrypt them. Anything else follows the 3.x single-byte XOR scheme (§2.9), which
 * `detectXorKey` confirms; 'unknown' means it matched no image magic under any key (damaged, or a new format).
 */
export async function classifyDatFile(path: string): Promise<DatKind> {
  const header = await readHeader(path);
  if (AES_DAT_HEADERS.some((magic) => magic.every((b, i) => header[i] === b))) return 'aes';
  return detectXorKey(header) ? 'xor' : 'unknown';
}

async function readHeader(path: string): Promise<Uint8Array> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await openRegularFile(path);
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    // Unreadable now: the media layer reports it when it copies the file.
    return new Uint8Array(0);
  } finally {
    await handle?.close();
  }
}
