import type { BagProblemReason, BagProblemValues } from '../../../common/bag-problem-codes';
import { bagProblemTextEn } from '../../../common/bag-problem-text-en';
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
  /** Why, as the stable code the bag's problem carries, with the values its words name. */
  reason: BagProblemReason;
  values?: string[];
  /** The reason's English words. */
  detail: string;
}

/** An issue of the entry `name` (null: the archive as a whole), worded in English from its reason and values. */
export function zipIssue<R extends BagProblemReason>(
  name: string | null,
  kind: ZipIssue['kind'],
  reason: R,
  ...values: BagProblemValues[R]
): ZipIssue {
  return {
    name,
    kind,
    reason,
    ...(values.length > 0 ? { values: [...values] } : {}),
    detail: bagProblemTextEn(reason, ...values),
  };
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

/** Thrown while reading an archive that cannot be trusted at all: its issue becomes the one reported. */
export class ZipRefusal extends Error {
  readonly issue: ZipIssue;

  constructor(issue: ZipIssue) {
    super(issue.detail);
    this.issue = issue;
  }
}

/** A refusal of the archive as a whole (the archive's file is named where it is reported). */
export function refusal<R extends BagProblemReason>(reason: R, ...values: BagProblemValues[R]): ZipRefusal {
  return new ZipRefusal(zipIssue(null, 'malformed', reason, ...values));
}

/** Issues name entries as the archive spells them; a refused name may hold control characters, shown escaped. */
export function printableIssue(issue: ZipIssue): ZipIssue {
  return {
    ...issue,
    name: issue.name === null ? null : printable(issue.name),
    ...(issue.values ? { values: issue.values.map(printable) } : {}),
    detail: printable(issue.detail),
  };
}
