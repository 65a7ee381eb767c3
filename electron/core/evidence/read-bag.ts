import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import type { BagProblem } from '../../ipc/contract';
import { LocketError } from '../errors';
import { isSystemClutter, PAYLOAD_DIR } from './bag-layout';

/** A file found in a bag: its digests, and for tag files (outside `data/`) its bytes. */
export interface BagEntry {
  path: string;
  bytes: number;
  sha256: string;
  sha512: string;
  content: Buffer | null;
}

export interface BagContents {
  entries: Map<string, BagEntry>;
  problems: BagProblem[];
}

/** Tag files are small; one larger than this is not one Locket wrote, and is hashed but not read into memory. */
const MAX_TAG_FILE = 64 * 1024 * 1024;

class EntryHasher {
  private readonly sha256 = createHash('sha256');
  private readonly sha512 = createHash('sha512');
  private readonly chunks: Buffer[] | null;
  private bytes = 0;

  constructor(readonly path: string) {
    this.chunks = path.startsWith(PAYLOAD_DIR) ? null : [];
  }

  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha512.update(chunk);
    this.bytes += chunk.length;
    if (this.chunks && this.bytes <= MAX_TAG_FILE) this.chunks.push(Buffer.from(chunk));
  }

  finish(): BagEntry {
    const content = this.chunks && this.bytes <= MAX_TAG_FILE ? Buffer.concat(this.chunks) : null;
    return { path: this.path, bytes: this.bytes, sha256: this.sha256.digest('hex'), sha512: this.sha512.digest('hex'), content };
  }
}

/** A path inside a bag that stays inside it: relative, `/`-separated, no `..`, no empty segments. */
function isSafeBagPath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.includes('\\') && !path.includes('\0') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

async function readFolder(root: string): Promise<BagContents> {
  const entries = new Map<string, BagEntry>();
  const problems: BagProblem[] = [];
  for (const item of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(item.parentPath, item.name)).split(sep).join('/');
    if (item.isDirectory() || isSystemClutter(path)) continue;
    if (!item.isFile()) {
      problems.push({ file: path, problem: 'unexpected', detail: 'not a regular file (a link or a device), which a bag never holds' });
      continue;
    }
    const hasher = new EntryHasher(path);
    for await (const chunk of createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 })) hasher.update(chunk as Buffer);
    entries.set(path, hasher.finish());
  }
  return { entries, problems };
}

/**
 * Reads a zipped bag as a stream, hashing each entry as it is inflated: nothing is extracted to disk and no
 * entry is held in memory whole, however large. The bag is the archive's single top folder (RFC 8493 §4.2), or
 * its root when bagit.txt sits there.
 */
async function readZip(path: string): Promise<BagContents> {
  const found: BagEntry[] = [];
  const problems: BagProblem[] = [];
  const pending = new Map<string, EntryHasher>();
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    if (!isSafeBagPath(file.name)) {
      problems.push({ file: file.name, problem: 'malformed', detail: 'the archive names a path outside the bag' });
      return;
    }
    const hasher = new EntryHasher(file.name);
    pending.set(file.name, hasher);
    file.ondata = (error, chunk, final) => {
      if (error) {
        problems.push({ file: file.name, problem: 'malformed', detail: `cannot be read from the archive (${error.message})` });
        pending.delete(file.name);
        return;
      }
      hasher.update(chunk);
      if (final) {
        pending.delete(file.name);
        found.push(hasher.finish());
      }
    };
    try {
      file.start();
    } catch (error) {
      pending.delete(file.name);
      problems.push({ file: file.name, problem: 'malformed', detail: `cannot be read from the archive (${(error as Error).message})` });
    }
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) unzip.push(chunk as Buffer);
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    throw new LocketError('invalid-argument', `${path} is not a readable zip archive (${(error as Error).message}).`, { path });
  }
  for (const name of pending.keys()) problems.push({ file: name, problem: 'malformed', detail: 'the archive ends inside this file' });

  const tops = new Set(found.map((e) => e.path.split('/')[0]));
  const [top] = tops;
  const strip = tops.size === 1 && top !== undefined && found.some((e) => e.path === `${top}/bagit.txt`) ? `${top}/` : '';
  const entries = new Map<string, BagEntry>();
  for (const entry of found) {
    const inner = entry.path.slice(strip.length);
    if (!inner || isSystemClutter(inner) || isSystemClutter(entry.path)) continue;
    entries.set(inner, { ...entry, path: inner });
  }
  return { entries, problems: problems.map((p) => ({ ...p, file: p.file.startsWith(strip) ? p.file.slice(strip.length) : p.file })) };
}

/** Every file of a bag given as a folder or a .zip, hashed. */
export async function readBag(path: string): Promise<BagContents> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) throw new LocketError('invalid-argument', `There is no bag at ${path}.`, { path });
  return stat.isDirectory() ? readFolder(path) : readZip(path);
}
