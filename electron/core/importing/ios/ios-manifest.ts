import { parseBuffer } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import type { SourceOrigin } from '../../../ipc/contract';
import { LocketError } from '../../errors';
import { openSourceDb, type SourceDb } from '../reader-kit/open-source-db';
import { resolveInside } from '../reader-kit/safe-path';
import { iosOrigin } from './ios-origin';
import { readRegularFile } from '../reader-kit/source-files';

/** The domain WeChat's own files live in (docs/wechat-formats.md §5.1). */
export const WECHAT_DOMAIN = 'AppDomain-com.tencent.xin';

/** Manifest.db `flags` of a regular file; directories and links have other values. */
const FLAG_REGULAR_FILE = 1;
const FILE_ID = /^[0-9a-f]{40}$/i;

export type Located = { path: string; storedPath: string } | { reason: 'not-in-backup' | 'path-outside-backup' };

const ENCRYPTED_MESSAGE =
  'This iPhone backup is encrypted, and Locket imports only unencrypted backups. In Finder (or iTunes), select the iPhone, ' +
  'turn off "Encrypt local backup", make a new backup, and import that one.';

/**
 * Reads Manifest.plist, binary (Finder) or XML (older iTunes). Returns null when the file is absent: the backup
 * may still be readable, and Manifest.db itself will say whether it is encrypted.
 */
export async function readManifestPlist(root: string): Promise<Record<string, unknown> | null> {
  const path = resolveInside(root, 'Manifest.plist');
  if (!path) return null;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path);
  } catch {
    return null;
  }
  try {
    const value: unknown =
      bytes.subarray(0, 6).toString('latin1') === 'bplist'
        ? parseBuffer(bytes)[0]
        : parseXmlPlist(bytes.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new LocketError(
      'source-damaged',
      'Manifest.plist in the iPhone backup is damaged and cannot be read.',
      { file: 'Manifest.plist' },
      { cause: error },
    );
  }
  throw new LocketError('source-damaged', 'Manifest.plist in the iPhone backup does not hold a dictionary.', {
    file: 'Manifest.plist',
  });
}

/**
 * The backup's index of WeChat files: relative path in the app domain → stored file. Only regular files whose
 * relative path and file id are plain (no `..`, no absolute paths) are kept; anything else could point outside
 * the backup and is never read.
 */
export class IosManifest {
  private constructor(
    readonly root: string,
    /** Whether Manifest.plist was there, so provenance lists only files that exist. */
    readonly hasPlist: boolean,
    private readonly files: ReadonlyMap<string, string>,
    /** The phone, its iOS and WeChat's version, as Manifest.plist names them (provenance). */
    readonly origin: SourceOrigin | undefined,
  ) {}

  static async open(root: string): Promise<IosManifest> {
    const plist = await readManifestPlist(root);
    if (plist?.IsEncrypted === true)
      throw new LocketError('source-encrypted', ENCRYPTED_MESSAGE, { file: 'Manifest.plist' });
    const dbPath = resolveInside(root, 'Manifest.db');
    if (!dbPath)
      throw new LocketError(
        'source-unrecognized',
        'This folder has no Manifest.db, so it is not an iPhone backup Locket can read.',
      );
    let db: SourceDb;
    try {
      db = await openSourceDb(dbPath, 'Manifest.db');
    } catch (error) {
      // Without a readable plist, an unreadable Manifest.db is the sign of an encrypted backup.
      if (error instanceof LocketError && error.code === 'source-encrypted')
        throw new LocketError('source-encrypted', ENCRYPTED_MESSAGE, { file: 'Manifest.db' }, { cause: error });
      throw error;
    }
    try {
      if (!db.tableNames().includes('Files'))
        throw new LocketError(
          'source-unrecognized',
          'Manifest.db has no Files table, so this is not an iPhone backup Locket can read.',
          { file: 'Manifest.db' },
        );
      const rows = db.all<{ fileID: string | null; relativePath: string | null }>(
        'SELECT fileID, relativePath FROM Files WHERE domain = ? AND flags = ?',
        [WECHAT_DOMAIN, FLAG_REGULAR_FILE],
      );
      const files = new Map<string, string>();
      for (const { fileID, relativePath } of rows) {
        if (typeof fileID !== 'string' || typeof relativePath !== 'string' || !isPlainRelativePath(relativePath))
          continue;
        files.set(relativePath, fileID);
      }
      return new IosManifest(root, plist !== null, files, iosOrigin(plist));
    } finally {
      db.close();
    }
  }

  /** Relative paths of the WeChat domain's regular files. */
  relativePaths(): IterableIterator<string> {
    return this.files.keys();
  }

  has(relativePath: string): boolean {
    return this.files.has(relativePath);
  }

  /** Where a WeChat file is stored. A path built from message data may try to climb out; it is refused here. */
  locate(relativePath: string): Located {
    if (!isPlainRelativePath(relativePath)) return { reason: 'path-outside-backup' };
    const fileID = this.files.get(relativePath);
    if (fileID === undefined) return { reason: 'not-in-backup' };
    if (!FILE_ID.test(fileID)) return { reason: 'path-outside-backup' };
    const storedPath = `${fileID.slice(0, 2)}/${fileID}`;
    const path = resolveInside(this.root, storedPath);
    return path ? { path, storedPath } : { reason: 'path-outside-backup' };
  }

  /** Opens a WeChat database from the backup, named by its app path in errors. */
  async openDb(relativePath: string): Promise<{ db: SourceDb; storedPath: string }> {
    const located = this.locate(relativePath);
    if (!('path' in located)) {
      throw new LocketError(
        'source-damaged',
        `The iPhone backup lists ${relativePath} but its stored copy cannot be used (${located.reason}).`,
        { file: relativePath },
      );
    }
    const db = await openSourceDb(located.path, `${relativePath} (stored as ${located.storedPath})`);
    return { db, storedPath: located.storedPath };
  }
}

/** A relative path with no `..`, `.` or empty segments, no backslashes, NULs or leading slash. */
function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.includes('\0') || path.includes('\\') || path.startsWith('/')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
