import type { MediaContent } from '../../ipc/contract';
import { LocketError } from '../errors';
import { one } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';

/** One media item, decrypted. The renderer turns it into a blob: URL; nothing is written to disk. */
export async function readMedia(session: VaultReader, mediaId: string): Promise<MediaContent> {
  if (typeof mediaId !== 'string' || !/^[0-9a-f]{32}$/.test(mediaId))
    throw new LocketError('invalid-argument', 'That is not a media id.');
  const row = one<{ mime: string | null }>(session.catalog, 'SELECT mime FROM media WHERE file_id = ?', [mediaId]);
  if (!row) throw new LocketError('invalid-argument', 'This media item is not in the vault (it may have been wiped).');
  return { mediaId, mime: row.mime, bytes: await session.readMediaFile(mediaId) };
}
