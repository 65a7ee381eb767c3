/**
 * Merges a SQLite write-ahead log (`<db>-wal`) into its database image, the way SQLite itself recovers a WAL
 * before reading. sql.js opens a database from bytes and has no way to attach a `-wal` file, yet decrypted
 * WeChat 4.x databases keep their newest rows there (docs/wechat-formats.md §3.2). A WAL is a header followed by page
 * images; committed pages are copied over the main file's pages, and the result opens like any database.
 *
 * Format: https://www.sqlite.org/fileformat2.html §4 ("The Write-Ahead Log"); checksum in §4.5.
 *   header (32 bytes, big-endian): magic, version 3007000, page size, checkpoint seq, salt-1, salt-2, checksum ×2
 *   frame: 24-byte header (page number, db size in pages if this frame commits else 0, salt-1, salt-2,
 *          checksum ×2) then one page
 * A frame is valid only while its salts equal the header's and its checksum continues the running checksum.
 * Recovery stops at the first invalid frame, and only frames up to the last valid commit frame count: the rest
 * belong to a transaction that never committed, or to an older WAL generation left after a checkpoint.
 */

const MAGIC_LITTLE_ENDIAN_CHECKSUM = 0x377f0682;
const MAGIC_BIG_ENDIAN_CHECKSUM = 0x377f0683;
const WAL_VERSION = 3007000;
export const WAL_HEADER_SIZE = 32;
export const WAL_FRAME_HEADER_SIZE = 24;
/** Database header fields (fileformat2 §1.3). */
const DB_PAGE_SIZE_OFFSET = 16;
const DB_WRITE_VERSION_OFFSET = 18;
const DB_READ_VERSION_OFFSET = 19;
const DB_PAGE_COUNT_OFFSET = 28;
const LEGACY_JOURNAL_MODE = 1;
const WAL_JOURNAL_MODE = 2;

export type WalIgnoredReason =
  /** No bytes, or fewer than a header: what SQLite leaves after a checkpoint that truncates. */
  | 'empty'
  /** Not a WAL header: an encrypted WAL, or some other file. */
  | 'not-a-wal'
  | 'unsupported-version'
  | 'bad-header-checksum'
  /** The WAL's page size differs from the database's; SQLite would refuse this pair. */
  | 'page-size-mismatch'
  /** A valid header, but no complete committed transaction. */
  | 'no-committed-frames';

export type WalResult =
  | {
      kind: 'applied';
      /** The database image with every committed page written in. */
      bytes: Uint8Array;
      /** Valid frames up to and including the last commit. */
      framesApplied: number;
      /** Frames after that: uncommitted, damaged (bad checksum or salt) or from an older WAL generation. */
      framesIgnored: number;
      pageCount: number;
    }
  | { kind: 'ignored'; reason: WalIgnoredReason; framesIgnored: number };

export interface WalHeader {
  /** Checksums read the input as big-endian words when the magic ends in 3, little-endian when it ends in 2. */
  bigEndianChecksum: boolean;
  pageSize: number;
  checkpointSequence: number;
  salt1: number;
  salt2: number;
}

/**
 * SQLite's WAL checksum (fileformat2 §4.5): the input is read as 32-bit words, two at a time, into two running
 * 32-bit sums. `seed` continues a previous checksum: each frame's checksum covers the header and every frame
 * before it. `bytes.length` must be a multiple of 8, which page sizes and the 8- and 24-byte inputs are.
 */
export function walChecksum(
  bytes: Uint8Array,
  bigEndian: boolean,
  seed: readonly [number, number] = [0, 0],
): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [s0, s1] = seed;
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    // Three 32-bit values add up to less than 2^53, so the sum is exact before `>>> 0` wraps it to 32 bits.
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/** Reads and checks the 32-byte WAL header, or says why SQLite would ignore the whole file. */
export function readWalHeader(
  wal: Uint8Array,
): { header: WalHeader; checksum: [number, number] } | { reason: WalIgnoredReason } {
  if (wal.length < WAL_HEADER_SIZE) return { reason: 'empty' };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== MAGIC_LITTLE_ENDIAN_CHECKSUM && magic !== MAGIC_BIG_ENDIAN_CHECKSUM) return { reason: 'not-a-wal' };
  if (view.getUint32(4) !== WAL_VERSION) return { reason: 'unsupported-version' };
  const pageSize = view.getUint32(8);
  if (!isValidPageSize(pageSize)) return { reason: 'not-a-wal' };
  const bigEndianChecksum = magic === MAGIC_BIG_ENDIAN_CHECKSUM;
  const checksum = walChecksum(wal.subarray(0, 24), bigEndianChecksum);
  if (checksum[0] !== view.getUint32(24) || checksum[1] !== view.getUint32(28))
    return { reason: 'bad-header-checksum' };
  return {
    header: {
      bigEndianChecksum,
      pageSize,
      checkpointSequence: view.getUint32(12),
      salt1: view.getUint32(16),
      salt2: view.getUint32(20),
    },
    checksum,
  };
}

