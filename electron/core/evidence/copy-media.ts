import type { MediaRef, MessageView } from '../../ipc/contract';
import { sniffMime } from '../media/sniff-mime';
import { decodeVoice } from '../media/decode-voice';
import { one } from '../db/sqlite';
import type { VaultReader } from '../store/vault-reader';
import { PLAYABLE_VOICE_ROLE, type ExportMedia } from './export-message';
import { HashedFile, writeBagFile, type BagFile } from './hashed-file';
import type { Redactor } from './redactor';
import { sanitizeFileName } from '../../common/file-name';
import { extensionFor } from './media-extension';

export const MEDIA_DIR = 'data/media';
/** More than sniffMime reads of a file's start. */
const SNIFF_BYTES = 16;

/**
 * Copies the media of one bag's messages out of the vault, decrypted, into `data/media/`, one file per media
 * item (an image that is also its own thumbnail is copied once). Each part of a split export has its own copier,
 * so every part holds the media its messages show. A voice recording (SILK or AMR, which no browser or media
 * player opens) is also decoded to a WAV file beside it, so the transcript plays it; the original stays the
 * evidence.
 */
export class MediaCopier {
  private readonly copied = new Map<string, { path: string; mime: string | null; bytes: number }>();
  /** Lower-cased, since macOS and Windows file systems do not tell case apart. */
  private readonly usedNames = new Set<string>();
  readonly files: BagFile[] = [];
  bytes = 0;
  missing = 0;

  constructor(
    private readonly session: VaultReader,
    private readonly root: string,
    private readonly redactor: Redactor,
  ) {}

  async copy(message: MessageView): Promise<ExportMedia[]> {
    const out: ExportMedia[] = [];
    for (const ref of message.media) {
      const copied = await this.copyOne(message, ref);
      out.push(copied);
      if (copied.role === 'voice' && copied.path && ref.mediaId) {
        const playable = await this.copyPlayableVoice(message, ref.mediaId, copied);
        if (playable) out.push(playable);
      }
    }
    return out;
  }

  /**
   * The WAV copy of a voice recording, or null when the recording already is a WAV file or cannot be decoded
   * (a damaged recording is still exported as it is, and the transcript links it).
   */
  private async copyPlayableVoice(
    message: MessageView,
    mediaId: string,
    original: ExportMedia,
  ): Promise<ExportMedia | null> {
    if (original.mime === 'audio/wav') return null;
    const key = `${mediaId}:wav`;
    const done = this.copied.get(key);
    if (done) return { role: PLAYABLE_VOICE_ROLE, fileName: null, ...done, missingReason: null };
    let wav: Uint8Array;
    try {
      wav = (await decodeVoice(await this.session.readMediaFile(mediaId))).wav;
    } catch {
      return null;
    }
    const path = `${MEDIA_DIR}/${this.uniqueName(message, 'voice', null, 'audio/wav')}`;
    const file = await writeBagFile(this.root, path, wav);
    this.files.push(file);
    this.bytes += file.bytes;
    const entry = { path, mime: 'audio/wav', bytes: file.bytes };
    this.copied.set(key, entry);
    return { role: PLAYABLE_VOICE_ROLE, fileName: null, ...entry, missingReason: null };
  }

  private async copyOne(message: MessageView, ref: MediaRef): Promise<ExportMedia> {
    const fileName = typeof ref.fileName === 'string' && ref.fileName ? this.redactor.text(ref.fileName) : null;
    const base = { role: String(ref.role), fileName: fileName === null ? null : sanitizeFileName(fileName) };
    if (!ref.mediaId) {
      this.missing++;
      return { ...base, path: null, mime: null, bytes: null, missingReason: ref.missingReason ?? 'not-in-backup' };
    }
    const done = this.copied.get(ref.mediaId);
    if (done) return { ...base, ...done, missingReason: null };
    const row = one<{ mime: string | null }>(this.session.catalog, 'SELECT mime FROM media WHERE file_id = ?', [
      ref.mediaId,
    ]);
    if (!row) {
      this.missing++;
      return { ...base, path: null, mime: null, bytes: null, missingReason: 'not-in-vault' };
    }
    const file = await this.streamMedia(ref.mediaId, (head) => {
      const mime = row.mime ?? sniffMime(head);
      return { mime, path: `${MEDIA_DIR}/${this.uniqueName(message, base.role, base.fileName, mime)}` };
    });
    const { path, mime } = file;
    this.files.push(file.written);
    this.bytes += file.written.bytes;
    const entry = { path, mime, bytes: file.written.bytes };
    this.copied.set(ref.mediaId, entry);
    return { ...base, ...entry, missingReason: null };
  }

  /**
   * Decrypts a media item into the bag a chunk at a time, hashed as it is written, so a large video is never in
   * memory whole. Where it goes is decided from its first bytes (its type, when the catalog does not know it).
   */
  private async streamMedia(
    mediaId: string,
    place: (head: Uint8Array) => { mime: string | null; path: string },
  ): Promise<{ mime: string | null; path: string; written: BagFile }> {
    const chunks = this.session.mediaChunks(mediaId);
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let next = await chunks.next();
    // Chunks are 64 KiB; sniffing reads 16 bytes.
    for (; !next.done && headBytes < SNIFF_BYTES; next = await chunks.next()) {
      head.push(next.value);
      headBytes += next.value.byteLength;
    }
    const { mime, path } = place(Buffer.concat(head));
    const file = await HashedFile.create(this.root, path);
    try {
      for (const chunk of head) await file.write(chunk);
      for (; !next.done; next = await chunks.next()) await file.write(next.value);
    } catch (error) {
      await file.abandon();
      await chunks.return(undefined);
      throw error;
    }
    return { mime, path, written: await file.close() };
  }

  /** `<message id>-<sender's file name>` or `<message id>-<role>.<ext>`, made unique with `-2`, `-3`… */
  private uniqueName(message: MessageView, role: string, fileName: string | null, mime: string | null): string {
    const wanted = sanitizeFileName(
      fileName ? `${message.id}-${fileName}` : `${message.id}-${role}${extensionFor(mime)}`,
    );
    const dot = wanted.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
    let name = wanted;
    for (let n = 2; this.usedNames.has(name.toLowerCase()); n++) name = `${stem}-${n}${extension}`;
    this.usedNames.add(name.toLowerCase());
    return name;
  }
}
