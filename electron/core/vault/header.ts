import { createHash } from 'node:crypto';
import { LocketError } from '../errors';
import type { KdfParams } from '../../ipc/contract';
import { assertKdfParamsInRange, type KdfRunner } from './kdf';
import { loadSodium } from './sodium';

/** Byte layout from FORMAT.md, "Header". */
export const HEADER_MAGIC = Buffer.from('LKTVAULT', 'ascii');
export const FORMAT_VERSION = 1;
const FIXED_LENGTH = 37;
const SLOT_LENGTH = 98;
const SLOTS_END = FIXED_LENGTH + 2 * SLOT_LENGTH;
/** Flag bit 0: the header binds the current catalog (FORMAT.md, "Catalog binding"). */
export const FLAG_CATALOG_BINDING = 1;
const BINDING_LENGTH = 8 + 16 + 32;
/** Length of a header without a catalog binding (vaults written before the binding existed). */
export const HEADER_LENGTH = SLOTS_END + 32 + 32;
/** Length of a header that binds the catalog. */
export const BOUND_HEADER_LENGTH = HEADER_LENGTH + BINDING_LENGTH;

function macOffset(isBound: boolean): number {
  return SLOTS_END + (isBound ? BINDING_LENGTH : 0);
}
const SLOT_AD_PREFIX = Buffer.from('LKTSLOT', 'ascii');
const KDF_ARGON2ID = 2;

export const SLOT_PASSPHRASE = 1;
export const SLOT_RECOVERY = 2;
export type SlotType = typeof SLOT_PASSPHRASE | typeof SLOT_RECOVERY;

/** libsodium crypto_kdf ids under the context "locketv1". */
const KDF_CONTEXT = 'locketv1';
const SUBKEY_HEADER_MAC = 1;
const SUBKEY_WRAP = 2;

export interface KeySlot {
  type: SlotType;
  params: KdfParams;
  salt: Uint8Array;
  nonce: Uint8Array;
  wrappedRoot: Uint8Array;
}

/**
 * The catalog the header commits to (FORMAT.md, "Catalog binding"): its generation counter, its file id and the
 * SHA-256 of `catalog.lkt`'s bytes as written. Covered by the header MAC.
 */
export interface CatalogBinding {
  generation: number;
  fileId: Uint8Array;
  sha256: Uint8Array;
}

export interface VaultHeader {
  version: number;
  vaultId: Uint8Array;
  createdAt: number;
  slots: [KeySlot, KeySlot];
  /** Absent in headers written before the binding existed: "not yet bound", bound at the next commit. */
  catalog?: CatalogBinding;
  mac: Uint8Array;
}

export function encodeHeader(header: VaultHeader): Buffer {
  const isBound = header.catalog !== undefined;
  const macAt = macOffset(isBound);
  const out = Buffer.alloc(isBound ? BOUND_HEADER_LENGTH : HEADER_LENGTH);
  writeFixedPart(out, header);
  header.slots.forEach((slot, i) => writeSlot(out, FIXED_LENGTH + i * SLOT_LENGTH, slot));
  if (header.catalog) {
    out.writeBigUInt64LE(BigInt(header.catalog.generation), SLOTS_END);
    Buffer.from(header.catalog.fileId).copy(out, SLOTS_END + 8);
    Buffer.from(header.catalog.sha256).copy(out, SLOTS_END + 24);
  }
  Buffer.from(header.mac).copy(out, macAt);
  checksum(out.subarray(0, macAt + 32)).copy(out, macAt + 32);
  return out;
}

/** Offset and length of the file id in an encrypted file's header (FORMAT.md, "Encrypted files"). */
const FILE_ID_AT = 24;
const FILE_ID_LENGTH = 16;

/** The binding of `catalogBytes` (a sealed catalog file, as written) at `generation`. */
export function bindingOf(catalogBytes: Uint8Array, generation: number): CatalogBinding {
  return {
    generation,
    fileId: Uint8Array.prototype.slice.call(catalogBytes, FILE_ID_AT, FILE_ID_AT + FILE_ID_LENGTH),
    sha256: new Uint8Array(createHash('sha256').update(catalogBytes).digest()),
  };
}

export function matchesBinding(catalogBytes: Uint8Array, binding: CatalogBinding): boolean {
  const actual = bindingOf(catalogBytes, binding.generation);
  return (
    Buffer.from(actual.fileId).equals(Buffer.from(binding.fileId)) &&
    Buffer.from(actual.sha256).equals(Buffer.from(binding.sha256))
  );
}

