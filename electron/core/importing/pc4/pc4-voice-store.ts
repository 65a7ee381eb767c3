import type { SourceDb } from '../open-source-db';
import { blob, integer, iterateRows, nonEmpty } from '../pc3/source-rows';
import type { Pc4File } from './locate-pc4';
import { openPc4Db } from './open-pc4-db';

/**
 * Voice clips of WeChat 4.x: `message/media_N.db` table `VoiceInfo`, row `svr_id` = the message's `server_id`,
 * `voice_data` = the audio (WECHAT-FORMATS.md §3.6, CL `GetVoice`). Every file is indexed once (ids only, read as
 * text so 64-bit ids stay exact) and clips are fetched by rowid when a message asks, one file open at a time.
 *
 * `data_index` (default '0') may number the parts of one clip; its meaning is UNVERIFIED, so the lowest index of
 * the first file that has the id is taken, as CL takes the first row.
 */
export class Pc4VoiceStore {
  private readonly index = new Map<string, { file: number; rowid: number }>();
  private open: { file: number; db: SourceDb } | null = null;

  private constructor(private readonly files: readonly Pc4File[]) {}

  static async build(files: readonly Pc4File[]): Promise<Pc4VoiceStore> {
    const store = new Pc4VoiceStore(files);
    for (const [file, source] of files.entries()) {
      const { db } = await openPc4Db(source);
      try {
        if (!db.tableNames().includes('VoiceInfo')) continue;
        const sql = 'SELECT rowid AS id, CAST(svr_id AS TEXT) AS svrid FROM VoiceInfo WHERE svr_id IS NOT NULL ORDER BY CAST(data_index AS INTEGER), rowid';
        for (const row of iterateRows(db, sql)) {
          const svrid = nonEmpty(row.svrid);
          const rowid = integer(row.id);
          if (svrid && svrid !== '0' && rowid !== null && !store.index.has(svrid)) store.index.set(svrid, { file, rowid });
        }
      } finally {
        db.close();
      }
    }
    return store;
  }

  /** The clip of the message with this server id, or null when no media file has it. */
  async bytesFor(svrid: string): Promise<Uint8Array | null> {
    const entry = this.index.get(svrid);
    if (!entry) return null;
    const db = await this.openFile(entry.file);
    const row = db.all<{ voice_data: Uint8Array | null }>('SELECT voice_data FROM VoiceInfo WHERE rowid = ?', [entry.rowid])[0];
    const bytes = blob(row?.voice_data);
    // Copy out of sql.js memory: the database is closed when another file is opened.
    return bytes ? Uint8Array.from(bytes) : null;
  }

  close(): void {
    this.open?.db.close();
    this.open = null;
  }

  private async openFile(file: number): Promise<SourceDb> {
    if (this.open?.file === file) return this.open.db;
    this.close();
    const { db } = await openPc4Db(this.files[file]!);
    this.open = { file, db };
    return db;
  }
}
