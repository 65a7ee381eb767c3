import { type RawEntry, type ZipIssue, zipIssue } from './zip-listing';

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

/** The bounds, checked on what the directory declares before any data is read. */
export function exceededLimit(entries: readonly RawEntry[], limits: ZipLimits): ZipIssue | null {
  let total = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxEntryBytes)
      return zipIssue(entry.name, 'malformed', 'entry-too-large', String(entry.size), String(limits.maxEntryBytes));
    if (entry.size > limits.ratioFloor && entry.size > entry.compressedSize * limits.maxRatio) {
      const [size, compressed] = [String(entry.size), String(entry.compressedSize)];
      return zipIssue(entry.name, 'malformed', 'zip-bomb', size, compressed, String(limits.maxRatio));
    }
    total += entry.size;
  }
  if (total > limits.maxTotalBytes)
    return zipIssue(null, 'malformed', 'archive-too-large', String(total), String(limits.maxTotalBytes));
  return null;
}
