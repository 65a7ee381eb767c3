import { openSourceDb, type SourceDb } from '../open-source-db';
import type { SourceFile } from './locate-pc3';
import { blob, integer, iterateRows, nonEmpty } from './source-rows';

/**
 * Voice clips of PC WeChat 3.x: `Msg/Multi/MediaMSGn.db` table `Media`, row `Reserved0` = the message's
 * `MsgSvrID`, `Buf` = the audio (WECHAT-FORMATS.md §2.7). The file index n does not follow MSGn, so every file is
 * indexed once (ids only, read as text so 64-bit ids stay exact) and clips are fetched by rowid on demand. Only one
 * MediaMSG file is open at a time: messages are read in time order and the files are split by time.
 */
export class VoiceStore {
  private readonly index = new Map<string, { file: number; rowid: number }>();
  private open: { file: number; db: SourceDb } | null = null;

  private constructor(private readonly files: readonly SourceFile[]) {}

  static async build(files: readonly SourceFile[]): Promise<VoiceStore> {
    const store = new VoiceStore(files);
    for (const [file, source] of files.entries()) {
      const db = await openSourceDb(source.absPath, source.label);
      try {
        if (!db.tableNames().includes('Media')) continue;
        for (const row of iterateRows(db, 'SELECT rowid AS id, CAST(Reserved0 AS TEXT) AS svrid FROM Media WHERE Reserved0 IS NOT NULL')) {
          const svrid = nonEmpty(row.svrid);
          const rowid = integer(row.id);
          // The first file that has the clip wins, as in CL's loop over the files.
          if (svrid && svrid !== '0' && rowid !== null && !store.index.has(svrid)) store.index.set(svrid, { file, rowid });
        }
      } finally {
        db.close();
      }
    }
    return store;
  }

  get size(): number {
    return this.index.size;
  }

  /** The clip of the message with this server id, or null when no MediaMSG file has it. */
  async bytesFor(svrid: string): Promise<Uint8Array | null> {
    const entry = this.index.get(svrid);
    if (!entry) return null;
    const db = await this.openFile(entry.file);
    const row = db.all<{ Buf: Uint8Array | null }>('SELECT Buf FROM Media WHERE rowid = ?', [entry.rowid])[0];
    const bytes = blob(row?.Buf);
    // Copy out of sql.js memory: the database is closed when the next file is opened.
    return bytes ? Uint8Array.from(bytes) : null;
  }

  close(): void {
    this.open?.db.close();
    this.open = null;
  }

  private async openFile(file: number): Promise<SourceDb> {
    if (this.open?.file === file) return this.open.db;
    this.close();
    const source = this.files[file]!;
    this.open = { file, db: await openSourceDb(source.absPath, source.label) };
    return this.open.db;
  }
}

const AMR_MAGIC = Buffer.from('#!AMR', 'latin1');

/** SILK v3 (with or without WeChat's 0x02 prefix) unless the clip starts with the AMR magic (§7 item 8). */
export function voiceEncoding(bytes: Uint8Array): 'silk' | 'amr' {
  return Buffer.from(bytes.subarray(0, AMR_MAGIC.length)).equals(AMR_MAGIC) ? 'amr' : 'silk';
}
