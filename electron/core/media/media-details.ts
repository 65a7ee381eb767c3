import { exifOrientation } from './exif-orientation';
import { imageSize } from './image-size';
import { isAudio } from './media-kind';
import { voiceDurationMs } from './voice-frames';

/**
 * Bytes read from the start of a media file before it is stored: they decide its type, its XOR key and its
 * details. 256 KiB holds a JPEG's EXIF and frame header in practice (EXIF is at most 64 KiB), and a whole voice
 * message of a minute or more.
 */
export const HEAD_BYTES = 256 * 1024;

/** What the first bytes of a media item say about it; kept in the catalog and on the message's MediaRef. */
export interface MediaDetails {
  width?: number;
  height?: number;
  orientation?: number;
  durationMs?: number;
}

/**
 * Details read from `head`, the item's first bytes (`isWhole`: all of them). Image sizes come from the header,
 * the orientation from EXIF; a voice length needs the whole recording, since it counts frames.
 */
export function mediaDetails(head: Uint8Array, mime: string | null, isWhole: boolean): MediaDetails {
  const details: MediaDetails = {};
  const size = imageSize(head, mime);
  if (size) Object.assign(details, size);
  if (mime === 'image/jpeg') {
    const orientation = exifOrientation(head);
    if (orientation !== null) details.orientation = orientation;
  }
  if (isAudio(mime) && isWhole) {
    const durationMs = voiceDurationMs(head);
    if (durationMs !== null) details.durationMs = durationMs;
  }
  return details;
}
