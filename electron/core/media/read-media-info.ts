import type { MediaInfo } from '../../ipc/contract';
import type { VaultReader } from '../store/vault-reader';
import { requireMediaRow } from './media-catalog';
import { HEAD_BYTES, mediaDetails, type MediaDetails } from './media-details';
import { isAudio, isVideo, isViewableImage } from './media-kind';

/**
 * `media.info`: type, size, name and details of a media item from the catalog. An image stored before details were
 * recorded has its header decrypted (the first chunks only) to find them; nothing is written back on a read.
 */
export async function readMediaInfo(session: VaultReader, mediaId: string): Promise<MediaInfo> {
  const row = requireMediaRow(session.catalog, mediaId);
  let details: MediaDetails = row.details;
  if (Object.keys(details).length === 0 && (isViewableImage(row.mime) || isAudio(row.mime)))
    details = await detailsFromHead(session, row.fileId, row.mime, row.byteSize);
  return {
    mediaId: row.fileId,
    mime: row.mime,
    byteSize: row.byteSize,
    ...(row.fileName !== null ? { fileName: row.fileName } : {}),
    isImage: isViewableImage(row.mime),
    isAudio: isAudio(row.mime),
    isVideo: isVideo(row.mime),
    ...details,
  };
}

async function detailsFromHead(
  session: VaultReader,
  fileId: string,
  mime: string | null,
  byteSize: number,
): Promise<MediaDetails> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of session.mediaChunks(fileId)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  return mediaDetails(Buffer.concat(parts), mime, length >= byteSize);
}
