import { displayName } from './entry-names';
import { FLAG_DESCRIPTOR } from './zip-format';
import type { RawEntry, ZipIssue } from './zip-listing';
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
      issues.push({
        name: entry.name,
        kind: 'malformed',
        detail: `its data overlaps ${previous?.name ?? 'another entry'}: two entries that share bytes are how zip bombs multiply`,
      });
      entry.isReadable = false;
      continue;
    }
    if (entry.localOffset > cursor)
      await describeGap(reader, cursor, Math.min(entry.localOffset, directoryOffset), previous, entry, issues);
    const local = await readLocalHeader(reader, entry.localOffset, directoryOffset);
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
    if (entryEnd > directoryOffset) {
      issues.push({ name: entry.name, kind: 'malformed', detail: 'its data runs into the central directory' });
      entry.isReadable = false;
      cursor = directoryOffset;
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
