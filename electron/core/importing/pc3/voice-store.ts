import { IndexedBlobStore } from '../reader-kit/indexed-blob-store';
import { openSourceDb } from '../reader-kit/open-source-db';
import type { SourceFile } from './locate-pc3';

export { voiceEncoding } from '../reader-kit/indexed-blob-store';

export type VoiceStore = IndexedBlobStore<SourceFile>;

/**
 * Voice clips of PC WeChat 3.x: `Msg/Multi/MediaMSGn.db` table `Media`, `Reserved0` = the message's `MsgSvrID`,
 * `Buf` = the audio (docs/wechat-formats.md §2.7). The file index n does not follow MSGn, so every file is indexed.
 */
export function buildVoiceStore(files: readonly SourceFile[]): Promise<VoiceStore> {
  return IndexedBlobStore.build(files, (source) => openSourceDb(source.absPath, source.label), {
    table: 'Media',
    idColumn: 'Reserved0',
    blobColumn: 'Buf',
  });
}
