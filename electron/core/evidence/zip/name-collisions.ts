import { type RawEntry, type ZipIssue, zipIssue } from './zip-listing';

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
      issues.push(
        first.name === entry.name
          ? zipIssue(entry.name, 'malformed', 'duplicate-name')
          : zipIssue(entry.name, 'malformed', 'case-duplicate-name', first.name),
      );
      entry.isReadable = false;
      continue;
    }
    seen.set(key, entry);
    if (!entry.isDirectory && folders.has(key)) {
      issues.push(zipIssue(entry.name, 'malformed', 'file-where-folder-is'));
      entry.isReadable = false;
    }
  }
}
