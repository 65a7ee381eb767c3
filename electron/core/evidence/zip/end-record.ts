import { refusedBag } from '../bag-problem';
import { EOCD, SIG_EOCD, SIG_LOCAL, SIG_ZIP64_EOCD, SIG_ZIP64_LOCATOR, ZIP64_EOCD, ZIP64_LOCATOR } from './zip-format';
import { refusal } from './zip-listing';
import { readAt, u64, type ZipReader } from './zip-reader';

export interface EndRecord {
  entries: number;
  directoryOffset: number;
  directorySize: number;
  /** Where the central directory must end: the ZIP64 end record, or the end record. */
  directoryEnd: number;
}

export async function findEndRecord(reader: ZipReader, fileSize: number, archive: string): Promise<EndRecord> {
  const handle = reader.handle;
  const tailLength = Math.min(fileSize, EOCD + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  const candidates: number[] = [];
  for (let i = tail.length - EOCD; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD + tail.readUInt16LE(i + 20) === tail.length) candidates.push(i);
  }
  if (candidates.length === 0) {
    const head = await readAt(handle, 0, Math.min(4, fileSize)).catch(() => Buffer.alloc(0));
    if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL) throw refusal('no-end-record');
    throw refusedBag('not-a-zip', archive);
  }
  if (candidates.length > 1) throw refusal('second-end-record');
  const at = fileSize - tailLength + candidates[0]!;
  const eocd = tail.subarray(candidates[0]!, candidates[0]! + EOCD);
  const disk = eocd.readUInt16LE(4);
  const directoryDisk = eocd.readUInt16LE(6);
  const onDisk = eocd.readUInt16LE(8);
  const entries = eocd.readUInt16LE(10);
  const directorySize = eocd.readUInt32LE(12);
  const directoryOffset = eocd.readUInt32LE(16);

  const locatorAt = at - ZIP64_LOCATOR;
  const locator = locatorAt >= 0 ? await readAt(handle, locatorAt, ZIP64_LOCATOR) : null;
  if (!locator || locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) {
    if (disk !== 0 || directoryDisk !== 0 || onDisk !== entries) throw refusal('split-archive');
    return { entries, directoryOffset, directorySize, directoryEnd: at };
  }

  // ZIP64: the locator names the ZIP64 end record, which must end where the locator begins.
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1) throw refusal('split-archive');
  const zip64At = u64(locator, 8);
  if (zip64At + ZIP64_EOCD > locatorAt) throw refusal('zip64-end-misplaced');
  const zip64 = await readAt(handle, zip64At, ZIP64_EOCD);
  if (zip64.readUInt32LE(0) !== SIG_ZIP64_EOCD || zip64At + 12 + u64(zip64, 4) !== locatorAt)
    throw refusal('zip64-end-misplaced');
  const record = {
    disk: zip64.readUInt32LE(16),
    directoryDisk: zip64.readUInt32LE(20),
    onDisk: u64(zip64, 24),
    entries: u64(zip64, 32),
    directorySize: u64(zip64, 40),
    directoryOffset: u64(zip64, 48),
  };
  if (record.disk !== 0 || record.directoryDisk !== 0 || record.onDisk !== record.entries)
    throw refusal('split-archive');
  // The 32-bit record repeats each value, or says "see ZIP64" with all ones.
  const agrees = (short: number, long: number, ones: number) => short === ones || short === long;
  if (
    !agrees(entries, record.entries, 0xffff) ||
    !agrees(onDisk, record.onDisk, 0xffff) ||
    !agrees(directorySize, record.directorySize, 0xffffffff) ||
    !agrees(directoryOffset, record.directoryOffset, 0xffffffff)
  ) {
    throw refusal('end-records-disagree');
  }
  return {
    entries: record.entries,
    directoryOffset: record.directoryOffset,
    directorySize: record.directorySize,
    directoryEnd: zip64At,
  };
}
