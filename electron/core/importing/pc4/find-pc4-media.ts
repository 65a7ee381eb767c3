import type { MediaReference, MediaRole } from '../model';
import { voiceEncoding } from '../reader-kit/indexed-blob-store';
import { mediaReference, type FoundMedia } from '../reader-kit/media-reference';
import { peekAppMessage } from '../reader-kit/peek-app-message';
import { resolveInside } from '../reader-kit/safe-path';
import { isFile } from '../reader-kit/source-files';
import { classifyDatFile } from './classify-dat-file';
import type { PackedInfo } from './decode-packed-info';
import type { HardLinkKind, Pc4HardLinkIndex } from './pc4-hardlink-index';
import type { Pc4VoiceStore } from './pc4-voice-store';

const TYPE_IMAGE = 3;
const TYPE_VOICE = 34;
const TYPE_VIDEO = 43;
const TYPE_APP = 49;
const FILE_APP_TYPES = new Set([6, 74]);

/** What the media finder needs to know about one `Msg_<md5>` row. */
export interface Pc4MediaQuery {
  baseType: number;
  subType: number;
  sourceId: string | null;
  /** md5 of the conversation's username: the table name's hash, and the first folder of CL's direct image path. */
  chatHash: string;
  /** UTC seconds, for the `YYYY-MM` folder of direct paths. */
  time: number;
  content: string;
  packedInfo: PackedInfo;
}

type Found = FoundMedia<'not-in-backup' | 'path-outside-backup'>;

