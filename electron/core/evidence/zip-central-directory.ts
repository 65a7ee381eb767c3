import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { LocketError } from '../errors';

/**
 * Reads a zip archive the way unzip tools do, and refuses one they could read differently.
 *
 * Every tool that extracts a zip (unzip, 7-Zip, Explorer, Finder, Python's zipfile) starts from the end of central
 * directory record and reads the central directory; the local headers before each entry's data are a second copy
 * a streaming reader uses instead. A crafted archive can make the two copies disagree (a forged entry the directory
 * points at, the genuine one hidden after it), so verification reads the directory, reads each entry's data from
 * the offset the directory gives, and refuses any archive in which anything else could be seen: every byte from
 * the start of the file to the end record must belong to exactly one listed entry, each local header must repeat
 * its directory entry, and names must be plain relative paths. Sizes are bounded before any data is inflated
 * (entry count, bytes per entry and in all, expansion ratio), and inflated data is streamed and hashed, never held
 * whole, so an archive cannot exhaust memory however it was made.
 *
 * ZIP64 is read (Locket's own zips do not use it; `zip -r` of a large bag does). Archives split over several
 * disks, encrypted entries and compression other than stored and deflate are refused.
 */

export interface ZipLimits {
  /** Entries in the central directory, folders included. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** How many times larger than its compressed data an entry may declare itself… */
  maxRatio: number;
  /** …once it is larger than this (small entries may compress as well as they like). */
  ratioFloor: number;
  /** Bytes of the central directory, which is read into memory whole. */
  maxDirectoryBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Locket's zips hold at most 65,535 entries (no ZIP64) and stay under 4 GB; a bag re-zipped with ZIP64 may hold
 * more. Deflate can expand 1,032 times at most; Locket's transcripts, JSON lines and CSV compress 5 to 30 times,
 * and media is stored or hardly compresses, so 200 times leaves a wide margin.
 */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 200_000,
  maxEntryBytes: 16 * GiB,
  maxTotalBytes: 64 * GiB,
  maxRatio: 200,
  ratioFloor: 1 * MiB,
  maxDirectoryBytes: 128 * MiB,
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const EOCD = 22;
const ZIP64_LOCATOR = 20;
const ZIP64_EOCD = 56;
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_HEADER = 0x2000;
/** Deflate options (bits 1–2), data descriptor (3), UTF-8 names (11): every other flag changes how data is read. */
const FLAGS_UNDERSTOOD = 0x0002 | 0x0004 | FLAG_DESCRIPTOR | 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

/** zlib's CRC-32 (Node 20.15 and later), or the same computed here for older Node 20 releases. */
const crc32: (data: Uint8Array, value: number) => number =
  typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (() => {
        const table = new Int32Array(256).map((_, n) => {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          return c;
        });
        return (data: Uint8Array, value: number) => {
          let c = ~value;
          for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
          return ~c >>> 0;
        };
      })();

/**
 * An entry is read in pieces of this size. The inflater hands on what it makes in 64 KiB chunks, each hashed and
 * dropped before the next, so however far a piece expands, little is held at once.
 */
const READ_PIECE = 1024 * 1024;
const INFLATE_CHUNK = 64 * 1024;
const WINDOW = 1024 * 1024;
/** Entries with at most this much data are read from the window and inflated in one call (output bounded too). */
const SMALL_ENTRY = 64 * 1024;

export interface ZipEntry {
  /** The name unzip tools extract it under. */
  name: string;
  isDirectory: boolean;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where its data begins, after its local header; null when the local header cannot be read. */
  dataOffset: number | null;
  /** False when the entry is refused: its data is not read. */
  isReadable: boolean;
}

export interface ZipIssue {
  /** The entry's name in the archive; null for the archive as a whole. */
  name: string | null;
  kind: 'malformed' | 'unexpected';
  detail: string;
}

export interface ZipListing {
  entries: ZipEntry[];
  issues: ZipIssue[];
  /** False when no entry can be trusted: no readable central directory, or the archive exceeds the limits. */
  isReadable: boolean;
}

interface RawEntry extends ZipEntry {
  rawName: Buffer;
}

class ZipRefusal extends Error {}

function describeBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(n % GiB ? 1 : 0)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(n % MiB ? 1 : 0)} MiB`;
  return `${n} bytes`;
}

/**
 * Reads an archive by position. Small reads (headers, descriptors, small entries) come from a 1 MiB window that
 * moves forward as the archive is walked in order, so an archive of many small files costs few reads.
 */
export class ZipReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  private size: number | null = null;

  constructor(readonly handle: FileHandle) {}

  async read(offset: number, length: number): Promise<Buffer> {
    if (offset >= this.windowStart && offset + length <= this.windowStart + this.window.length) {
      return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    }
    if (length > WINDOW / 4) return readAt(this.handle, offset, length);
    this.size ??= (await this.handle.stat()).size;
    // A fresh buffer each time: what earlier reads returned stays valid.
    this.window = await readAt(this.handle, offset, Math.max(length, Math.min(WINDOW, this.size - offset)));
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }
}

async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  if (done < length)
    throw new ZipRefusal(`the archive ends ${length - done} bytes early, inside a structure it promises`);
  return buffer;
}

function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipRefusal('a ZIP64 size or offset is too large to be real');
  return Number(value);
}

/** Extra fields as id → data; null when they do not tile their space exactly or an id repeats. */
function parseExtras(extra: Buffer): Map<number, Buffer> | null {
  const fields = new Map<number, Buffer>();
  let at = 0;
  while (at < extra.length) {
    if (at + 4 > extra.length) return null;
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length || fields.has(id)) return null;
    fields.set(id, extra.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/** APPNOTE 4.5.3: the ZIP64 field holds, in this order, only the values whose 32-bit field is all ones. */
function zip64Values(
  fields: Map<number, Buffer>,
  wanted: { size: boolean; compressedSize: boolean; offset: boolean },
): { size?: number; compressedSize?: number; offset?: number } | null {
  if (!wanted.size && !wanted.compressedSize && !wanted.offset) return {};
  const field = fields.get(EXTRA_ZIP64);
  if (!field) return null;
  const out: { size?: number; compressedSize?: number; offset?: number } = {};
  let at = 0;
  for (const key of ['size', 'compressedSize', 'offset'] as const) {
    if (!wanted[key]) continue;
    if (at + 8 > field.length) return null;
    out[key] = u64(field, at);
    at += 8;
  }
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What an unzip tool would show, for messages: the bytes as UTF-8, or as Latin-1 when they are not UTF-8. */
function displayName(raw: Buffer): string {
  try {
    return UTF8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/** A name as it can be printed: control characters (a NUL, an escape sequence) shown as `\u0000`. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a name cannot be extracted as a plain path inside the bag, or null when it can. */
function unsafeName(name: string): string | null {
  if (name.includes('\0')) return 'its name holds a NUL character, which cuts it short in some tools';
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0001-\u001f\u007f-\u009f]/.test(name))
    return 'its name holds control characters, which a bag’s names never do';
  if (name.includes('\\')) return 'its name holds a backslash, which Windows tools read as a folder separator';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    return 'its name is an absolute path, which extracts outside the folder it is unzipped in';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'its name climbs out of the archive with `..`';
  if (segments.some((s) => s === '' || s === '.'))
    return 'its name has an empty or `.` folder, which tools resolve differently';
  return null;
}

interface EndRecord {
  entries: number;
  directoryOffset: number;
  directorySize: number;
  /** Where the central directory must end: the ZIP64 end record, or the end record. */
  directoryEnd: number;
}

async function findEndRecord(reader: ZipReader, fileSize: number, archive: string): Promise<EndRecord> {
  const handle = reader.handle;
  const tailLength = Math.min(fileSize, EOCD + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  const candidates: number[] = [];
  for (let i = tail.length - EOCD; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD + tail.readUInt16LE(i + 20) === tail.length) candidates.push(i);
  }
  if (candidates.length === 0) {
    const head = await readAt(handle, 0, Math.min(4, fileSize)).catch(() => Buffer.alloc(0));
    if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL)
      throw new ZipRefusal('it has no end of central directory record: the archive is cut short or damaged');
    throw new LocketError('invalid-argument', `${archive} is not a bag folder or a zip archive.`, { path: archive });
  }
  if (candidates.length > 1)
    throw new ZipRefusal(
      'its comment holds a second end of central directory record, so tools can disagree on which entries it holds',
    );
  const at = fileSize - tailLength + candidates[0]!;
  const eocd = tail.subarray(candidates[0]!, candidates[0]! + EOCD);
  const disk = eocd.readUInt16LE(4);
  const directoryDisk = eocd.readUInt16LE(6);
  const onDisk = eocd.readUInt16LE(8);
  const entries = eocd.readUInt16LE(10);
  const directorySize = eocd.readUInt32LE(12);
  const directoryOffset = eocd.readUInt32LE(16);

  const locatorAt = at - ZIP64_LOCATOR;
  const locator = locatorAt >= 0 ? await readAt(handle, locatorAt, ZIP64_LOCATOR) : null;
  if (!locator || locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) {
    if (disk !== 0 || directoryDisk !== 0 || onDisk !== entries)
      throw new ZipRefusal('it is one part of an archive split over several disks');
    return { entries, directoryOffset, directorySize, directoryEnd: at };
  }

  // ZIP64: the locator names the ZIP64 end record, which must end where the locator begins.
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1)
    throw new ZipRefusal('it is one part of an archive split over several disks');
  const zip64At = u64(locator, 8);
  if (zip64At + ZIP64_EOCD > locatorAt) throw new ZipRefusal('its ZIP64 end record is not where its locator says');
  const zip64 = await readAt(handle, zip64At, ZIP64_EOCD);
  if (zip64.readUInt32LE(0) !== SIG_ZIP64_EOCD || zip64At + 12 + u64(zip64, 4) !== locatorAt)
    throw new ZipRefusal('its ZIP64 end record is not where its locator says');
  const record = {
    disk: zip64.readUInt32LE(16),
    directoryDisk: zip64.readUInt32LE(20),
    onDisk: u64(zip64, 24),
    entries: u64(zip64, 32),
    directorySize: u64(zip64, 40),
    directoryOffset: u64(zip64, 48),
  };
  if (record.disk !== 0 || record.directoryDisk !== 0 || record.onDisk !== record.entries)
    throw new ZipRefusal('it is one part of an archive split over several disks');
  // The 32-bit record repeats each value, or says "see ZIP64" with all ones.
  const agrees = (short: number, long: number, ones: number) => short === ones || short === long;
  if (
    !agrees(entries, record.entries, 0xffff) ||
    !agrees(onDisk, record.onDisk, 0xffff) ||
    !agrees(directorySize, record.directorySize, 0xffffffff) ||
    !agrees(directoryOffset, record.directoryOffset, 0xffffffff)
  ) {
    throw new ZipRefusal('its end record and its ZIP64 end record disagree on where the central directory is');
  }
  return {
    entries: record.entries,
    directoryOffset: record.directoryOffset,
    directorySize: record.directorySize,
    directoryEnd: zip64At,
  };
}

function parseCentralEntry(directory: Buffer, at: number, issues: ZipIssue[]): { entry: RawEntry; next: number } {
  if (at + CENTRAL_HEADER > directory.length || directory.readUInt32LE(at) !== SIG_CENTRAL)
    throw new ZipRefusal('its central directory holds fewer entries than its end record says');
  const nameLength = directory.readUInt16LE(at + 28);
  const extraLength = directory.readUInt16LE(at + 30);
  const commentLength = directory.readUInt16LE(at + 32);
  const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
  if (next > directory.length) throw new ZipRefusal('an entry of its central directory runs past the directory’s end');
  const rawName = directory.subarray(at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength);
  const extra = directory.subarray(at + CENTRAL_HEADER + nameLength, at + CENTRAL_HEADER + nameLength + extraLength);
  const madeBy = directory.readUInt16LE(at + 4);
  const flags = directory.readUInt16LE(at + 8);
  const method = directory.readUInt16LE(at + 10);
  const crc = directory.readUInt32LE(at + 16);
  const compressedSize32 = directory.readUInt32LE(at + 20);
  const size32 = directory.readUInt32LE(at + 24);
  const diskStart = directory.readUInt16LE(at + 34);
  const external = directory.readUInt32LE(at + 38);
  const localOffset32 = directory.readUInt32LE(at + 42);

  let name: string;
  let isUtf8 = true;
  try {
    name = UTF8.decode(rawName);
  } catch {
    isUtf8 = false;
    name = rawName.toString('latin1');
  }
  const entry: RawEntry = {
    name,
    rawName,
    isDirectory: name.endsWith('/'),
    method,
    flags,
    crc,
    compressedSize: compressedSize32,
    size: size32,
    localOffset: localOffset32,
    dataOffset: null,
    isReadable: true,
  };
  const refuse = (detail: string, kind: ZipIssue['kind'] = 'malformed') => {
    issues.push({ name, kind, detail });
    entry.isReadable = false;
  };

  const fields = parseExtras(extra);
  const wanted = {
    size: size32 === 0xffffffff,
    compressedSize: compressedSize32 === 0xffffffff,
    offset: localOffset32 === 0xffffffff,
  };
  const values = fields ? zip64Values(fields, wanted) : null;
  if (!fields) refuse('its extra fields in the central directory are damaged');
  else if (!values) refuse('its central directory entry says its sizes are in a ZIP64 field that is missing or short');
  else {
    entry.size = values.size ?? size32;
    entry.compressedSize = values.compressedSize ?? compressedSize32;
    entry.localOffset = values.offset ?? localOffset32;
  }

  const unicodePath = fields?.get(EXTRA_UNICODE_PATH);
  const problemOfName = unsafeName(name);
  if (!isUtf8) refuse('its name is not UTF-8, so tools on different systems extract it under different names');
  else if (problemOfName) refuse(problemOfName);
  else if (
    unicodePath &&
    (unicodePath.length < 5 || unicodePath[0] !== 1 || displayName(unicodePath.subarray(5)) !== name)
  ) {
    refuse('its Unicode path field names another file than its name does, and unzip tools extract it under that one');
  }
  if (diskStart !== 0) refuse('its data is on another disk of a split archive');
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADER))
    refuse('it is encrypted: a bag is never encrypted, and its content cannot be checked');
  else if (flags & ~FLAGS_UNDERSTOOD)
    refuse(
      `it uses zip features (flags 0x${(flags & ~FLAGS_UNDERSTOOD).toString(16).padStart(4, '0')}) that Locket does not read`,
    );
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE)
    refuse(`it is compressed with method ${method}; a bag's entries are stored or deflated`);
  else if (method === METHOD_STORED && entry.compressedSize !== entry.size)
    refuse('it is stored uncompressed, yet its two sizes differ');
  if (entry.isDirectory && entry.size !== 0) refuse('it is a folder entry that holds data');
  // Unix mode bits (made by Unix): a link or a device extracts as one, and a bag never holds either.
  const type = madeBy >> 8 === 3 ? (external >>> 16) & 0xf000 : 0;
  if (type !== 0 && type !== 0x8000 && type !== 0x4000)
    refuse('it is a link or a device, which a bag never holds', 'unexpected');
  return { entry, next };
}

