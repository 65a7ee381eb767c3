import { IndexedBlobStore } from '../reader-kit/indexed-blob-store';
import type { Pc4File } from './locate-pc4';
import { openPc4Db } from './open-pc4-db';

export type Pc4VoiceStore = IndexedBlobStore<Pc4File>;

/**
 * Voice clips of WeChat 4.x: `message/media_N.db` table `VoiceInfo`, `svr_id` = the message's `server_id`,
 * `voice_data` = the audio (docs/wechat-formats.md §3.6, CL `GetVoice`). When several rows have the id, the newest by
 * `create_time` is taken, in whichever file it is, as WeChatDataAnalysis does (`chat_export_service.py`:
 * `SELECT voice_data FROM VoiceInfo WHERE svr_id = ? ORDER BY create_time DESC LIMIT 1`): a clip re-downloaded or
 * re-recorded is stored again under the same id. `data_index` (default '0') may number the parts of one clip; its
 * meaning is UNVERIFIED, so among rows of the same time the lowest index of the first file wins.
 */
export function buildPc4VoiceStore(files: readonly Pc4File[]): Promise<Pc4VoiceStore> {
  return IndexedBlobStore.build(files, async (file) => (await openPc4Db(file)).db, {
    table: 'VoiceInfo',
    idColumn: 'svr_id',
    blobColumn: 'voice_data',
    order: 'CAST(data_index AS INTEGER), rowid',
    newest: 'create_time',
  });
}
