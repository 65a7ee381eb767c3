import { promises as fs } from 'node:fs';
import { fsError } from '../errors';
import type { VaultReader } from '../store/vault-reader';
import { requireMediaRow } from './media-catalog';

/**
 * Writes a decrypted copy of a media item to `destPath`, streaming (memory stays at a few chunks, whatever the size).
 * For the main process's "open in another program" (it chooses the private folder and removes the copy on lock) and
 * "save a copy" of a file it will not open (where the person chose); never reachable from the renderer, which must
 * not name paths. The copy appears under its name only once every
 * chunk authenticated: a damaged vault file leaves nothing behind.
 */
export async function writeMediaCopy(
  session: VaultReader,
  mediaId: string,
  destPath: string,
): Promise<{ byteSize: number }> {
  const row = requireMediaRow(session.catalog, mediaId);
  const partPath = `${destPath}.part`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(partPath, 'wx', 0o600);
  } catch (error) {
    throw fsError(error, partPath, 'write');
  }
  let byteSize = 0;
  try {
    for await (const chunk of session.mediaChunks(row.fileId)) {
      await handle.write(chunk);
      byteSize += chunk.length;
    }
    await handle.close();
    await fs.rename(partPath, destPath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(partPath, { force: true }).catch(() => undefined);
    throw error;
  }
  return { byteSize };
}