interface LocalHeader {
  rawName: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

async function readLocalHeader(reader: ZipReader, offset: number, limit: number): Promise<LocalHeader | null> {
  if (offset + LOCAL_HEADER > limit) return null;
  const fixed = await reader.read(offset, LOCAL_HEADER);
  if (fixed.readUInt32LE(0) !== SIG_LOCAL) return null;
  const nameLength = fixed.readUInt16LE(26);
  const extraLength = fixed.readUInt16LE(28);
  if (offset + LOCAL_HEADER + nameLength + extraLength > limit) return null;
  const rest = await reader.read(offset + LOCAL_HEADER, nameLength + extraLength);
  const extra = parseExtras(rest.subarray(nameLength));
  let compressedSize = fixed.readUInt32LE(18);
  let size = fixed.readUInt32LE(22);
  // A local ZIP64 field holds both sizes whenever either is all ones (APPNOTE 4.5.3).
  if (size === 0xffffffff || compressedSize === 0xffffffff) {
    const field = extra?.get(EXTRA_ZIP64);
    if (!field || field.length < 16) return null;
    size = u64(field, 0);
    compressedSize = u64(field, 8);
  }
  return {
    rawName: rest.subarray(0, nameLength),
    flags: fixed.readUInt16LE(6),
    method: fixed.readUInt16LE(8),
    crc: fixed.readUInt32LE(14),
    compressedSize,
    size,
    dataOffset: offset + LOCAL_HEADER + nameLength + extraLength,
  };
}

/** How a local header differs from its central directory entry, or null when it repeats it. */
function headerMismatch(local: LocalHeader, entry: RawEntry): string | null {
  if (!local.rawName.equals(entry.rawName))
    return `its local header names it ${JSON.stringify(displayName(local.rawName))}`;
  if (local.flags !== entry.flags)
    return `its local header has other flags (0x${local.flags.toString(16)}, the directory says 0x${entry.flags.toString(16)})`;
  if (local.method !== entry.method)
    return `its local header says compression method ${local.method}, the directory ${entry.method}`;
  // With a data descriptor the local header may leave CRC and sizes as zero; whatever it does say must agree.
  const deferred = (entry.flags & FLAG_DESCRIPTOR) !== 0;
  const differs = (value: number, expected: number) => value !== expected && !(deferred && value === 0);
  if (differs(local.crc, entry.crc)) return 'its local header has another CRC than the central directory';
  if (differs(local.compressedSize, entry.compressedSize))
    return `its local header says ${local.compressedSize} compressed bytes, the central directory ${entry.compressedSize}`;
  if (differs(local.size, entry.size))
    return `its local header says ${local.size} bytes, the central directory ${entry.size}`;
  return null;
}

/**
 * The length of the data descriptor after an entry's data: the form (with or without its signature, 4- or 8-byte
 * sizes) that repeats the central directory and ends where the next entry begins. Null when none does.
 */
async function descriptorLength(
  reader: ZipReader,
  at: number,
  boundary: number,
  entry: RawEntry,
): Promise<number | null> {
  const available = Math.min(24, boundary - at);
  if (available < 12) return null;
  const bytes = await reader.read(at, available);
  const forms: { length: number; start: number; wide: boolean }[] = [
    { length: 16, start: 4, wide: false },
    { length: 24, start: 4, wide: true },
    { length: 12, start: 0, wide: false },
    { length: 20, start: 0, wide: true },
  ];
  let fallback: number | null = null;
  for (const form of forms) {
    if (form.length > available || (form.start === 4 && bytes.readUInt32LE(0) !== SIG_DESCRIPTOR)) continue;
    const crc = bytes.readUInt32LE(form.start);
    const compressed = form.wide ? Number(bytes.readBigUInt64LE(form.start + 4)) : bytes.readUInt32LE(form.start + 4);
    const size = form.wide ? Number(bytes.readBigUInt64LE(form.start + 12)) : bytes.readUInt32LE(form.start + 8);
    if (crc !== entry.crc || compressed !== entry.compressedSize || size !== entry.size) continue;
    if (at + form.length === boundary) return form.length;
    fallback ??= form.length;
  }
  return fallback;
}

/** What lies between `start` and `end`, which no listed entry accounts for. */
async function describeGap(
  reader: ZipReader,
  start: number,
  end: number,
  before: RawEntry | null,
  after: RawEntry | null,
  issues: ZipIssue[],
): Promise<void> {
  const hidden = await readLocalHeader(reader, start, end);
  if (hidden) {
    const where = before ? `after ${before.name}` : 'before the first listed entry';
    issues.push({
      name: displayName(hidden.rawName),
      kind: 'unexpected',
      detail: `a local entry the central directory does not list (${where}): unzip tools do not show it, readers that stream the archive do`,
    });
    return;
  }
  const where = !before
    ? `before the first entry (${after?.name ?? ''})`
    : `between ${before.name} and ${after ? after.name : 'the central directory'}`;
  issues.push({
    name: before?.name ?? after?.name ?? null,
    kind: 'malformed',
    detail: `${end - start} bytes ${where} belong to no entry`,
  });
}

/** The bounds, checked on what the directory declares before any data is read. */
function exceededLimit(entries: readonly RawEntry[], limits: ZipLimits): ZipIssue | null {
  let total = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxEntryBytes)
      return {
        name: entry.name,
        kind: 'malformed',
        detail: `it declares ${describeBytes(entry.size)}; Locket verifies entries of up to ${describeBytes(limits.maxEntryBytes)}`,
      };
    if (entry.size > limits.ratioFloor && entry.size > entry.compressedSize * limits.maxRatio) {
      return {
        name: entry.name,
        kind: 'malformed',
        detail: `it declares ${describeBytes(entry.size)} from ${describeBytes(entry.compressedSize)} of compressed data, more than ${limits.maxRatio} times larger: a zip bomb, not a bag`,
      };
    }
    total += entry.size;
  }
  if (total > limits.maxTotalBytes)
    return {
      name: null,
      kind: 'malformed',
      detail: `its entries declare ${describeBytes(total)} in all; Locket verifies archives of up to ${describeBytes(limits.maxTotalBytes)}`,
    };
  return null;
}

