import type { MediaReference } from '../model';
import { mediaReference, type FoundMedia } from '../reader-kit/media-reference';
import { peekAppMessage, peekVoiceFormat } from '../reader-kit/peek-app-message';
import { isFile, readFileHead } from '../reader-kit/source-files';
import type { IosManifest } from './ios-manifest';

/** Where one message's media would be: the account folder, md5 of the chat, and the row's MesLocalID. */
export interface MediaSlot {
  accountDir: string;
  chatHash: string;
  localId: number;
}

type Found = FoundMedia;

/** Why nothing was found, most telling first: a refused path matters more than an absent one. */
const REASON_RANK = ['path-outside-backup', 'stored-file-missing', 'not-in-backup'];

const TYPE_IMAGE = 3;
const TYPE_VOICE = 34;
const TYPE_VIDEO = 43;
const TYPE_SHORT_VIDEO = 62;
const TYPE_APP = 49;
const FILE_APP_TYPES = new Set(['6', '74']);

/**
 * The media files a message refers to, per docs/wechat-formats.md §5.2 (`Img/<chat>/<id>.pic_hd|.pic|.pic_thum`,
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
    if ('path' in found) media.push(mediaReference('thumbnail', found, 'plain', null));
  };

  if (type === TYPE_IMAGE) {
    media.push(mediaReference('image', await find([path('Img', '.pic_hd'), path('Img', '.pic')]), 'plain', null));
    await addThumbnail(path('Img', '.pic_thum'));
  } else if (type === TYPE_VOICE) {
    const found = await find([path('Audio', '.aud')]);
    media.push(mediaReference('voice', found, await voiceEncoding(found, content), null));
  } else if (type === TYPE_VIDEO || type === TYPE_SHORT_VIDEO) {
    media.push(mediaReference('video', await find([path('Video', '.mp4')]), 'plain', null));
    await addThumbnail(path('Video', '.video_thum'));
  } else if (type === TYPE_APP) {
    const app = peekAppMessage(content);
    if (app?.appType && FILE_APP_TYPES.has(app.appType)) {
      const ext = app.fileExt ?? extensionOf(app.title);
      const candidates = ext ? [path('OpenData', `.${ext}`), path('OpenData', '')] : [path('OpenData', '')];
      media.push(mediaReference('file', await find(candidates), 'plain', app.title));
      await addThumbnail(path('OpenData', '.pic_thum'));
    }
  }
  return media;
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

const SILK_MAGIC = '#!SILK_V3';
const AMR_MAGIC = '#!AMR';

/** `.aud` is SILK (often behind a 0x02 byte) or AMR (§7.8): the header decides; the XML's voiceformat is the fallback. */
async function voiceEncoding(found: Found, content: string): Promise<'silk' | 'amr'> {
  if ('path' in found) {
    const header = await readFileHead(found.path, 10);
    const text = (header[0] === 0x02 ? header.subarray(1) : header).toString('latin1');
    if (text.startsWith(SILK_MAGIC)) return 'silk';
    if (text.startsWith(AMR_MAGIC)) return 'amr';
  }
  // BM treats a missing voiceformat as 4 (SILK).
  return peekVoiceFormat(content) === 0 ? 'amr' : 'silk';
}

function extensionOf(fileName: string | null): string | null {
  const match = fileName ? /\.([A-Za-z0-9]{1,10})$/.exec(fileName) : null;
  return match?.[1] ?? null;
}