/** Unkeyed BLAKE2b-256: catches accidental damage before any secret is tried (FORMAT.md, "Reading the header"). */
function checksum(bytes: Uint8Array): Buffer {
  return createHash('blake2b512').update(bytes).digest().subarray(0, 32);
}

function writeFixedPart(out: Buffer, header: Pick<VaultHeader, 'version' | 'vaultId' | 'createdAt' | 'catalog'>): void {
  HEADER_MAGIC.copy(out, 0);
  out.writeUInt16LE(header.version, 8);
  out.writeUInt16LE(header.catalog ? FLAG_CATALOG_BINDING : 0, 10);
  Buffer.from(header.vaultId).copy(out, 12);
  out.writeBigUInt64LE(BigInt(header.createdAt), 28);
  out.writeUInt8(2, 36);
}

function writeSlot(out: Buffer, at: number, slot: KeySlot): void {
  out.writeUInt8(slot.type, at);
  out.writeUInt8(KDF_ARGON2ID, at + 1);
  out.writeUInt32LE(slot.params.opsLimit, at + 2);
  out.writeUInt32LE(slot.params.memLimitKiB, at + 6);
  Buffer.from(slot.salt).copy(out, at + 10);
  Buffer.from(slot.nonce).copy(out, at + 26);
  Buffer.from(slot.wrappedRoot).copy(out, at + 50);
}

function corrupt(reason: string): LocketError {
  return new LocketError('vault-corrupt', `The vault header (locket.header) is damaged: ${reason}.`, {
    file: 'locket.header',
  });
}

/** Parses and checks the structure; checks nothing that needs a key. */
export function parseHeader(bytes: Uint8Array): VaultHeader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 10 || !buf.subarray(0, 8).equals(HEADER_MAGIC)) throw corrupt('it is not a Locket vault header');
  const version = buf.readUInt16LE(8);
  if (version !== FORMAT_VERSION) {
    throw new LocketError(
      'unsupported-version',
      `This vault uses format version ${version}; this Locket reads version ${FORMAT_VERSION}. Update Locket to open it.`,
      { version },
    );
  }
  // The length follows from the flags, but the flags are only trusted once the checksum matches: check the length
  // a header can have first, then the checksum, then that the flags agree with the length.
  if (buf.length !== HEADER_LENGTH && buf.length !== BOUND_HEADER_LENGTH) {
    throw corrupt(`it is ${buf.length} bytes long instead of ${HEADER_LENGTH} or ${BOUND_HEADER_LENGTH}`);
  }
  const checksumAt = buf.length - 32;
  if (!checksum(buf.subarray(0, checksumAt)).equals(buf.subarray(checksumAt)))
    throw corrupt('its checksum does not match (the file was damaged)');
  const flags = buf.readUInt16LE(10);
  if ((flags & ~FLAG_CATALOG_BINDING) !== 0) throw corrupt('unknown flags are set');
  const isBound = flags === FLAG_CATALOG_BINDING;
  if (buf.length !== (isBound ? BOUND_HEADER_LENGTH : HEADER_LENGTH))
    throw corrupt(`its length (${buf.length} bytes) does not match its flags`);
  if (buf.readUInt8(36) !== 2) throw corrupt('it does not hold exactly two key slots');
  const slots = [0, 1].map((i) =>
    readSlot(buf, FIXED_LENGTH + i * SLOT_LENGTH, i === 0 ? SLOT_PASSPHRASE : SLOT_RECOVERY),
  ) as [KeySlot, KeySlot];
  return {
    version,
    vaultId: copy(buf, 12, 16),
    createdAt: Number(buf.readBigUInt64LE(28)),
    slots,
    ...(isBound
      ? {
          catalog: {
            generation: Number(buf.readBigUInt64LE(SLOTS_END)),
            fileId: copy(buf, SLOTS_END + 8, 16),
            sha256: copy(buf, SLOTS_END + 24, 32),
          },
        }
      : {}),
    mac: copy(buf, macOffset(isBound), 32),
  };
}

