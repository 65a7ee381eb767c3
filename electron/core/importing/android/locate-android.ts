import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Where the Android database is and where its media folders are looked for (docs/wechat-formats.md §4.1, §4.5). */
export interface AndroidLayout {
  /** The folder media paths resolve under (`image2/`, `voice2/`, `video/`, `Download/`). */
  root: string;
  dbPath: string;
  /** The database's name relative to `root`, for messages and errors. */
  label: string;
  /**
   * The database as the import pipeline names it for provenance (`SourceDescription.files`, relative to the path
   * the person picked): its name in a picked folder, its full path when the file itself was picked, since the
   * pipeline cannot name a file "inside" a file.
   */
  provenance: string;
}

export const ENMICROMSG = 'EnMicroMsg.db';

/**
 * The user picks the user folder (`MicroMsg/<md5("mm"+uin)>/`, holding EnMicroMsg.db and, copied beside it, the
 * media folders) or a database file; then the file's own folder is where media is looked for.
 */
export async function locateAndroid(picked: string): Promise<AndroidLayout | null> {
  const path = resolve(picked);
  const stat = await statOf(path);
  if (stat?.isDirectory()) {
    const dbPath = join(path, ENMICROMSG);
    return (await statOf(dbPath))?.isFile() ? { root: path, dbPath, label: ENMICROMSG, provenance: ENMICROMSG } : null;
  }
  return stat?.isFile() ? { root: dirname(path), dbPath: path, label: basename(path), provenance: path } : null;
}

async function statOf(path: string): Promise<Awaited<ReturnType<typeof fs.stat>> | null> {
  try {
    return await fs.stat(path);
  } catch {
    return null;
  }
}
