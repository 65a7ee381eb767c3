import type { RawEntry, ZipIssue } from './zip-listing';

/**
 * Names unzip would write to the same file (exactly, or on a case-insensitive file system), or a file where
 * another entry needs a folder: each such entry is refused, with the issue saying which entry it clashes with.
 */
export function checkNameCollisions(entries: readonly RawEntry[], issues: ZipIssue[]): void {
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
}
