import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** SHA-256 of each source file, streamed (provenance for the import log and evidence exports). */
export async function hashFiles(
  root: string,
  files: readonly string[],
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    const abs = isAbsolute(file) ? file : join(root, file);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(abs, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      onBytes((chunk as Buffer).length);
    }
    out.push({ path: file, sha256: hash.digest('hex'), bytes });
  }
  return out;
}

export async function totalSize(root: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files)
    total += (await fs.stat(isAbsolute(file) ? file : join(root, file)).catch(() => ({ size: 0 }))).size;
  return total;
}
