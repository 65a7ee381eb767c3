import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { openSourceDb } from '../reader-kit/open-source-db';
import { openRegularFile } from '../reader-kit/source-files';
import { ENMICROMSG, locateAndroid } from './locate-android';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * True for a folder holding EnMicroMsg.db, for a file named EnMicroMsg.db (even still encrypted: the reader then
 * refuses it with `source-encrypted` and an Android-specific message), and for any plain SQLite file that has the
 * `message` and `rcontact` tables (a decrypted copy saved under another name) (WECHAT-FORMATS.md §4.1–§4.3).
 */
export async function isAndroidSource(path: string): Promise<boolean> {
  const layout = await locateAndroid(path);
  if (!layout) return false;
  if (basename(layout.dbPath).toLowerCase() === ENMICROMSG.toLowerCase()) return true;
  if (!(await hasSqliteHeader(layout.dbPath))) return false;
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

async function hasSqliteHeader(path: string): Promise<boolean> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await openRegularFile(path);
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return bytesRead === 16 && head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
