import type { SourceDb } from '../reader-kit/open-source-db';
import { nonEmpty, type SourceRow } from '../reader-kit/source-rows';
import type { Pc4File } from './locate-pc4';
import { openPc4Db } from './open-pc4-db';

export type HardLinkKind = 'image' | 'video' | 'file';

/**
 * `hardlink/hardlink.db` (docs/wechat-formats.md §3.7): md5 → file name and two directory ids that index `dir2id`.
 * Tables are `<kind>_hardlink_info_v3`, renamed `_v4` from WeChat 4.1 (CL falls back the same way).
 * Returned paths are relative to the account root and come from backup data: callers resolve them safely.
 */
export class Pc4HardLinkIndex {
  private db: SourceDb | null = null;
  private opened = false;

  constructor(private readonly file: Pc4File | null) {}

  async find(kind: HardLinkKind, md5: string): Promise<string | null> {
    if (!/^[0-9a-f]{32}$/.test(md5)) return null;
    const db = await this.database();
    if (!db) return null;
    const tables = db.tableNames();
    const table = [`${kind}_hardlink_info_v3`, `${kind}_hardlink_info_v4`].find((t) => tables.includes(t));
    if (!table || !tables.includes('dir2id')) return null;
    const row = db.all<SourceRow>(
      `SELECT h.file_name AS file_name, d1.username AS dir1, d2.username AS dir2 FROM "${table}" h
         LEFT JOIN dir2id d1 ON d1.rowid = h.dir1 LEFT JOIN dir2id d2 ON d2.rowid = h.dir2
        WHERE h.md5 = ? LIMIT 1`,
      [md5],
    )[0];
    const fileName = nonEmpty(row?.file_name);
    const dir1 = nonEmpty(row?.dir1);
    if (!fileName || !dir1) return null;
    // CL `media_v4.go`: images sit two levels down (chat hash, month); videos and files one (month).
    if (kind === 'image') {
      const dir2 = nonEmpty(row?.dir2);
      return dir2 ? `msg/attach/${dir1}/${dir2}/Img/${fileName}` : null;
    }
    return `msg/${kind}/${dir1}/${fileName}`;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private async database(): Promise<SourceDb | null> {
    if (!this.opened && this.file) this.db = (await openPc4Db(this.file)).db;
    this.opened = true;
    return this.db;
  }
}
