import { displayName } from './entry-names';
import { parseExtras } from './zip-extras';
import { EXTRA_ZIP64, FLAG_DESCRIPTOR, LOCAL_HEADER, SIG_DESCRIPTOR, SIG_LOCAL } from './zip-format';
import { type RawEntry, type ZipIssue, zipIssue } from './zip-listing';
import { u64, type ZipReader } from './zip-reader';

export interface LocalHeader {
  rawName: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

export async function readLocalHeader(reader: ZipReader, offset: number, limit: number): Promise<LocalHeader | null> {
  if (offset + LOCAL_HEADER > limit) return null;
  const fixed = await reader.read(offset, LOCAL_HEADER);
  if (fixed.readUInt32LE(0) !== SIG_LOCAL) return null;
  const nameLength = fixed.readUInt16LE(26);
  const extraLength = fixed.readUInt16LE(28);
  if (offset + LOCAL_HEADER + nameLength + extraLength > limit) return null;
  const rest = await reader.read(offset + LOCAL_HEADER, nameLength + extraLength);
  const extra = parseExtras(rest.subarray(nameLength));
  let compressedSize = fixed.readUInt32LE(18);
  let size = fixed.readUInt32LE(22);
  // A local ZIP64 field holds both sizes whenever either is all ones (APPNOTE 4.5.3).
  if (size === 0xffffffff || compressedSize === 0xffffffff) {
    const field = extra?.get(EXTRA_ZIP64);
    if (!field || field.length < 16) return null;
    size = u64(field, 0);
    compressedSize = u64(field, 8);
  }
  return {
    rawName: rest.subarray(0, nameLength),
    flags: fixed.readUInt16LE(6),
    method: fixed.readUInt16LE(8),
    crc: fixed.readUInt32LE(14),
    compressedSize,
    size,
    dataOffset: offset + LOCAL_HEADER + nameLength + extraLength,
  };
}

/**
 * How a local header differs from its central directory entry, as the entry's issue (tools that read the archive
 * differently see different files), or null when it repeats it.
 */
export function headerMismatch(local: LocalHeader, entry: RawEntry): ZipIssue | null {
  const name = entry.name;
  if (!local.rawName.equals(entry.rawName))
    return zipIssue(name, 'malformed', 'local-name-differs', JSON.stringify(displayName(local.rawName)));
  if (local.flags !== entry.flags)
    return zipIssue(name, 'malformed', 'local-flags-differ', local.flags.toString(16), entry.flags.toString(16));
  if (local.method !== entry.method)
    return zipIssue(name, 'malformed', 'local-method-differs', String(local.method), String(entry.method));
  // With a data descriptor the local header may leave CRC and sizes as zero; whatever it does say must agree.
  const deferred = (entry.flags & FLAG_DESCRIPTOR) !== 0;
  const differs = (value: number, expected: number) => value !== expected && !(deferred && value === 0);
  if (differs(local.crc, entry.crc)) return zipIssue(name, 'malformed', 'local-crc-differs');
  if (differs(local.compressedSize, entry.compressedSize))
    return zipIssue(
      name,
      'malformed',
      'local-compressed-size-differs',
      String(local.compressedSize),
      String(entry.compressedSize),
    );
  if (differs(local.size, entry.size))
    return zipIssue(name, 'malformed', 'local-size-differs', String(local.size), String(entry.size));
  return null;
}

/**
 * The length of the data descriptor after an entry's data: the form (with or without its signature, 4- or 8-byte
 * sizes) that repeats the central directory and ends where the next entry begins. Null when none does.
 */
export async function descriptorLength(
  reader: ZipReader,
  at: number,
  boundary: number,
  entry: RawEntry,
): Promise<number | null> {
  const available = Math.min(24, boundary - at);
  if (available < 12) return null;
  const bytes = await reader.read(at, available);
  const forms: { length: number; start: number; wide: boolean }[] = [
    { length: 16, start: 4, wide: false },
    { length: 24, start: 4, wide: true },
    { length: 12, start: 0, wide: false },
    { length: 20, start: 0, wide: true },
  ];
  let fallback: number | null = null;
  for (const form of forms) {
    if (form.length > available || (form.start === 4 && bytes.readUInt32LE(0) !== SIG_DESCRIPTOR)) continue;
    const crc = bytes.readUInt32LE(form.start);
    const compressed = form.wide ? Number(bytes.readBigUInt64LE(form.start + 4)) : bytes.readUInt32LE(form.start + 4);
    const size = form.wide ? Number(bytes.readBigUInt64LE(form.start + 12)) : bytes.readUInt32LE(form.start + 8);
    if (crc !== entry.crc || compressed !== entry.compressedSize || size !== entry.size) continue;
    if (at + form.length === boundary) return form.length;
    fallback ??= form.length;
  }
  return fallback;
}
