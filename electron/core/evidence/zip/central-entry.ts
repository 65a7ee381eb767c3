import { displayName, unsafeName, UTF8 } from './entry-names';
import { parseExtras, zip64Values } from './zip-extras';
import {
  CENTRAL_HEADER,
  EXTRA_UNICODE_PATH,
  FLAG_ENCRYPTED,
  FLAG_MASKED_HEADER,
  FLAG_STRONG_ENCRYPTION,
  FLAGS_UNDERSTOOD,
  METHOD_DEFLATE,
  METHOD_STORED,
  SIG_CENTRAL,
} from './zip-format';
import type { BagProblemReason, BagProblemValues } from '../../../common/bag-problem-codes';
import { type RawEntry, refusal, type ZipIssue, zipIssue } from './zip-listing';

export function parseCentralEntry(
  directory: Buffer,
  at: number,
  issues: ZipIssue[],
): { entry: RawEntry; next: number } {
  if (at + CENTRAL_HEADER > directory.length || directory.readUInt32LE(at) !== SIG_CENTRAL)
    throw refusal('directory-missing-entries');
  const nameLength = directory.readUInt16LE(at + 28);
  const extraLength = directory.readUInt16LE(at + 30);
  const commentLength = directory.readUInt16LE(at + 32);
  const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
  if (next > directory.length) throw refusal('directory-entry-overruns');
  const rawName = directory.subarray(at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength);
  const extra = directory.subarray(at + CENTRAL_HEADER + nameLength, at + CENTRAL_HEADER + nameLength + extraLength);
  const madeBy = directory.readUInt16LE(at + 4);
  const flags = directory.readUInt16LE(at + 8);
  const method = directory.readUInt16LE(at + 10);
  const crc = directory.readUInt32LE(at + 16);
  const compressedSize32 = directory.readUInt32LE(at + 20);
  const size32 = directory.readUInt32LE(at + 24);
  const diskStart = directory.readUInt16LE(at + 34);
  const external = directory.readUInt32LE(at + 38);
  const localOffset32 = directory.readUInt32LE(at + 42);

  let name: string;
  let isUtf8 = true;
  try {
    name = UTF8.decode(rawName);
  } catch {
    isUtf8 = false;
    name = rawName.toString('latin1');
  }
  const entry: RawEntry = {
    name,
    rawName,
    isDirectory: name.endsWith('/'),
    method,
    flags,
    crc,
    compressedSize: compressedSize32,
    size: size32,
    localOffset: localOffset32,
    dataOffset: null,
    isReadable: true,
  };
  const refuse = <R extends BagProblemReason>(reason: R, ...values: BagProblemValues[R]) => {
    // A link or a device is a file the bag does not hold; everything else here is a damaged entry.
    issues.push(zipIssue(name, reason === 'entry-link-or-device' ? 'unexpected' : 'malformed', reason, ...values));
    entry.isReadable = false;
  };

  const fields = parseExtras(extra);
  const wanted = {
    size: size32 === 0xffffffff,
    compressedSize: compressedSize32 === 0xffffffff,
    offset: localOffset32 === 0xffffffff,
  };
  const values = fields ? zip64Values(fields, wanted) : null;
  if (!fields) refuse('extra-fields-damaged');
  else if (!values) refuse('zip64-field-missing');
  else {
    entry.size = values.size ?? size32;
    entry.compressedSize = values.compressedSize ?? compressedSize32;
    entry.localOffset = values.offset ?? localOffset32;
  }

  const unicodePath = fields?.get(EXTRA_UNICODE_PATH);
  const problemOfName = unsafeName(name);
  if (!isUtf8) refuse('name-not-utf8');
  else if (problemOfName) refuse(problemOfName);
  else if (
    unicodePath &&
    (unicodePath.length < 5 || unicodePath[0] !== 1 || displayName(unicodePath.subarray(5)) !== name)
  ) {
    refuse('unicode-path-differs');
  }
  if (diskStart !== 0) refuse('entry-on-other-disk');
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADER)) refuse('entry-encrypted');
  else if (flags & ~FLAGS_UNDERSTOOD)
    refuse('entry-unknown-flags', (flags & ~FLAGS_UNDERSTOOD).toString(16).padStart(4, '0'));
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) refuse('entry-unknown-method', String(method));
  else if (method === METHOD_STORED && entry.compressedSize !== entry.size) refuse('stored-sizes-differ');
  if (entry.isDirectory && entry.size !== 0) refuse('folder-holds-data');
  // Unix mode bits (made by Unix): a link or a device extracts as one, and a bag never holds either.
  const type = madeBy >> 8 === 3 ? (external >>> 16) & 0xf000 : 0;
  if (type !== 0 && type !== 0x8000 && type !== 0x4000) refuse('entry-link-or-device');
  return { entry, next };
}