function readSlot(buf: Buffer, at: number, expectedType: SlotType): KeySlot {
  const type = buf.readUInt8(at);
  if (type !== expectedType) throw corrupt(`key slot ${expectedType} has type ${type}`);
  if (buf.readUInt8(at + 1) !== KDF_ARGON2ID)
    throw corrupt(`key slot ${type} names an unknown key-derivation function`);
  return {
    type: expectedType,
    params: { opsLimit: buf.readUInt32LE(at + 2), memLimitKiB: buf.readUInt32LE(at + 6) },
    salt: copy(buf, at + 10, 16),
    nonce: copy(buf, at + 26, 24),
    wrappedRoot: copy(buf, at + 50, 48),
  };
}

function copy(buf: Buffer, at: number, length: number): Uint8Array {
  return Uint8Array.prototype.slice.call(buf, at, at + length);
}

/** A slot is bound to its type; the header MAC, not the slot, binds the rest of the header to the root key. */
function slotAssociatedData(type: SlotType): Uint8Array {
  return Buffer.concat([SLOT_AD_PREFIX, Buffer.from([type])]);
}

export interface RootKeys {
  root: Uint8Array;
  headerMac: Uint8Array;
  wrap: Uint8Array;
}

export async function deriveRootKeys(root: Uint8Array): Promise<RootKeys> {
  const sodium = await loadSodium();
  return {
    root,
    headerMac: sodium.crypto_kdf_derive_from_key(32, SUBKEY_HEADER_MAC, KDF_CONTEXT, root),
    wrap: sodium.crypto_kdf_derive_from_key(32, SUBKEY_WRAP, KDF_CONTEXT, root),
  };
}

export async function wipeRootKeys(keys: RootKeys): Promise<void> {
  const sodium = await loadSodium();
  sodium.memzero(keys.root);
  sodium.memzero(keys.headerMac);
  sodium.memzero(keys.wrap);
}

async function computeMac(header: VaultHeader, macKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const bytes = encodeHeader({ ...header, mac: new Uint8Array(32) });
  return sodium.crypto_auth(bytes.subarray(0, macOffset(header.catalog !== undefined)), macKey);
}

/** Builds a key slot that wraps `root` under a key derived from `secret`. */
export async function sealSlot(
  type: SlotType,
  secret: Uint8Array,
  params: KdfParams,
  root: Uint8Array,
  runKdf: KdfRunner,
): Promise<KeySlot> {
  const sodium = await loadSodium();
  const salt = sodium.randombytes_buf(16);
  const nonce = sodium.randombytes_buf(24);
  const slotKey = await runKdf({ secret, salt, params });
  try {
    const wrappedRoot = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      root,
      slotAssociatedData(type),
      null,
      nonce,
      slotKey,
    );
    return { type, params, salt, nonce, wrappedRoot };
  } finally {
    sodium.memzero(slotKey);
  }
}

/** Sets the header's MAC for the given root keys. */
export async function signHeader(header: Omit<VaultHeader, 'mac'>, keys: RootKeys): Promise<VaultHeader> {
  const unsigned: VaultHeader = { ...header, mac: new Uint8Array(32) };
  return { ...unsigned, mac: await computeMac(unsigned, keys.headerMac) };
}

/**
 * Opens one slot with the secret, then checks the header MAC (FORMAT.md, "Reading the header").
 * Throws wrong-passphrase / wrong-recovery-code when the slot does not open, vault-corrupt when the MAC fails.
 */
export async function openHeader(
  header: VaultHeader,
  type: SlotType,
  secret: Uint8Array,
  runKdf: KdfRunner,
): Promise<RootKeys> {
  const sodium = await loadSodium();
  for (const slot of header.slots) assertKdfParamsInRange(slot.params, `key slot ${slot.type}`);
  const slot = header.slots[type - 1]!;
  const slotKey = await runKdf({ secret, salt: slot.salt, params: slot.params });
  let root: Uint8Array;
  try {
    root = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      slot.wrappedRoot,
      slotAssociatedData(type),
      slot.nonce,
      slotKey,
    );
  } catch {
    throw type === SLOT_PASSPHRASE
      ? new LocketError('wrong-passphrase', 'That passphrase does not open this vault.')
      : new LocketError('wrong-recovery-code', 'That recovery code does not open this vault.');
  } finally {
    sodium.memzero(slotKey);
  }
  const keys = await deriveRootKeys(root);
  const expected = await computeMac(header, keys.headerMac);
  if (!sodium.memcmp(expected, header.mac)) {
    await wipeRootKeys(keys);
    throw corrupt('its integrity check failed');
  }
  return keys;
}
