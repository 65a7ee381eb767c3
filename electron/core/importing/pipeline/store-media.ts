import { promises as fs } from 'node:fs';
import type { MediaRef } from '../../../ipc/contract';
import type { VaultSession, VaultWriter } from '../../vault/session';
import type { MediaReference } from '../model';
import { detectXorKey, xorBytes } from '../pc3/xor-dat';
import { sniffMime } from './sniff-mime';

export interface MediaTally {
  stored: number;
  alreadyInVault: number;
  missing: Record<string, number>;
}

/** Largest single media file read into memory during import; larger ones are recorded as missing. */
const MAX_MEDIA_BYTES = 512 * 1024 * 1024;

/**
 * Stores the media a message refers to as encrypted vault files (deduplicated by keyed hash) and returns what
 * the message keeps about each: its vault id, or why it is missing. Never decodes AES-encrypted WeChat media.
 */
export async function storeMedia(session: VaultSession, writer: VaultWriter, refs: readonly MediaReference[], tally: MediaTally): Promise<MediaRef[]> {
  const out: MediaRef[] = [];
  for (const ref of refs) {
    const missing = (reason: string): MediaRef => {
      tally.missing[reason] = (tally.missing[reason] ?? 0) + 1;
      return { role: ref.role, mediaId: null, missingReason: reason, fileName: ref.fileName };
    };
    if (ref.encoding === 'wechat-aes-dat') {
      out.push(missing(ref.missingReason ?? 'stored-encrypted-by-wechat'));
      continue;
    }
    if (!ref.location) {
      out.push(missing(ref.missingReason ?? 'not-in-backup'));
      continue;
    }
    const bytes = await readLocation(ref.location);
    if (typeof bytes === 'string') {
      out.push(missing(bytes));
      continue;
    }
    const decoded = decode(bytes, ref.encoding);
    if (!decoded) {
      out.push(missing('unreadable-image-data'));
      continue;
    }
    const hash = await session.mediaHash(decoded);
    const { fileId, isNew } = await writer.putMedia(decoded, hash, sniffMime(decoded));
    if (isNew) tally.stored++;
    else tally.alreadyInVault++;
    out.push({ role: ref.role, mediaId: fileId, missingReason: null, fileName: ref.fileName });
  }
  return out;
}

async function readLocation(location: NonNullable<MediaReference['location']>): Promise<Uint8Array | string> {
  if ('bytes' in location) return location.bytes;
  try {
    const stat = await fs.stat(location.path);
    if (stat.size > MAX_MEDIA_BYTES) return 'too-large';
    return await fs.readFile(location.path);
  } catch {
    return 'not-in-backup';
  }
}

/** PC 3.x `.dat` images are XORed with one byte found from the image magic (WECHAT-FORMATS.md §2.9). */
function decode(bytes: Uint8Array, encoding: MediaReference['encoding']): Uint8Array | null {
  if (encoding !== 'wechat-xor-dat') return bytes;
  const found = detectXorKey(bytes);
  return found ? xorBytes(bytes, found.key) : null;
}