/**
 * Reads and checks an archive's structure (nothing of its entries' data): the entries as unzip tools list them,
 * each problem with the entry it concerns, and whether the archive can be read at all. Throws `invalid-argument`,
 * naming `archive` (its path), when the file is not a zip archive at all.
 */
export async function readZipDirectory(
  reader: ZipReader,
  archive: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<ZipListing> {
  const issues: ZipIssue[] = [];
  const refused = (detail: string, name: string | null = null): ZipListing => ({
    entries: [],
    issues: [...issues, { name, kind: 'malformed' as const, detail }].map(printableIssue),
    isReadable: false,
  });
  try {
    const fileSize = (await reader.handle.stat()).size;
    const end = await findEndRecord(reader, fileSize, archive);
    if (end.entries > limits.maxEntries)
      return refused(`it holds ${end.entries} entries; Locket verifies archives of up to ${limits.maxEntries}`);
    if (end.directorySize > limits.maxDirectoryBytes)
      return refused(
        `its central directory takes ${describeBytes(end.directorySize)}; Locket reads directories of up to ${describeBytes(limits.maxDirectoryBytes)}`,
      );
    if (end.directoryOffset + end.directorySize !== end.directoryEnd) {
      return refused(
        end.directoryOffset + end.directorySize < end.directoryEnd
          ? 'there are bytes between its central directory and its end record'
          : 'its central directory overlaps its end record',
      );
    }
    const directory = await readAt(reader.handle, end.directoryOffset, end.directorySize);
    const entries: RawEntry[] = [];
    let at = 0;
    for (let i = 0; i < end.entries; i++) {
      const parsed = parseCentralEntry(directory, at, issues);
      entries.push(parsed.entry);
      at = parsed.next;
    }
    if (at !== directory.length)
      return refused('its central directory holds more than the entries its end record counts');

    const limit = exceededLimit(entries, limits);
    if (limit)
      return {
        entries: entries.map(({ rawName: _rawName, ...entry }) => ({ ...entry, isReadable: false })),
        issues: [...issues, limit].map(printableIssue),
        isReadable: false,
      };

    // Names unzip would write to the same file (exactly, or on a case-insensitive file system), or a file where
    // another entry needs a folder.
    const seen = new Map<string, RawEntry>();
    const folders = new Set<string>();
    for (const entry of entries) {
      const segments = entry.name.split('/');
      for (let i = 1; i < segments.length; i++)
        folders.add(segments.slice(0, i).join('/').normalize('NFC').toLowerCase());
    }
    for (const entry of entries) {
      const key = entry.name.normalize('NFC').toLowerCase();
      const first = seen.get(key);
      if (first) {
        issues.push({
          name: entry.name,
          kind: 'malformed',
          detail:
            first.name === entry.name
              ? 'the archive holds two entries of this name: unzip tools extract one over the other'
              : `it and ${first.name} are the same file on Windows and macOS`,
        });
        entry.isReadable = false;
        continue;
      }
      seen.set(key, entry);
      if (!entry.isDirectory && folders.has(key)) {
        issues.push({
          name: entry.name,
          kind: 'malformed',
          detail: 'it is a file, and other entries put files inside a folder of the same name',
        });
        entry.isReadable = false;
      }
    }

    // Every byte from the start of the file to the central directory belongs to exactly one listed entry.
    const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
    // Where the next entry begins: the next larger offset (entries at the same offset overlap, and are refused).
    const boundaries = new Array<number>(byOffset.length);
    for (let i = byOffset.length - 1; i >= 0; i--) {
      const next = byOffset[i + 1];
      boundaries[i] = !next
        ? end.directoryOffset
        : next.localOffset > byOffset[i]!.localOffset
          ? next.localOffset
          : boundaries[i + 1]!;
    }
    let cursor = 0;
    let previous: RawEntry | null = null;
    for (let i = 0; i < byOffset.length; i++) {
      const entry = byOffset[i]!;
      const boundary = boundaries[i]!;
      if (entry.localOffset < cursor) {
        issues.push({
          name: entry.name,
          kind: 'malformed',
          detail: `its data overlaps ${previous?.name ?? 'another entry'}: two entries that share bytes are how zip bombs multiply`,
        });
        entry.isReadable = false;
        continue;
      }
      if (entry.localOffset > cursor)
        await describeGap(reader, cursor, Math.min(entry.localOffset, end.directoryOffset), previous, entry, issues);
      const local = await readLocalHeader(reader, entry.localOffset, end.directoryOffset);
      if (!local) {
        issues.push({
          name: entry.name,
          kind: 'malformed',
          detail: 'the central directory points at no local header for it',
        });
        entry.isReadable = false;
        cursor = Math.max(cursor, entry.localOffset);
        continue;
      }
      entry.dataOffset = local.dataOffset;
      const mismatch = headerMismatch(local, entry);
      if (mismatch) {
        issues.push({
          name: entry.name,
          kind: 'malformed',
          detail: `${mismatch}: tools that read the archive differently see different files`,
        });
        entry.isReadable = false;
      }
      let entryEnd = local.dataOffset + entry.compressedSize;
      if (entryEnd > end.directoryOffset) {
        issues.push({ name: entry.name, kind: 'malformed', detail: 'its data runs into the central directory' });
        entry.isReadable = false;
        cursor = end.directoryOffset;
        previous = entry;
        continue;
      }
      if (entry.flags & FLAG_DESCRIPTOR) {
        const length = await descriptorLength(reader, entryEnd, Math.max(boundary, entryEnd), entry);
        if (length === null) {
          issues.push({
            name: entry.name,
            kind: 'malformed',
            detail: 'the data descriptor after its data disagrees with the central directory (CRC or sizes)',
          });
          entry.isReadable = false;
          // Whatever descriptor is there is this entry's, not bytes between entries: the one problem is enough.
          if (boundary - entryEnd <= 24) entryEnd = Math.max(boundary, entryEnd);
        } else entryEnd += length;
      }
      cursor = entryEnd;
      previous = entry;
    }
    if (cursor < end.directoryOffset) await describeGap(reader, cursor, end.directoryOffset, previous, null, issues);

    return {
      entries: entries.map(({ rawName: _rawName, ...entry }) => entry),
      issues: issues.map(printableIssue),
      isReadable: true,
    };
  } catch (error) {
    if (error instanceof ZipRefusal) return refused(error.message);
    throw error;
  }
}

/** Issues name entries as the archive spells them; a refused name may hold control characters, shown escaped. */
function printableIssue(issue: ZipIssue): ZipIssue {
  return {
    name: issue.name === null ? null : printable(issue.name),
    kind: issue.kind,
    detail: printable(issue.detail),
  };
}

/**
 * Streams one entry's data, as the directory places and describes it, to `onData`, inflating it in small pieces:
 * inflation stops as soon as it yields more than the directory declared. Returns why the data is wrong (CRC,
 * size, a damaged deflate stream), or null when it is what the directory says.
 */
export async function readZipEntry(
  reader: ZipReader,
  entry: ZipEntry,
  onData: (chunk: Uint8Array) => void,
): Promise<string | null> {
  if (entry.dataOffset === null) return 'its local header cannot be read';
  const dataOffset = entry.dataOffset;
  let crc = 0;
  let produced = 0;
  const take = (chunk: Buffer): string | null => {
    produced += chunk.length;
    if (produced > entry.size) return `it expands beyond the ${entry.size} bytes the central directory declares`;
    crc = crc32(chunk, crc);
    onData(chunk);
    return null;
  };
  if (entry.compressedSize <= SMALL_ENTRY) {
    const data = await reader.read(dataOffset, entry.compressedSize);
    if (entry.method === METHOD_STORED) {
      take(data);
    } else {
      let inflated: { buffer: Buffer; engine: zlib.InflateRaw };
      try {
        // At most one byte more than declared is made: enough to tell that it expands beyond its size.
        inflated = zlib.inflateRawSync(data, { info: true, maxOutputLength: entry.size + 1 }) as unknown as {
          buffer: Buffer;
          engine: zlib.InflateRaw;
        };
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          return `it expands beyond the ${entry.size} bytes the central directory declares`;
        return `its data cannot be inflated (${(error as Error).message})`;
      }
      const failure = take(inflated.buffer);
      if (failure) return failure;
      if (inflated.engine.bytesWritten !== entry.compressedSize)
        return `its deflate stream ends ${entry.compressedSize - inflated.engine.bytesWritten} bytes before the data the directory declares`;
    }
  } else {
    async function* compressed(): AsyncGenerator<Buffer> {
      for (let done = 0; done < entry.compressedSize;) {
        const piece = await readAt(reader.handle, dataOffset + done, Math.min(READ_PIECE, entry.compressedSize - done));
        done += piece.length;
        yield piece;
      }
    }
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const failure = take(chunk);
        callback(failure ? new ZipRefusal(failure) : null);
      },
    });
    try {
      if (entry.method === METHOD_STORED) {
        await pipeline(Readable.from(compressed()), sink);
      } else {
        const inflater = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
        await pipeline(Readable.from(compressed()), inflater, sink);
        if (inflater.bytesWritten !== entry.compressedSize)
          return `its deflate stream ends ${entry.compressedSize - inflater.bytesWritten} bytes before the data the directory declares`;
      }
    } catch (error) {
      if (error instanceof ZipRefusal) return error.message;
      return `its data cannot be inflated (${(error as Error).message})`;
    }
  }
  if (produced !== entry.size) return `it holds ${produced} bytes; the central directory declares ${entry.size}`;
  if (crc !== entry.crc) return 'its data does not match the CRC the archive records: unzip tools report it as damaged';
  return null;
}
