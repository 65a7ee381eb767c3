import { promises as fs } from 'node:fs';
import { UID, parseBuffer } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import { md5Hex } from '../reader-kit/md5-hex';
import type { IosContact } from './ios-contacts';
import type { IosManifest } from './ios-manifest';
import { readBytesFields, readStringFields } from './ios-protobuf';

/** The account's owner, and the file that named them (null when it was the contact list). */
export interface IosOwner {
  username: string;
  name: string | null;
  /** Stored path (relative to the backup root) of the file the owner was read from, for provenance. */
  storedPath: string | null;
}

interface Found {
  username: string;
  name: string | null;
  storedPath: string | null;
}

/** No account file is this large; a larger one is not read into memory. */
const MAX_ACCOUNT_FILE_BYTES = 16 * 1024 * 1024;
const MMKV_PREFIX = 'Documents/MMappedKV/mmsetting.archive.';

/**
 * The owner of an account folder, from the first source that names a username whose md5 is the folder's name
 * (docs/wechat-formats.md §5.2): the owner's own contact row, `Documents/<hash>/mmsetting.archive`, the MMKV file
 * `Documents/MMappedKV/mmsetting.archive.<username>`, then `Documents/LoginInfo2.dat` (WechatExporter's
 * `LoginInfo2Parser` and `MMSettingParser` read the same files). A username that does not hash to the folder is
 * never taken: a wrong owner would make every sent message someone else's.
 */
export async function findIosOwner(
  manifest: IosManifest,
  account: string,
  contacts: IosContact[],
): Promise<IosOwner | null> {
  const contact = contacts.find((c) => md5Hex(c.username) === account);
  const sources: (() => Promise<Found | null>)[] = [
    () =>
      Promise.resolve(
        contact ? { username: contact.username, name: contact.nickname ?? contact.remark, storedPath: null } : null,
      ),
    () => fromMmsetting(manifest, account),
    () => fromMmkv(manifest, account),
    () => fromLoginInfo2(manifest, account),
  ];
  let owner: IosOwner | null = null;
  for (const source of sources) {
    const found = await source();
    if (!found || (owner && found.username !== owner.username)) continue;
    if (!owner) owner = { ...found };
    // A later source may still know the name the first one lacked.
    else owner.name ??= found.name;
    if (owner.name) break;
  }
  return owner;
}

async function readAccountFile(
  manifest: IosManifest,
  relativePath: string,
): Promise<{ bytes: Buffer; storedPath: string } | null> {
  const located = manifest.locate(relativePath);
  if (!('path' in located)) return null;
  try {
    const stat = await fs.stat(located.path);
    if (!stat.isFile() || stat.size > MAX_ACCOUNT_FILE_BYTES) return null;
    return { bytes: await fs.readFile(located.path), storedPath: located.storedPath };
  } catch {
    // An account file that cannot be read only means one source fewer for the owner.
    return null;
  }
}

const matches = (username: string | null | undefined, account: string): username is string =>
  typeof username === 'string' && username !== '' && md5Hex(username) === account;

/**
 * `mmsetting.archive`: an NSKeyedArchiver plist whose root object (`$objects[1]`, which `$top.root` points at) has
 * `UsrName`, `NickName` and `AliasName`, each a UID into `$objects` (BM `MMSettingParser`).
 */
