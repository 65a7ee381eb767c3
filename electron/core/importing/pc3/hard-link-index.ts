import { openSourceDb, type SourceDb } from '../reader-kit/open-source-db';
import type { Pc3Layout, SourceFile } from './locate-pc3';

export type HardLinkKind = 'image' | 'video' | 'file';

/** Candidate paths, relative to the account root with `\` separators as WeChat writes them (§2.8). */
export interface HardLinkHit {
  full: string;
  /** Image thumbnails live under `Thumb` in place of `Image`; only a guess, so callers check it exists. */
  thumb: string | null;
}

const TABLES: Record<HardLinkKind, { attribute: string; ids: string }> = {
  image: { attribute: 'HardLinkImageAttribute', ids: 'HardLinkImageID' },
  video: { attribute: 'HardLinkVideoAttribute', ids: 'HardLinkVideoID' },
  file: { attribute: 'HardLinkFileAttribute', ids: 'HardLinkFileID' },
};

/**
 * The md5 → path indexes `Msg/HardLink{Image,Video,File}.db` (docs/wechat-formats.md §2.8), the fallback for messages
 * whose BytesExtra names no path. Each database is opened on first use and kept until `close()`.
 */
export class HardLinkIndex {
  private readonly open = new Map<HardLinkKind, SourceDb | null>();

  constructor(private readonly files: Pc3Layout['hardLinks']) {}

  /** Looks up the 32-hex-digit md5 from the message XML, stored as a 16-byte BLOB. Dir names are backup data. */
  async find(kind: HardLinkKind, md5Hex: string): Promise<HardLinkHit | null> {
    if (!/^[0-9a-fA-F]{32}$/.test(md5Hex)) return null;
    const db = await this.database(kind);
    if (!db) return null;
    const { attribute, ids } = TABLES[kind];
    const row = db.all<{ FileName: string | null; Dir1: string | null; Dir2: string | null }>(
      `SELECT a.FileName AS FileName, d1.Dir AS Dir1, d2.Dir AS Dir2 FROM "${attribute}" a
         LEFT JOIN "${ids}" d1 ON d1.DirID = a.DirID1 LEFT JOIN "${ids}" d2 ON d2.DirID = a.DirID2
        WHERE a.MD5 = ? LIMIT 1`,
      [Buffer.from(md5Hex, 'hex')],
    )[0];
    if (!row?.FileName || !row.Dir2) return null;
    if (kind === 'image') {
      if (!row.Dir1) return null;
      const base = `FileStorage\\MsgAttach\\${row.Dir1}`;
      return {
        full: `${base}\\Image\\${row.Dir2}\\${row.FileName}`,
        thumb: `${base}\\Thumb\\${row.Dir2}\\${row.FileName}`,
      };
    }
    return { full: `FileStorage\\${kind === 'video' ? 'Video' : 'File'}\\${row.Dir2}\\${row.FileName}`, thumb: null };
  }

  close(): void {
    for (const db of this.open.values()) db?.close();
    this.open.clear();
  }

  private async database(kind: HardLinkKind): Promise<SourceDb | null> {
    if (this.open.has(kind)) return this.open.get(kind) ?? null;
    const source: SourceFile | null = this.files[kind];
    let db: SourceDb | null = null;
    if (source) {
      db = await openSourceDb(source.absPath, source.label);
      const tables = db.tableNames();
      const { attribute, ids } = TABLES[kind];
      if (!tables.includes(attribute) || !tables.includes(ids)) {
        db.close();
        db = null;
      }
    }
    this.open.set(kind, db);
    return db;
  }
}
