import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import type { TableMark } from '../model';
import type { SourceDb } from './open-source-db';

/**
 * Incremental import (issue 19; docs/importing-exports.md, "Importing again"). The catalog remembers, per source
 * file, its size, modification time, a quick hash and its full SHA-256, and per message table the highest local id
 * read with the count of rows at or below it (catalog migration 0005). The next import of the same source hands
 * readers a `PreviousRead`: a file found unchanged is not read at all; a table of a grown file is read only past
 * its mark when the rows at or below the mark are still exactly the ones counted; anything else is read in full,
 * and the pipeline's dedupe does the rest.
 */

const MIB = 1 << 20;

/**
 * A cheap fingerprint of a file: its size with its first and last MiB, and the same of its `-wal` file when one is
 * beside it (a database's newest rows may be there alone). Size and modification time can be kept by a copy tool
 * over changed contents, so they are trusted only together with this; a change in the middle of a large file that
 * keeps its size, time, head and tail is not seen (docs/importing-exports.md says so; `--full` reads everything).
 */
export async function quickHash(absPath: string): Promise<{ size: number; mtimeMs: number; quickHash: string }> {
  const hash = createHash('sha256');
  const own = await fingerprint(absPath, hash);
  if (!own) throw new Error(`Cannot read ${absPath}`);
  hash.update('\0wal\0');
  await fingerprint(`${absPath}-wal`, hash);
  return { size: own.size, mtimeMs: Math.trunc(own.mtimeMs), quickHash: hash.digest('hex') };
}

async function fingerprint(
  absPath: string,
  hash: ReturnType<typeof createHash>,
): Promise<{ size: number; mtimeMs: number } | null> {
  // Non-blocking: opening a FIFO put in a file's place (a `-wal` beside a database) would wait for a writer forever.
  const handle = await fs.open(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    // Not a file (a FIFO, a device, a folder): nothing to fingerprint, as if it were absent.
    if (!stat.isFile()) return null;
    hash.update(`${stat.size}\0${Math.trunc(stat.mtimeMs)}\0`);
    const head = Buffer.alloc(Math.min(MIB, stat.size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (stat.size > MIB) {
      const tail = Buffer.alloc(Math.min(MIB, stat.size - MIB));
      await handle.read(tail, 0, tail.length, stat.size - tail.length);
      hash.update(tail);
    }
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Where to start reading a table: past its mark when the rows at or below it are as counted, else from the start. */
export function resumeFrom(
  db: SourceDb,
  table: string,
  idColumn: string,
  mark: TableMark | undefined,
): { after: number | null; notRead: number } {
  if (!mark) return { after: null, notRead: 0 };
  const below = db.all<{ n: number; high: number | null }>(
    `SELECT COUNT(*) AS n, MAX("${idColumn}") AS high FROM "${table}" WHERE "${idColumn}" <= ?`,
    [mark.high],
  )[0];
  // Rows deleted or added below the mark, or the mark's own row gone: the table was edited in place, read it all.
  if (!below || below.n !== mark.count || below.high !== mark.high) return { after: null, notRead: 0 };
  return { after: mark.high, notRead: mark.count };
}

/** A table's mark after reading it: its highest id and its row count. */
export function markOf(db: SourceDb, table: string, idColumn: string): TableMark | null {
  const row = db.all<{ n: number; high: number | null }>(
    `SELECT COUNT(*) AS n, MAX("${idColumn}") AS high FROM "${table}"`,
  )[0];
  return row && row.high !== null ? { high: row.high, count: row.n } : null;
}
