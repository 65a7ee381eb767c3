import { basename } from 'node:path';
import { hasSqliteHeader, openSourceDb } from '../reader-kit/open-source-db';
import { readFileHead } from '../reader-kit/source-files';
import { ENMICROMSG, locateAndroid } from './locate-android';

/**
 * True for a folder holding EnMicroMsg.db, for a file named EnMicroMsg.db (even still encrypted: the reader then
 * refuses it with `source-encrypted` and an Android-specific message), and for any plain SQLite file that has the
 * `message` and `rcontact` tables (a decrypted copy saved under another name) (docs/wechat-formats.md §4.1–§4.3).
 */
export async function isAndroidSource(path: string): Promise<boolean> {
  const layout = await locateAndroid(path);
  if (!layout) return false;
  if (basename(layout.dbPath).toLowerCase() === ENMICROMSG.toLowerCase()) return true;
  if (!hasSqliteHeader(await readFileHead(layout.dbPath, 16))) return false;
  try {
    const db = await openSourceDb(layout.dbPath, layout.label);
    try {
      const tables = new Set(db.tableNames());
      return tables.has('message') && tables.has('rcontact');
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
