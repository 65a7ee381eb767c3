import { parseCentralEntry } from './central-entry';
import { findEndRecord } from './end-record';
import { checkEntryLayout } from './entry-layout';
import { checkNameCollisions } from './name-collisions';
import { exceededLimit, ZIP_LIMITS, type ZipLimits } from './zip-limits';
import { printableIssue, type RawEntry, type ZipIssue, zipIssue, type ZipListing, ZipRefusal } from './zip-listing';
import { readAt, type ZipReader } from './zip-reader';

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
  const refused = (issue: ZipIssue): ZipListing => ({
    entries: [],
    issues: [...issues, issue].map(printableIssue),
    isReadable: false,
  });
  try {
    const fileSize = (await reader.handle.stat()).size;
    const end = await findEndRecord(reader, fileSize, archive);
    if (end.entries > limits.maxEntries)
      return refused(zipIssue(null, 'malformed', 'too-many-entries', String(end.entries), String(limits.maxEntries)));
    if (end.directorySize > limits.maxDirectoryBytes)
      return refused(
        zipIssue(null, 'malformed', 'directory-too-large', String(end.directorySize), String(limits.maxDirectoryBytes)),
      );
    if (end.directoryOffset + end.directorySize !== end.directoryEnd) {
      return refused(
        zipIssue(
          null,
          'malformed',
          end.directoryOffset + end.directorySize < end.directoryEnd
            ? 'bytes-before-end-record'
            : 'directory-overlaps-end-record',
        ),
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
    if (at !== directory.length) return refused(zipIssue(null, 'malformed', 'directory-extra-entries'));

    const limit = exceededLimit(entries, limits);
    if (limit)
      return {
        entries: entries.map(({ rawName: _rawName, ...entry }) => ({ ...entry, isReadable: false })),
        issues: [...issues, limit].map(printableIssue),
        isReadable: false,
      };

    checkNameCollisions(entries, issues);
    await checkEntryLayout(reader, entries, end.directoryOffset, issues);

    return {
      entries: entries.map(({ rawName: _rawName, ...entry }) => entry),
      issues: issues.map(printableIssue),
      isReadable: true,
    };
  } catch (error) {
    if (error instanceof ZipRefusal) return refused(error.issue);
    throw error;
  }
}
