import { promises as fs } from 'node:fs';
import type { MediaReference, MediaRole } from '../model';
import { peekAppMessage, peekVoiceFormat } from '../reader-kit/peek-app-message';
import { openRegularFile } from '../reader-kit/source-files';
import type { IosManifest } from './ios-manifest';

/** Where one message's media would be: the account folder, md5 of the chat, and the row's MesLocalID. */
export interface MediaSlot {
  accountDir: string;
  chatHash: string;
  localId: number;
}

type Found = { path: string } | { reason: string };

/** Why nothing was found, most telling first: a refused path matters more than an absent one. */
const REASON_RANK = ['path-outside-backup', 'stored-file-missing', 'not-in-backup'];

const TYPE_IMAGE = 3;
const TYPE_VOICE = 34;
const TYPE_VIDEO = 43;
const TYPE_SHORT_VIDEO = 62;
const TYPE_APP = 49;
const FILE_APP_TYPES = new Set(['6', '74']);

/**
 * The media files a message refers to, per WECHAT-FORMATS.md §5.2 (`Img/<chat>/<id>.pic_hd|.pic|.pic_thum`,
 * `Audio/…/<id>.aud`, `Video/…/<id>.mp4`, `OpenData/…/<id>[.<ext>]`). The main file is always reported, with a
 * reason when it is missing; thumbnails only when present.
 */
export async function findIosMedia(
  manifest: IosManifest,
  slot: MediaSlot,
  type: number,
  content: string,
): Promise<MediaReference[]> {
  const path = (folder: string, suffix: string): string =>
    `${slot.accountDir}/${folder}/${slot.chatHash}/${slot.localId}${suffix}`;
  const find = (candidates: string[]): Promise<Found> => firstStored(manifest, candidates);
  const media: MediaReference[] = [];
  const addThumbnail = async (candidate: string): Promise<void> => {
    const found = await find([candidate]);
    if ('path' in found) media.push(reference('thumbnail', found, 'plain', null));
  };

  if (type === TYPE_IMAGE) {
    media.push(reference('image', await find([path('Img', '.pic_hd'), path('Img', '.pic')]), 'plain', null));
    await addThumbnail(path('Img', '.pic_thum'));
  } else if (type === TYPE_VOICE) {
    const found = await find([path('Audio', '.aud')]);
    media.push(reference('voice', found, await voiceEncoding(found, content), null));
  } else if (type === TYPE_VIDEO || type === TYPE_SHORT_VIDEO) {
    media.push(reference('video', await find([path('Video', '.mp4')]), 'plain', null));
    await addThumbnail(path('Video', '.video_thum'));
  } else if (type === TYPE_APP) {
    const app = peekAppMessage(content);
    if (app?.appType && FILE_APP_TYPES.has(app.appType)) {
      const ext = app.fileExt ?? extensionOf(app.title);
      const candidates = ext ? [path('OpenData', `.${ext}`), path('OpenData', '')] : [path('OpenData', '')];
      media.push(reference('file', await find(candidates), 'plain', app.title));
      await addThumbnail(path('OpenData', '.pic_thum'));
    }
  }
  return media;
}

function reference(
  role: MediaRole,
  found: Found,
  encoding: MediaReference['encoding'],
  fileName: string | null,
): MediaReference {
  return 'path' in found
    ? { role, location: { path: found.path }, encoding, missingReason: null, fileName }
    : { role, location: null, encoding, missingReason: found.reason, fileName };
}

async function firstStored(manifest: IosManifest, candidates: string[]): Promise<Found> {
  let reason = 'not-in-backup';
  for (const candidate of candidates) {
    const located = manifest.locate(candidate);
    let found: Found = located;
    // The manifest can list a file that the copied backup folder lacks (an interrupted copy).
    if ('path' in located)
      found = (await isFile(located.path)) ? { path: located.path } : { reason: 'stored-file-missing' };
    if ('path' in found) return found;
    if (REASON_RANK.indexOf(found.reason) < REASON_RANK.indexOf(reason)) reason = found.reason;
  }
  return { reason };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

const SILK_MAGIC = '#!SILK_V3';
const AMR_MAGIC = '#!AMR';

/** `.aud` is SILK (often behind a 0x02 byte) or AMR (§7.8): the header decides; the XML's voiceformat is the fallback. */
async function voiceEncoding(found: Found, content: string): Promise<'silk' | 'amr'> {
  if ('path' in found) {
    const header = await readHeader(found.path, 10);
    const text = (header[0] === 0x02 ? header.subarray(1) : header).toString('latin1');
    if (text.startsWith(SILK_MAGIC)) return 'silk';
    if (text.startsWith(AMR_MAGIC)) return 'amr';
  }
  // BM treats a missing voiceformat as 4 (SILK).
  return peekVoiceFormat(content) === 0 ? 'amr' : 'silk';
}

/** The first bytes of a file; an unreadable file gives none, and the media layer reports it when copying. */
async function readHeader(path: string, length: number): Promise<Buffer> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await openRegularFile(path);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle?.close();
  }
}

function extensionOf(fileName: string | null): string | null {
  const match = fileName ? /\.([A-Za-z0-9]{1,10})$/.exec(fileName) : null;
  return match?.[1] ?? null;
}
