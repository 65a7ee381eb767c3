import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { BagProblem } from '../../ipc/contract';
import { bagProblem, refusedBag } from './bag-problem';
import {
  BAG_INFO_TXT,
  BAGIT_TXT,
  MANIFEST_ALGORITHMS,
  manifestName,
  PROVENANCE_JSON,
  signatureName,
  SIGNING_KEY_FILE,
  tagManifestName,
} from './bag-layout';
import { readZipDirectory } from './zip/read-zip-directory';
import { readZipEntry } from './zip/read-zip-entry';
import { ZIP_LIMITS, type ZipLimits } from './zip/zip-limits';
import { ZipReader } from './zip/zip-reader';

/** A file found in a bag: its digests, and for the tag files verification parses, its bytes. */
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
  /** False when nothing in the bag could be trusted enough to check (an archive over the limits, or unreadable). */
  isReadable: boolean;
}

export interface ReadBagOptions {
  /** Bounds on what a zipped bag may declare; ZIP_LIMITS unless a test passes smaller ones. */
  limits?: ZipLimits;
}

/**
 * The tag files verification reads, with the most it keeps of each: every other file (the payload, verify.html,
 * anything added) is hashed as it streams past and never held. Manifests list one line per file (at most
 * ZIP_LIMITS.maxEntries of them); the others are a few lines. A larger file is not one Locket wrote.
 */
const PARSED_TAG_FILES: ReadonlyMap<string, number> = new Map([
  [BAGIT_TXT, 1024 * 1024],
  [BAG_INFO_TXT, 1024 * 1024],
  [SIGNING_KEY_FILE, 1024 * 1024],
  // One line per source file of every import the bag draws on: a few thousand at most.
  [PROVENANCE_JSON, 16 * 1024 * 1024],
  ...MANIFEST_ALGORITHMS.flatMap((alg) => [
    [manifestName(alg), 64 * 1024 * 1024] as const,
    [tagManifestName(alg), 1024 * 1024] as const,
    [signatureName(alg), 1024] as const,
  ]),
]);

class EntryHasher {
  private readonly sha256 = createHash('sha256');
  private readonly sha512 = createHash('sha512');
  private readonly keep: number;
  private chunks: Buffer[] | null;
  private bytes = 0;

  constructor(readonly path: string) {
    this.keep = PARSED_TAG_FILES.get(path) ?? 0;
    this.chunks = this.keep > 0 ? [] : null;
  }

  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha512.update(chunk);
    this.bytes += chunk.length;
    if (this.chunks && this.bytes > this.keep) this.chunks = null;
    if (this.chunks) this.chunks.push(Buffer.from(chunk));
  }

  finish(): BagEntry {
    return {
      path: this.path,
      bytes: this.bytes,
      sha256: this.sha256.digest('hex'),
      sha512: this.sha512.digest('hex'),
      content: this.chunks ? Buffer.concat(this.chunks) : null,
    };
  }
}

/**
 * Every file under the folder, links and devices reported rather than followed. Nothing is skipped: files a
 * computer adds (`.DS_Store`, `._x`, `__MACOSX/`) are files in the bag, and verification names them.
 */
async function readFolder(root: string, limits: ZipLimits): Promise<BagContents> {
  const entries = new Map<string, BagEntry>();
  const problems: BagProblem[] = [];
  let count = 0;
  for await (const item of await fs.opendir(root, { recursive: true })) {
    const path = relative(root, join(item.parentPath, item.name)).split(sep).join('/');
    if (item.isDirectory()) continue;
    if (++count > limits.maxEntries) {
      return {
        entries: new Map(),
        problems: [bagProblem(basename(root), 'malformed', 'folder-too-many-files', String(limits.maxEntries))],
        isReadable: false,
      };
    }
    if (!item.isFile()) {
      problems.push(bagProblem(path, 'unexpected', 'not-regular-file'));
      continue;
    }
    const hasher = new EntryHasher(path);
    for await (const chunk of createReadStream(join(root, ...path.split('/')), { highWaterMark: 1024 * 1024 }))
      hasher.update(chunk as Buffer);
    entries.set(path, hasher.finish());
  }
  return { entries, problems, isReadable: true };
}

/**
 * Reads a zipped bag as unzip tools extract it (zip/read-zip-directory.ts): the central directory's entries, each
 * read from where the directory places it and hashed as it is inflated, nothing extracted to disk and no payload
 * file held in memory. Any structural problem is reported against the entry it concerns. The bag is the
 * archive's root when bagit.txt sits there, or else the one top folder holding a bagit.txt (RFC 8493 §4.2);
 * entries outside that folder are reported as added.
 */
async function readZip(path: string, limits: ZipLimits): Promise<BagContents> {
  const archive = basename(path);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    // The system's code (EACCES, EISDIR) names the cause in any language; its message is English.
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw refusedBag('bag-unreadable', path, cause);
  }
  try {
    const reader = new ZipReader(handle);
    const listing = await readZipDirectory(reader, path, limits);
    const files = listing.entries.filter((e) => !e.isDirectory);
    const bagRoots = new Set(
      files
        .filter((e) => e.name === BAGIT_TXT || /^[^/]+\/bagit\.txt$/.test(e.name))
        .map((e) => e.name.slice(0, -BAGIT_TXT.length)),
    );
    const problems: BagProblem[] = [];
    const strip = bagRoots.size === 1 ? [...bagRoots][0]! : '';
    const inner = (name: string | null) =>
      name === null ? archive : name.startsWith(strip) ? name.slice(strip.length) : name;
    for (const { name, kind, detail, reason, values } of listing.issues)
      problems.push({ file: inner(name), problem: kind, detail, reason, ...(values ? { values } : {}) });
    if (bagRoots.size > 1 && !bagRoots.has('')) {
      const folders = [...bagRoots].map((r) => r.slice(0, -1)).join(', ');
      problems.push(bagProblem(archive, 'malformed', 'several-bags', String(bagRoots.size), folders));
      return { entries: new Map(), problems, isReadable: false };
    }
    if (!listing.isReadable) return { entries: new Map(), problems, isReadable: false };

    const entries = new Map<string, BagEntry>();
    for (const entry of files) {
      if (!entry.name.startsWith(strip)) {
        if (entry.isReadable)
          problems.push(bagProblem(entry.name, 'unexpected', 'outside-bag-folder', strip.slice(0, -1)));
        continue;
      }
      if (!entry.isReadable) continue;
      const hasher = new EntryHasher(inner(entry.name));
      const failure = await readZipEntry(reader, entry, (chunk) => hasher.update(chunk));
      if (failure) {
        const { detail, reason, values } = failure;
        problems.push({ file: hasher.path, problem: 'malformed', detail, reason, ...(values ? { values } : {}) });
      } else entries.set(hasher.path, hasher.finish());
    }
    return { entries, problems, isReadable: true };
  } finally {
    await handle.close();
  }
}

/** Every file of a bag given as a folder or a .zip, hashed. */
export async function readBag(path: string, options: ReadBagOptions = {}): Promise<BagContents> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) throw refusedBag('no-bag-at-path', path);
  const limits = options.limits ?? ZIP_LIMITS;
  if (stat.isDirectory()) return readFolder(path, limits);
  if (!stat.isFile()) throw refusedBag('not-a-folder-or-file', path);
  return readZip(path, limits);
}
