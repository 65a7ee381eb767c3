import { promises as fs } from 'node:fs';

/** The names in a folder of the backup; none when it is missing or unreadable. */
export async function readDirNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The names `pattern` matches, in the numeric order of its first group: `MSG2.db` before `MSG10.db`. */
export function inNumericOrder(names: string[], pattern: RegExp): string[] {
  return names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]))
    .map(({ name }) => name);
}
