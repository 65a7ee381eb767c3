import type { MediaReference, MediaRole } from '../model';
import { resolveInside } from '../reader-kit/safe-path';
import { isFile } from '../reader-kit/source-files';
import {
  BYTES_EXTRA_FULL_PATH,
  BYTES_EXTRA_THUMB_PATH,
  bytesExtraValue,
  type BytesExtraItem,
} from './decode-bytes-extra';
import { HardLinkIndex, type HardLinkKind } from './hard-link-index';
import type { Pc3Layout } from './locate-pc3';
import { buildVoiceStore, voiceEncoding, type VoiceStore } from './voice-store';

const TYPE_IMAGE = 3;
const TYPE_VOICE = 34;
const TYPE_VIDEO = 43;
const TYPE_STICKER = 47;
const TYPE_APP = 49;

/** What the media finder needs to know about one MSG row. */
export interface MediaQuery {
  type: number;
  subType: number | null;
  sourceId: string | null;
  content: string;
  bytesExtra: readonly BytesExtraItem[];
}

/**
 * Finds the files and blobs a PC 3.x message refers to (docs/wechat-formats.md §2.4, §2.7–§2.9):
 * BytesExtra items 4 (full) and 3 (thumbnail) first, the HardLink md5 index when BytesExtra names no file, and
 * MediaMSG for voice. Every path comes from backup data, so it goes through `resolveInside`.
 */
export class Pc3MediaFinder {
  private constructor(
    private readonly accountRoot: string,
    private readonly voices: VoiceStore,
    private readonly hardLinks: HardLinkIndex,
  ) {}

  static async open(layout: Pc3Layout): Promise<Pc3MediaFinder> {
    return new Pc3MediaFinder(
      layout.accountRoot,
      await buildVoiceStore(layout.mediaDbs),
      new HardLinkIndex(layout.hardLinks),
    );
  }

  async find(message: MediaQuery): Promise<MediaReference[]> {
    if (message.type === TYPE_VOICE) return [await this.voice(message.sourceId)];
    const role = fullRole(message.type, message.subType);
    const media: MediaReference[] = [];
    const full = bytesExtraValue(message.bytesExtra, BYTES_EXTRA_FULL_PATH);
    const thumb = bytesExtraValue(message.bytesExtra, BYTES_EXTRA_THUMB_PATH);
    if (full) media.push(await this.fromBackupPath(stripAccountFolder(full), role));
    if (thumb) media.push(await this.fromBackupPath(stripAccountFolder(thumb), 'thumbnail'));
    if (!full) media.push(...(await this.fromHardLink(message, role)));
    return media;
  }

  close(): void {
    this.voices.close();
    this.hardLinks.close();
  }

  private async voice(sourceId: string | null): Promise<MediaReference> {
    const bytes = sourceId ? await this.voices.bytesFor(sourceId) : null;
    if (!bytes)
      return { role: 'voice', location: null, encoding: 'silk', missingReason: 'not-in-backup', fileName: null };
    return { role: 'voice', location: { bytes }, encoding: voiceEncoding(bytes), missingReason: null, fileName: null };
  }

  /** `path` is relative to the account root, `\`- or `/`-separated, straight from the backup. */
  private async fromBackupPath(path: string, role: MediaRole): Promise<MediaReference> {
    const fileName = role === 'file' ? lastSegment(path) : null;
    const encoding = isXorDat(path, role) ? 'wechat-xor-dat' : 'plain';
    const absPath = path ? resolveInside(this.accountRoot, path) : null;
    if (!absPath) return { role, location: null, encoding, missingReason: 'path-outside-backup', fileName };
    if (!(await isFile(absPath))) return { role, location: null, encoding, missingReason: 'not-in-backup', fileName };
    return { role, location: { path: absPath }, encoding, missingReason: null, fileName };
  }

  /**
   * The md5 in the message XML keyed into HardLink*.db (§2.8). Messages that should carry media but have no
   * path anywhere get a reference with no location, so the report counts them as missing.
   */
  private async fromHardLink(message: MediaQuery, role: MediaRole): Promise<MediaReference[]> {
    const kind = hardLinkKind(message.type, message.subType);
    if (!kind) return [];
    const md5 = xmlMd5(kind, message.content);
    const hit = md5 ? await this.hardLinks.find(kind, md5) : null;
    if (!hit)
      return [
        {
          role,
          location: null,
          encoding: kind === 'image' ? 'wechat-xor-dat' : 'plain',
          missingReason: 'not-in-backup',
          fileName: null,
        },
      ];
    const media = [await this.fromBackupPath(hit.full, role)];
    if (hit.thumb) {
      const thumb = await this.fromBackupPath(hit.thumb, 'thumbnail');
      // The Thumb path is derived, not stored: keep it only when the file is really there.
      if (thumb.location) media.push(thumb);
    }
    return media;
  }
}

/**
 * BytesExtra paths start with the account folder (`wxid_xxx\FileStorage\…`); every tool drops that first
 * component and resolves the rest under the account folder (§2.4).
 */
export function stripAccountFolder(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.slice(1).join('\\');
}

function fullRole(type: number, subType: number | null): MediaRole {
  if (type === TYPE_IMAGE) return 'image';
  if (type === TYPE_VIDEO) return 'video';
  if (type === TYPE_STICKER) return 'sticker';
  if (type === TYPE_APP && subType === 2) return 'image';
  if (type === TYPE_APP && subType === 8) return 'sticker';
  return 'file';
}

function hardLinkKind(type: number, subType: number | null): HardLinkKind | null {
  if (type === TYPE_IMAGE) return 'image';
  if (type === TYPE_VIDEO) return 'video';
  if (type === TYPE_APP && (subType === 6 || subType === 74)) return 'file';
  return null;
}

/** Regexes rather than an XML parser: readers only look into XML to find media (model.ts). */
const MD5_PATTERNS: Record<HardLinkKind, RegExp> = {
  image: /<img\b[^>]*?\smd5\s*=\s*["']([0-9a-fA-F]{32})["']/,
  video: /<videomsg\b[^>]*?\smd5\s*=\s*["']([0-9a-fA-F]{32})["']/,
  file: /<md5>\s*([0-9a-fA-F]{32})\s*<\/md5>/,
};

function xmlMd5(kind: HardLinkKind, content: string): string | null {
  return MD5_PATTERNS[kind].exec(content)?.[1] ?? null;
}

/** §2.9: images and thumbnails under MsgAttach are `.dat` files XORed with one byte; files keep their own bytes. */
function isXorDat(path: string, role: MediaRole): boolean {
  return role !== 'file' && role !== 'video' && /\.dat$/i.test(path);
}

function lastSegment(path: string): string | null {
  const name = path.split(/[\\/]/).pop();
  return name ? name : null;
}