/** Regexes rather than an XML parser: readers only look into XML to find media (model.ts). */
const XML_MD5: Record<HardLinkKind, RegExp> = {
  image: /<img\b[^>]*?\smd5\s*=\s*["']([0-9a-fA-F]{32})["']/,
  video: /<videomsg\b[^>]*?\smd5\s*=\s*["']([0-9a-fA-F]{32})["']/,
  file: /<md5>\s*([0-9a-fA-F]{32})\s*<\/md5>/,
};

/**
 * Finds the media of a WeChat 4.x message (docs/wechat-formats.md §3.6–§3.8): voice in media_N.db by server id; images,
 * videos and files through hardlink.db by md5, then by CL's direct paths (`msg/attach/<md5(talker)>/<YYYY-MM>/Img/
 * <md5>[_h|_t].dat`, `msg/video/<YYYY-MM>/<md5>.mp4`, `msg/file/<YYYY-MM>/<name>`). Every path comes from backup
 * data, so it goes through `resolveInside`.
 */
export class Pc4MediaFinder {
  constructor(
    private readonly accountRoot: string,
    private readonly voices: Pc4VoiceStore,
    private readonly hardLinks: Pc4HardLinkIndex,
  ) {}

  /** The message's media, and warnings about it for the message. */
  async find(query: Pc4MediaQuery): Promise<{ media: MediaReference[]; warnings: string[] }> {
    const warnings: string[] = [];
    if (query.baseType === TYPE_VOICE) return { media: [await this.voice(query.sourceId)], warnings };
    if (query.baseType === TYPE_IMAGE) return { media: await this.image(query, warnings), warnings };
    if (query.baseType === TYPE_VIDEO) return { media: [await this.video(query)], warnings };
    if (query.baseType === TYPE_APP) {
      const app = peekAppMessage(query.content);
      const appType = query.subType || Number(app?.appType ?? 0);
      if (FILE_APP_TYPES.has(appType)) return { media: [await this.file(query, app?.title ?? null)], warnings };
    }
    return { media: [], warnings };
  }

  private async voice(sourceId: string | null): Promise<MediaReference> {
    const bytes = sourceId ? await this.voices.bytesFor(sourceId) : null;
    if (!bytes)
      return { role: 'voice', location: null, encoding: 'silk', missingReason: 'not-in-backup', fileName: null };
    return { role: 'voice', location: { bytes }, encoding: voiceEncoding(bytes), missingReason: null, fileName: null };
  }

  /** packed_info_data's md5 names the `.dat` (CL); the XML `<img md5>` is the fallback. `_h.dat` is preferred. */
  private async image(query: Pc4MediaQuery, warnings: string[]): Promise<MediaReference[]> {
    const md5s = unique([query.packedInfo.imageMd5, xmlMd5('image', query.content)]);
    const candidates: string[] = [];
    for (const md5 of md5s) {
      const linked = await this.hardLinks.find('image', md5);
      if (linked) candidates.push(linked);
    }
    for (const month of monthsAround(query.time)) {
      for (const md5 of md5s) {
        const dir = `msg/attach/${query.chatHash}/${month}/Img`;
        candidates.push(`${dir}/${md5}_h.dat`, `${dir}/${md5}.dat`);
      }
    }
    const found = await this.first(candidates);
    if (!('path' in found))
      return [
        { role: 'image', location: null, encoding: 'wechat-xor-dat', missingReason: found.reason, fileName: null },
      ];
    const media = [await this.datReference('image', found.path, warnings)];
    const thumb = await this.first([found.path.replace(/(?:_h)?\.dat$/i, '_t.dat')], true);
    if ('path' in thumb && thumb.path !== found.path)
      media.push(await this.datReference('thumbnail', thumb.path, warnings));
    return media;
  }

  private async video(query: Pc4MediaQuery): Promise<MediaReference> {
    const md5s = unique([query.packedInfo.videoMd5, xmlMd5('video', query.content)]);
    const candidates: string[] = [];
    for (const md5 of md5s) {
      const linked = await this.hardLinks.find('video', md5);
      if (linked) candidates.push(linked);
    }
    for (const month of monthsAround(query.time))
      for (const md5 of md5s) candidates.push(`msg/video/${month}/${md5}.mp4`);
    return mediaReference('video', await this.first(candidates), 'plain', null);
  }

  private async file(query: Pc4MediaQuery, title: string | null): Promise<MediaReference> {
    const md5 = xmlMd5('file', query.content);
    const candidates: string[] = [];
    const linked = md5 ? await this.hardLinks.find('file', md5) : null;
    if (linked) candidates.push(linked);
    if (title) for (const month of monthsAround(query.time)) candidates.push(`msg/file/${month}/${title}`);
    return mediaReference('file', await this.first(candidates), 'plain', title);
  }

  /** An image `.dat`: AES ones are kept as references WeChat encrypted (§3.8); never decrypted. */
  private async datReference(role: MediaRole, absPath: string, warnings: string[]): Promise<MediaReference> {
    const kind = await classifyDatFile(absPath);
    if (kind === 'aes')
      return {
        role,
        location: { path: absPath },
        encoding: 'wechat-aes-dat',
        missingReason: 'stored-encrypted-by-wechat',
        fileName: null,
      };
    if (kind === 'unknown') warnings.push('dat-format-unknown');
    return { role, location: { path: absPath }, encoding: 'wechat-xor-dat', missingReason: null, fileName: null };
  }

  /**
   * The first candidate that exists inside the account folder. Relative candidates come from backup data; an
   * absolute one (`isAbsolute`) was already resolved.
   */
  private async first(candidates: string[], isAbsolute = false): Promise<Found> {
    let reason: 'not-in-backup' | 'path-outside-backup' = 'not-in-backup';
    for (const candidate of candidates) {
      const path = isAbsolute ? candidate : resolveInside(this.accountRoot, candidate);
      if (!path) {
        reason = 'path-outside-backup';
        continue;
      }
      if (await isFile(path)) return { path };
    }
    return { reason };
  }
}

function xmlMd5(kind: HardLinkKind, content: string): string | null {
  return XML_MD5[kind].exec(content)?.[1]?.toLowerCase() ?? null;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/**
 * The `YYYY-MM` folders a message may be filed under. WeChat names them in the phone's or PC's local time, which
 * the backup does not record; every offset from UTC-12 to UTC+14 falls in one of these (usually one) months.
 */
export function monthsAround(time: number): string[] {
  const month = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 7);
  return [...new Set([month(time), month(time - 12 * 3600), month(time + 14 * 3600)])];
}
