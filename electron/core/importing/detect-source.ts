import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { LocketError } from '../errors';
import type { SourceFormatEntry } from './model';
import { hasSqliteHeader } from './reader-kit/open-source-db';
import { sourceFormats } from './source-formats';

const DATABASE_NAME = /\.(db|sqlite|sqlite3)$/i;

/**
 * Finds what a folder or file is. Throws `source-encrypted` for a WeChat database that is still encrypted
 * (import nothing from it) and `source-unrecognized` for anything Locket cannot read.
 */
export async function detectSource(pathInput: string): Promise<SourceFormatEntry> {
  const path = resolve(pathInput);
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    throw new LocketError('source-unrecognized', `Nothing to import at ${path}: it does not exist or cannot be read.`, {
      path,
    });
  }
  // A FIFO, socket or device would block a reader for ever: only files and folders are sources.
  if (!stat.isFile() && !stat.isDirectory())
    throw new LocketError(
      'source-unrecognized',
      `${path} is not a file or a folder; Locket imports backup folders and export files.`,
      { path },
    );
  const entry = await recognizedFormat(path);
  if (entry) return entry;
  if (stat.isFile() && DATABASE_NAME.test(path) && !(await startsWithSqliteHeader(path))) {
    throw new LocketError(
      'source-encrypted',
      `${basename(path)} is still encrypted by WeChat. Locket never decrypts WeChat databases; import a decrypted copy, an unencrypted iPhone backup, or another tool's export instead.`,
      { path },
    );
  }
  throw new LocketError(
    'source-unrecognized',
    `Locket does not recognize ${path}. It imports unencrypted iPhone backups, decrypted WeChat databases (the account folder that holds Msg/), and export files of other tools.`,
    { path },
  );
}

/** The first format (most specific first) that recognizes the folder or file, or null. */
export async function recognizedFormat(path: string): Promise<SourceFormatEntry | null> {
  for (const entry of sourceFormats) if (await entry.detect(path)) return entry;
  return null;
}

async function startsWithSqliteHeader(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r');
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    return hasSqliteHeader(head);
  } finally {
    await handle.close();
  }
}