async function fromMmsetting(manifest: IosManifest, account: string): Promise<Found | null> {
  const file = await readAccountFile(manifest, `Documents/${account}/mmsetting.archive`);
  if (!file) return null;
  let archive: unknown;
  try {
    archive =
      file.bytes.subarray(0, 6).toString('latin1') === 'bplist'
        ? parseBuffer(file.bytes)[0]
        : parseXmlPlist(file.bytes.toString('utf8'));
  } catch {
    return null;
  }
  const objects = field(archive, '$objects');
  if (!Array.isArray(objects)) return null;
  const root = resolve(objects, field(field(archive, '$top'), 'root')) ?? objects[1];
  const text = (key: string): string | null => {
    const value = resolve(objects, field(root, key));
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const username = text('UsrName');
  return matches(username, account) ? { username, name: text('NickName'), storedPath: file.storedPath } : null;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A keyed-archiver reference followed into `$objects`; a plain value is itself. */
function resolve(objects: unknown[], value: unknown): unknown {
  if (value instanceof UID) return objects[value.UID];
  const uid = field(value, 'UID');
  if (typeof uid === 'number' && Object.keys(value as object).length === 1) return objects[uid];
  return value;
}

/**
 * `Documents/MMappedKV/mmsetting.archive.<username>` (and its `.crc`): the file name carries the username; the
 * MMKV store inside has the display name under key "88" (BM `MMKVParser`).
 */
async function fromMmkv(manifest: IosManifest, account: string): Promise<Found | null> {
  for (const path of manifest.relativePaths()) {
    if (!path.startsWith(MMKV_PREFIX) || path.endsWith('.crc')) continue;
    const username = path.slice(MMKV_PREFIX.length);
    if (!matches(username, account)) continue;
    const file = await readAccountFile(manifest, path);
    return { username, name: file ? mmkvString(file.bytes, '88') : null, storedPath: file?.storedPath ?? null };
  }
  return null;
}

/**
 * One string value of an MMKV file: a 4-byte little-endian size, a 4-byte header, then pairs of varint-length key
 * and varint-length value, a string value being itself a varint length and the bytes (BM `MMKVParser`,
 * `MMKVReader`). Damage gives null.
 */
export function mmkvString(bytes: Uint8Array, wanted: string): string | null {
  if (bytes.length < 8) return null;
  const size = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
  const end = Math.min(bytes.length, size > 0 ? size + 4 : bytes.length);
  let at = 8;
  const varint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift < 35 && at < end; shift += 7) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    return null;
  };
  const decoder = new TextDecoder('utf-8');
  while (at < end) {
    const keyLength = varint();
    if (keyLength === null || keyLength === 0 || at + keyLength > end) return null;
    const key = decoder.decode(bytes.subarray(at, at + keyLength));
    at += keyLength;
    const valueLength = varint();
    if (valueLength === null || at + valueLength > end) return null;
    const valueEnd = at + valueLength;
    if (key === wanted) {
      const length = varint();
      if (length === null || at + length > valueEnd) return null;
      const text = decoder.decode(bytes.subarray(at, at + length));
      return text === '' ? null : text;
    }
    at = valueEnd;
  }
  return null;
}

/**
 * `Documents/LoginInfo2.dat`: protobuf whose field 1 holds the accounts logged in on the phone, each a record with
 * field 1 username, 2 alias, 3 display name. BM reads field 1 as a run of varint-length-prefixed records; other
 * readers see each record as a field of its own. Both layouts are searched, and only a record whose username
 * hashes to the account is taken, so neither reading can name a wrong owner.
 */
async function fromLoginInfo2(manifest: IosManifest, account: string): Promise<Found | null> {
  const file = await readAccountFile(manifest, 'Documents/LoginInfo2.dat');
  if (!file) return null;
  const record = findLoginRecord(file.bytes, account, 0);
  return record ? { ...record, storedPath: file.storedPath } : null;
}

const MAX_DEPTH = 3;

function findLoginRecord(
  bytes: Uint8Array,
  account: string,
  depth: number,
): { username: string; name: string | null } | null {
  const strings = readStringFields(bytes);
  const username = strings.get(1);
  if (matches(username, account)) return { username, name: strings.get(3) || null };
  if (depth >= MAX_DEPTH) return null;
  for (const values of readBytesFields(bytes).values()) {
    for (const value of values) {
      const found = findLoginRecord(value, account, depth + 1) ?? findInPrefixedRun(value, account);
      if (found) return found;
    }
  }
  return null;
}

/** A run of records each preceded by its varint length (BM `LoginInfo2Parser::parseUser`). */
function findInPrefixedRun(bytes: Uint8Array, account: string): { username: string; name: string | null } | null {
  let at = 0;
  while (at < bytes.length) {
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= bytes.length || shift > 28) return null;
      byte = bytes[at++]!;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (length === 0 || at + length > bytes.length) return null;
    const strings = readStringFields(bytes.subarray(at, at + length));
    const username = strings.get(1);
    if (matches(username, account)) return { username, name: strings.get(3) || null };
    at += length;
  }
  return null;
}
