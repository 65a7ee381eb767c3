import type { MediaRef } from '../../../ipc/contract';
import { recordMediaDetails } from '../../media/media-catalog';
import { mediaDetails } from '../../media/media-details';
import { openMediaSource, SourceReadError } from './open-media-source';
import type { VaultWriter } from '../../session/vault-writer';
import type { MediaReference } from '../model';
import { sniffMime } from '../../media/sniff-mime';

export interface MediaTally {
  stored: number;
  alreadyInVault: number;
  missing: Record<string, number>;
}

/**
 * Stores the media a message refers to as encrypted vault files and returns what the message keeps about each:
 * its vault id and details, or why it is missing (every missing item is counted in the report). Files stream from
 * the backup into the vault a block at a time, hashed as they go, so memory stays bounded whatever their size; an
 * item already in the vault (same keyed hash) is stored once. Never decodes AES-encrypted WeChat media.
 */
export async function storeMedia(
  writer: VaultWriter,
  refs: readonly MediaReference[],
  tally: MediaTally,
): Promise<MediaRef[]> {
  const out: MediaRef[] = [];
  for (const ref of refs) out.push(await storeOne(writer, ref, tally));
  return out;
}

async function storeOne(writer: VaultWriter, ref: MediaReference, tally: MediaTally): Promise<MediaRef> {
  const missing = (reason: string): MediaRef => {
    tally.missing[reason] = (tally.missing[reason] ?? 0) + 1;
    return { role: ref.role, mediaId: null, missingReason: reason, fileName: ref.fileName };
  };
  if (ref.encoding === 'wechat-aes-dat') return missing(ref.missingReason ?? 'stored-encrypted-by-wechat');
  if (!ref.location) return missing(ref.missingReason ?? 'not-in-backup');
  const source = await openMediaSource(ref.location, ref.encoding);
  if (typeof source === 'string') return missing(source);
  try {
    const mime = sniffMime(source.head);
    const details = mediaDetails(source.head, mime, source.isWhole);
    const { fileId, isNew, byteSize } = await writer.putMediaStream(source.chunks(), mime);
    recordMediaDetails(writer.catalog, fileId, ref.fileName, details);
    if (isNew) tally.stored++;
    else tally.alreadyInVault++;
    return { role: ref.role, mediaId: fileId, missingReason: null, fileName: ref.fileName, mime, byteSize, ...details };
  } catch (error) {
    // The backup's file failed part way: that item is missing; a vault error (a full disk) still ends the import.
    if (error instanceof SourceReadError) return missing('source-read-failed');
    throw error;
  } finally {
    await source.close();
  }
}