export type WalScan =
  | { kind: 'valid'; header: WalHeader; committedFrames: number; framesIgnored: number; pageCount: number }
  | { kind: 'ignored'; reason: WalIgnoredReason; framesIgnored: number };

/**
 * Walks the frames of a WAL for a database with pages of `databasePageSize` bytes, checking salts and the running
 * checksum, and finds the last valid commit: what SQLite's recovery would keep. Reads only the WAL, so a caller can
 * learn what a WAL holds without loading its (possibly large) database.
 */
export function scanWal(wal: Uint8Array, databasePageSize: number | null): WalScan {
  const read = readWalHeader(wal);
  if ('reason' in read) return { kind: 'ignored', reason: read.reason, framesIgnored: 0 };
  const { header } = read;
  const frameSize = WAL_FRAME_HEADER_SIZE + header.pageSize;
  // A partly written last frame is not a frame.
  const total = Math.floor((wal.length - WAL_HEADER_SIZE) / frameSize);
  if (databasePageSize !== header.pageSize)
    return { kind: 'ignored', reason: 'page-size-mismatch', framesIgnored: total };

  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  let running = read.checksum;
  let committed = 0;
  let pageCount = 0;
  for (let index = 0; index < total; index++) {
    const at = WAL_HEADER_SIZE + index * frameSize;
    const pageNumber = view.getUint32(at);
    if (pageNumber === 0 || view.getUint32(at + 8) !== header.salt1 || view.getUint32(at + 12) !== header.salt2) break;
    // The checksum covers the first 8 bytes of the frame header, then the page.
    running = walChecksum(
      wal.subarray(at + WAL_FRAME_HEADER_SIZE, at + frameSize),
      header.bigEndianChecksum,
      walChecksum(wal.subarray(at, at + 8), header.bigEndianChecksum, running),
    );
    if (running[0] !== view.getUint32(at + 16) || running[1] !== view.getUint32(at + 20)) break;
    const commitSize = view.getUint32(at + 4);
    if (commitSize > 0) {
      committed = index + 1;
      pageCount = commitSize;
    }
  }
  if (committed === 0) return { kind: 'ignored', reason: 'no-committed-frames', framesIgnored: total };
  return { kind: 'valid', header, committedFrames: committed, framesIgnored: total - committed, pageCount };
}

/**
 * Applies the committed frames of `wal` to a copy of `database`. The main file is never changed. When SQLite
 * would ignore the whole WAL, the result says why and the caller reads the database as it is.
 */
export function applyWal(database: Uint8Array, wal: Uint8Array): WalResult {
  const scan = scanWal(wal, databasePageSize(database));
  if (scan.kind === 'ignored') return scan;
  const { header, committedFrames, pageCount } = scan;
  const frameSize = WAL_FRAME_HEADER_SIZE + header.pageSize;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  // The last commit frame gives the database size after the transaction; it can grow or shrink the file.
  const bytes = new Uint8Array(pageCount * header.pageSize);
  bytes.set(database.subarray(0, Math.min(database.length, bytes.length)));
  for (let index = 0; index < committedFrames; index++) {
    const at = WAL_HEADER_SIZE + index * frameSize;
    const pageNumber = view.getUint32(at);
    // Frames are applied in log order, so a later image of the same page wins, as in SQLite's wal-index.
    if (pageNumber <= pageCount)
      bytes.set(wal.subarray(at + WAL_FRAME_HEADER_SIZE, at + frameSize), (pageNumber - 1) * header.pageSize);
  }
  markCheckpointed(bytes, pageCount);
  return { kind: 'applied', bytes, framesApplied: committedFrames, framesIgnored: scan.framesIgnored, pageCount };
}

/**
 * Makes the merged image a plain database: the in-header page count matches the new size (SQLite trusts it over
 * the file length when it is valid), and the journal-mode bytes say "rollback journal", because the WAL is now
 * inside the image and no `-wal` file exists beside it in sql.js's memory file system.
 */
function markCheckpointed(bytes: Uint8Array, pageCount: number): void {
  if (bytes.length < 100) return;
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(DB_PAGE_COUNT_OFFSET, pageCount);
  if (bytes[DB_WRITE_VERSION_OFFSET] === WAL_JOURNAL_MODE) bytes[DB_WRITE_VERSION_OFFSET] = LEGACY_JOURNAL_MODE;
  if (bytes[DB_READ_VERSION_OFFSET] === WAL_JOURNAL_MODE) bytes[DB_READ_VERSION_OFFSET] = LEGACY_JOURNAL_MODE;
}

/** The database header's page size: a big-endian 16-bit value where 1 means 65536 (fileformat2 §1.3.2). */
export function databasePageSize(database: Uint8Array): number | null {
  if (database.length < 100) return null;
  const value = (database[DB_PAGE_SIZE_OFFSET]! << 8) | database[DB_PAGE_SIZE_OFFSET + 1]!;
  return value === 1 ? 65536 : value;
}

function isValidPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}
