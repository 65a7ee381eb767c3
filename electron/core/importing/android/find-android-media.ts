import { promises as fs } from 'node:fs';
import type { MediaReference } from '../model';
import { md5Hex } from '../reader-kit/md5-hex';
import { mediaReference, type FoundMedia } from '../reader-kit/media-reference';
import { peekAppMessage } from '../reader-kit/peek-app-message';
import { resolveInside } from '../reader-kit/safe-path';
import { sniffMime } from '../../media/sniff-mime';
import { isFile, readFileHead } from '../reader-kit/source-files';

const TYPE_IMAGE = 3;
const TYPE_VOICE = 34;
const TYPE_VIDEO = 43;
const TYPE_STICKER = 47;
const TYPE_SHORT_VIDEO = 62;
const TYPE_APP = 49;
const FILE_APP_TYPES = new Set(['6', '74']);
const THUMBNAIL_SCHEME = 'THUMBNAIL_DIRPATH://';
/** Readers only look into XML to find media (model.ts): the sticker's md5 names its file. */
const STICKER_MD5 = /<emoji\b[^>]*?\smd5\s*=\s*["']([0-9a-fA-F]{32})["']/;

export interface AndroidMediaQuery {
  /** The unpacked base type. */
  rawType: number;
  imgPath: string | null;
  sourceId: string | null;
  content: string;
}

type Found = FoundMedia<'not-in-backup' | 'path-outside-backup'>;

/**
 * The media files of an Android message, under the folder that holds `image2/`, `voice2/`, `video/` and
 * `Download/` (docs/wechat-formats.md §4.5, WD `res.py`, GC). Android and iOS media are plain files, not XORed (§7
 * item 9). File names come from the database, so each must be a plain name (no separators, no `..`) and every
 * path goes through `resolveInside`.
 */
export class AndroidMediaFinder {
  private emojiFolderList: Promise<string[][]> | null = null;

  constructor(
    private readonly root: string,
    /** ImgInfo2: server id → bigImgPath. */
    private readonly images: ReadonlyMap<string, string>,
  ) {}

  async find(query: AndroidMediaQuery): Promise<MediaReference[]> {
    if (query.rawType === TYPE_IMAGE) return this.image(query);
    if (query.rawType === TYPE_VOICE) return [await this.voice(query.imgPath)];
    if (query.rawType === TYPE_VIDEO || query.rawType === TYPE_SHORT_VIDEO) return this.video(query.imgPath);
    if (query.rawType === TYPE_STICKER) return this.sticker(query.content);
    if (query.rawType === TYPE_APP) {
      const app = peekAppMessage(query.content);
      if (app?.appType && FILE_APP_TYPES.has(app.appType)) {
        // Files received on Android land in the shared-storage `Download/` folder under their own name (§4.1).
        return [
          mediaReference('file', await this.first(app.title ? [['Download', app.title]] : []), 'plain', app.title),
        ];
      }
    }
    return [];
  }

  /**
   * `imgPath` = `THUMBNAIL_DIRPATH://th_<hash>`: the thumbnail is `image2/<h0:2>/<h2:4>/th_<hash>`; the full image is
   * ImgInfo2's bigImgPath in the same two-level layout, its `hd` variant preferred (§4.5).
   */
  private async image(query: AndroidMediaQuery): Promise<MediaReference[]> {
    const big = query.sourceId ? this.images.get(query.sourceId) : undefined;
    const full = big
      ? await this.first([twoLevel('image2', `${big}hd`, big), twoLevel('image2', big, big)])
      : ({ reason: 'not-in-backup' } as const);
    const media = [mediaReference('image', full, 'plain', null)];
    const thumbName = query.imgPath?.startsWith(THUMBNAIL_SCHEME) ? query.imgPath.slice(THUMBNAIL_SCHEME.length) : null;
    if (thumbName) {
      const hash = thumbName.replace(/^th_/, '');
      const thumb = await this.first([twoLevel('image2', thumbName, hash)]);
      if ('path' in thumb) media.push(mediaReference('thumbnail', thumb, 'plain', null));
    }
    return media;
  }

  /** `voice2/<m0:2>/<m2:4>/msg_<imgPath>.amr`, m = md5(imgPath); AMR or SILK whatever the extension says. */
  private async voice(imgPath: string | null): Promise<MediaReference> {
    const found = imgPath
      ? await this.first([twoLevel('voice2', `msg_${imgPath}.amr`, md5Hex(imgPath))])
      : ({ reason: 'not-in-backup' } as const);
    return mediaReference('voice', found, 'path' in found ? await voiceEncoding(found.path) : 'silk', null);
  }

  /** `video/<imgPath>.mp4`, its thumbnail `video/<imgPath>.jpg` when present. */
  private async video(imgPath: string | null): Promise<MediaReference[]> {
    const video = imgPath ? await this.first([['video', `${imgPath}.mp4`]]) : ({ reason: 'not-in-backup' } as const);
    const media = [mediaReference('video', video, 'plain', null)];
    if (imgPath) {
      const thumb = await this.first([['video', `${imgPath}.jpg`]]);
      if ('path' in thumb) media.push(mediaReference('thumbnail', thumb, 'plain', null));
    }
    return media;
  }

  /**
   * Stickers live in the `emoji/` folder (§4.1, §4.5), named by their md5: `emoji/<md5>` or, as WD `emoji.py` reads
   * them, `emoji/<group>/<md5>`. A file there that is no image is WeChat's AES-encrypted copy (WD): it stays a
   * reference and is never decrypted. No file at all: the pipeline adds the 'sticker-not-in-backup' placeholder.
   */
  private async sticker(content: string): Promise<MediaReference[]> {
    const md5 = STICKER_MD5.exec(content)?.[1]?.toLowerCase();
    if (!md5) return [];
    this.emojiFolderList ??= emojiFolders(this.root);
    const found = await this.first((await this.emojiFolderList).map((folder) => [...folder, md5]));
    if (!('path' in found)) return [];
    if (await isImageFile(found.path)) return [mediaReference('sticker', found, 'plain', null)];
    return [
      {
        role: 'sticker',
        location: null,
        encoding: 'plain',
        missingReason: 'stored-encrypted-by-wechat',
        fileName: null,
      },
    ];
  }

  /** The first candidate (folder segments, then a file name from the database) that exists inside the root. */
  private async first(candidates: string[][]): Promise<Found> {
    let reason: 'not-in-backup' | 'path-outside-backup' = 'not-in-backup';
    for (const segments of candidates) {
      const path = segments.every(isPlainName) ? resolveInside(this.root, segments.join('/')) : null;
      if (!path) {
        reason = 'path-outside-backup';
        continue;
      }
      if (await isFile(path)) return { path };
    }
    return { reason };
  }
}

/** `<folder>/<key[0:2]>/<key[2:4]>/<name>`, the two-level layout of image2/ and voice2/ (§4.5). */
function twoLevel(folder: string, name: string, key: string): string[] {
  return [folder, key.slice(0, 2), key.slice(2, 4), name];
}

/** A single path segment: not empty, not `.` or `..`, no separators or NUL. */
function isPlainName(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\0]/.test(segment);
}

/** `emoji` itself, then each of its sub-folders (sticker groups). */
async function emojiFolders(root: string): Promise<string[][]> {
  try {
    const entries = await fs.readdir(`${root}/emoji`, { withFileTypes: true });
    return [['emoji'], ...entries.filter((e) => e.isDirectory() && isPlainName(e.name)).map((e) => ['emoji', e.name])];
  } catch {
    return [];
  }
}

async function isImageFile(path: string): Promise<boolean> {
  return sniffMime(await readFileHead(path, 16))?.startsWith('image/') ?? false;
}

/** `.amr` files hold AMR (`#!AMR`) or SILK (`#!SILK_V3`, often after 0x02): the header decides (§4.5, WD `audio.py`). */
async function voiceEncoding(path: string): Promise<'silk' | 'amr'> {
  return (await readFileHead(path, 6)).toString('latin1').startsWith('#!AMR') ? 'amr' : 'silk';
}
