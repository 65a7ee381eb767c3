import { printable } from './entry-names';

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

/** An entry as the central directory spells it: its name's bytes are kept to compare with its local header. */
export interface RawEntry extends ZipEntry {
  rawName: Buffer;
}

/** Thrown while reading an archive that cannot be trusted at all: its message becomes the one issue reported. */
export class ZipRefusal extends Error {}

/** Issues name entries as the archive spells them; a refused name may hold control characters, shown escaped. */
export function printableIssue(issue: ZipIssue): ZipIssue {
  return {
    name: issue.name === null ? null : printable(issue.name),
    kind: issue.kind,
    detail: printable(issue.detail),
  };
}
