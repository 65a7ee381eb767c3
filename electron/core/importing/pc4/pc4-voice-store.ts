import { IndexedBlobStore } from '../indexed-blob-store';
import type { Pc4File } from './locate-pc4';
import { openPc4Db } from './open-pc4-db';

export type Pc4VoiceStore = IndexedBlobStore<Pc4File>;

/**
 * Voice clips of WeChat 4.x: `message/media_N.db` table `VoiceInfo`, `svr_id` = the message's `server_id`,
 * `voice_data` = the audio (WECHAT-FORMATS.md §3.6, CL `GetVoice`). `data_index` (default '0') may number the parts
 * of one clip; its meaning is UNVERIFIED, so the lowest index of the first file that has the id is taken, as CL takes
 * the first row.
 */
export function buildPc4VoiceStore(files: readonly Pc4File[]): Promise<Pc4VoiceStore> {
  return IndexedBlobStore.build(files, async (file) => (await openPc4Db(file)).db, {
    table: 'VoiceInfo',
    idColumn: 'svr_id',
    blobColumn: 'voice_data',
    order: 'CAST(data_index AS INTEGER), rowid',
  });
}
