import { promises as fs } from 'node:fs';
import { join, relative, isAbsolute, resolve } from 'node:path';
import { LocketError } from '../errors';
import { parseHeader } from '../vault/header';
import { DIR_MODE, HEADER_FILE, LOCK_FILE, lstatOrNull, syncDirectory, writeDurable } from '../vault/vault-files';

/**
 * Marks a folder as a backup of one vault (FORMAT.md, "Backups"): written before the first file is copied, so a
 * first backup interrupted before its header exists is still recognized, and resumed, by the next one.
 */
export const BACKUP_MARKER_FILE = 'locket.backup';

function markerText(vaultId: string): string {
  return `locket-backup 1 ${vaultId}\n`;
}

/** What a backup folder held before this backup: its vault's generation, or null for a new (or unfinished) one. */
export interface BackupFolder {
  /** The folder, real path: the one link followed is the path the person gave; nothing inside it is followed. */
  dir: string;
  previousGeneration: number | null;
}

function refused(message: string, path: string): LocketError {
  return new LocketError('vault-exists', message, { path });
}

/**
 * Makes `dest` ready to receive a backup of the vault `vaultId` at `generation` from `sourceDir`, or refuses: a
 * folder that is the vault itself or inside it (or holds it), holds another vault, holds a newer generation of this
 * vault (backing up would replace newer data with older), or holds anything while not being a backup of this vault.
 */
export async function prepareBackupFolder(
  dest: string,
  sourceDir: string,
  vaultId: string,
  generation: number,
): Promise<BackupFolder> {
  if (!isAbsolute(dest)) throw new LocketError('invalid-argument', 'The backup folder must be an absolute path.');
  const given = resolve(dest);
  const existing = await lstatOrNull(given);
  if (!existing) await fs.mkdir(given, { recursive: true, mode: DIR_MODE });
  const dir = await fs.realpath(given);
  if (!(await fs.stat(dir)).isDirectory()) throw refused(`${given} is a file, not a folder.`, given);
  const source = await fs.realpath(sourceDir);
  if (isSameOrInside(dir, source) || isSameOrInside(source, dir)) {
    throw new LocketError(
      'invalid-argument',
      `${given} is the vault's own folder, inside it or around it. Back up to another folder, ideally another drive.`,
      { path: given },
    );
  }

  const names = (await fs.readdir(dir)).filter((n) => n !== '.DS_Store' && n !== LOCK_FILE);
  const marker = await readMarker(dir);
  let previousGeneration: number | null = null;
  if (names.includes(HEADER_FILE)) {
    const stats = await lstatOrNull(join(dir, HEADER_FILE));
    if (!stats?.isFile())
      throw refused(`${join(given, HEADER_FILE)} is not a regular file; a backup never follows links.`, given);
    let header;
    try {
      header = parseHeader(await fs.readFile(join(dir, HEADER_FILE)));
    } catch {
      throw refused(
        `${given} holds a damaged ${HEADER_FILE}: it is not a backup Locket can update. Choose another folder.`,
        given,
      );
    }
    if (Buffer.from(header.vaultId).toString('hex') !== vaultId) {
      throw refused(`${given} holds another Locket vault, not a backup of this one. Choose another folder.`, given);
    }
    previousGeneration = header.catalog?.generation ?? null;
    if (previousGeneration !== null && previousGeneration > generation) {
      throw new LocketError(
        'vault-rollback',
        `${given} holds a newer copy of this vault (generation ${previousGeneration}) than the one open (generation ${generation}): backing up would replace it with older data. ` +
          'Back up to another folder, or open that copy instead.',
        { file: HEADER_FILE, generation, expectedGeneration: previousGeneration },
      );
    }
  } else if (marker !== vaultId && names.length > 0) {
    throw refused(
      marker
        ? `${given} is a backup folder of another Locket vault. Choose another folder.`
        : `${given} is not empty and is not a backup of this vault. Choose a new or empty folder, or one this vault was backed up to.`,
      given,
    );
  }
  if (marker !== vaultId) {
    await writeDurable(join(dir, BACKUP_MARKER_FILE), Buffer.from(markerText(vaultId)), BACKUP_MARKER_FILE);
    syncDirectory(dir);
  }
  return { dir, previousGeneration };
}

/** The vault id a folder's marker names, or null (absent, a link, or not a marker). */
async function readMarker(dir: string): Promise<string | null> {
  const path = join(dir, BACKUP_MARKER_FILE);
  const stats = await lstatOrNull(path);
  if (!stats?.isFile() || stats.size > 200n) return null;
  const match = /^locket-backup 1 ([0-9a-f]{32})\n$/.exec(await fs.readFile(path, 'utf8'));
  return match?.[1] ?? null;
}

function isSameOrInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * A folder inside the backup folder, created if missing; refused when something else (a link, a file) has its name,
 * so no write or removal is ever made through a link planted in the folder.
 */
export async function ensureRealFolder(dir: string, relPath: string): Promise<void> {
  const path = join(dir, relPath);
  const stats = await lstatOrNull(path);
  if (!stats) {
    await fs.mkdir(path, { mode: DIR_MODE }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const made = await lstatOrNull(path);
    if (made?.isDirectory()) return;
  } else if (stats.isDirectory()) return;
  throw new LocketError(
    'invalid-argument',
    `${path} is ${stats?.isSymbolicLink() ? 'a link' : 'not a folder'}: a backup never writes through links. Remove it, or choose another folder.`,
    { path },
  );
}
