import { displayName } from './entry-names';
import { FLAG_DESCRIPTOR } from './zip-format';
import { type RawEntry, type ZipIssue, zipIssue } from './zip-listing';
import { descriptorLength, headerMismatch, readLocalHeader } from './local-header';
import type { ZipReader } from './zip-reader';

/**
 * Every byte from the start of the file to the central directory (at `directoryOffset`) belongs to exactly one
 * listed entry, and each local header repeats its directory entry: entries that break this are refused, and bytes
 * no entry accounts for are reported.
 */
export async function checkEntryLayout(
  reader: ZipReader,
  entries: readonly RawEntry[],
  directoryOffset: number,
  issues: ZipIssue[],
): Promise<void> {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  // Where the next entry begins: the next larger offset (entries at the same offset overlap, and are refused).
  const boundaries = new Array<number>(byOffset.length);
  for (let i = byOffset.length - 1; i >= 0; i--) {
    const next = byOffset[i + 1];
    boundaries[i] = !next
      ? directoryOffset
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
      issues.push(zipIssue(entry.name, 'malformed', 'entry-overlaps', previous?.name ?? ''));
      entry.isReadable = false;
      continue;
    }
    if (entry.localOffset > cursor)
      await describeGap(reader, cursor, Math.min(entry.localOffset, directoryOffset), previous, entry, issues);
    const local = await readLocalHeader(reader, entry.localOffset, directoryOffset);
    if (!local) {
      issues.push(zipIssue(entry.name, 'malformed', 'no-local-header'));
      entry.isReadable = false;
      cursor = Math.max(cursor, entry.localOffset);
      continue;
    }
    entry.dataOffset = local.dataOffset;
    const mismatch = headerMismatch(local, entry);
    if (mismatch) {
      issues.push(mismatch);
      entry.isReadable = false;
    }
    let entryEnd = local.dataOffset + entry.compressedSize;
    if (entryEnd > directoryOffset) {
      issues.push(zipIssue(entry.name, 'malformed', 'data-runs-into-directory'));
      entry.isReadable = false;
      cursor = directoryOffset;
      previous = entry;
      continue;
    }
    if (entry.flags & FLAG_DESCRIPTOR) {
      const length = await descriptorLength(reader, entryEnd, Math.max(boundary, entryEnd), entry);
      if (length === null) {
        issues.push(zipIssue(entry.name, 'malformed', 'descriptor-differs'));
        entry.isReadable = false;
        // Whatever descriptor is there is this entry's, not bytes between entries: the one problem is enough.
        if (boundary - entryEnd <= 24) entryEnd = Math.max(boundary, entryEnd);
      } else entryEnd += length;
    }
    cursor = entryEnd;
    previous = entry;
  }
  if (cursor < directoryOffset) await describeGap(reader, cursor, directoryOffset, previous, null, issues);
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
    issues.push(zipIssue(displayName(hidden.rawName), 'unexpected', 'unlisted-local-entry', before?.name ?? ''));
    return;
  }
  const size = String(end - start);
  issues.push(
    !before
      ? zipIssue(after?.name ?? null, 'malformed', 'bytes-before-first-entry', size, after?.name ?? '')
      : after
        ? zipIssue(before.name, 'malformed', 'bytes-between-entries', size, before.name, after.name)
        : zipIssue(before.name, 'malformed', 'bytes-before-directory', size, before.name),
  );
}
