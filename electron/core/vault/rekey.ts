import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import type { KdfParams } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, one, run } from '../db/sqlite';
import { FileKind, KEY_KIND_SIGNING, embeddedWrappedKey, sealBuffer, unwrapKey, wrapKey } from './envelope';
import {
  SLOT_PASSPHRASE,
  SLOT_RECOVERY,
  bindingOf,
  deriveRootKeys,
  encodeHeader,
  openHeader,
  sealSlot,
  signHeader,
  wipeRootKeys,
  type RootKeys,
  type VaultHeader,
} from './header';
import type { KdfRunner } from './kdf';
import { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';
import { loadSodium } from './sodium';
import {
  CATALOG_FILE,
  HEADER_FILE,
  PREVIOUS_CATALOG_FILE,
  mediaPath,
  replaceAtomically,
  shardPath,
  shredFile,
  syncDirectory,
  writeDurable,
} from './vault-files';

/**
 * Replacing the root key (FORMAT.md, "Replacing the root key"): `locket passwd --rekey` and the app's option.
 * The new catalog, sealed under the new root, waits as `catalog.lkt.next` until the new header is in place; the
 * header's rename is the commit point, and the next unlock finishes a swap that a crash interrupted.
 */
export const NEXT_CATALOG_FILE = `${CATALOG_FILE}.next`;

/** Name in the catalog's `keys` table of the media-hash key, once it is stored there (after a first rekey). */
export const MEDIA_HASH_KEY_NAME = 'media-hash';
const SIGNING_KEY_NAME = 'evidence-signing';
/** Associated-data file ids of the keys that are not files (kind 0): the signing key, the media-hash key. */
const SIGNING_KEY_ID = new Uint8Array(16);
const MEDIA_HASH_KEY_ID = Uint8Array.from([1, ...new Array<number>(15).fill(0)]);
/** crypto_kdf id of the derived media-hash key (header.ts has 1 and 2). */
const SUBKEY_MEDIA_HASH = 3;

function secretBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text.normalize('NFC'));
}

function unhex(id: string): Uint8Array {
  return new Uint8Array(Buffer.from(id, 'hex'));
}

/** Throws wrong-passphrase / wrong-recovery-code unless `current` opens `header`. */
export async function assertSecretOpens(
  header: VaultHeader,
  current: { passphrase: string } | { recoveryCode: string },
  runKdf: KdfRunner,
): Promise<void> {
  if ('passphrase' in current) {
    await wipeRootKeys(await openHeader(header, SLOT_PASSPHRASE, secretBytes(current.passphrase), runKdf));
    return;
  }
  const code = normalizeRecoveryCode(current.recoveryCode);
  if (!code) throw new LocketError('wrong-recovery-code', 'That is not a recovery code.');
  await wipeRootKeys(await openHeader(header, SLOT_RECOVERY, secretBytes(code), runKdf));
}

/**
 * The key media are deduplicated by: stored wrapped in the catalog once the vault was rekeyed, so that the hashes
 * already in the catalog stay valid; derived from the root key before that.
 */
export async function mediaHashKey(catalog: Database, keys: RootKeys, vaultId: Uint8Array): Promise<Uint8Array> {
  const row = one<{ wrapped_secret: Uint8Array }>(catalog, 'SELECT wrapped_secret FROM keys WHERE name = ?', [
    MEDIA_HASH_KEY_NAME,
  ]);
  if (row) return unwrapKey(keys.wrap, row.wrapped_secret, vaultId, KEY_KIND_SIGNING, MEDIA_HASH_KEY_ID, CATALOG_FILE);
  const sodium = await loadSodium();
  return sodium.crypto_kdf_derive_from_key(32, SUBKEY_MEDIA_HASH, 'locketv1', keys.root);
}

/** Re-wraps every key the catalog holds under `to.wrap`: shard and media file keys, the signing key, the media-hash key. */
export async function rewrapCatalogKeys(
  catalog: Database,
  from: RootKeys,
  to: RootKeys,
  vaultId: Uint8Array,
): Promise<{ rewrapped: number }> {
  const sodium = await loadSodium();
  let rewrapped = 0;
  const rewrap = async (wrapped: Uint8Array, kind: number, fileId: Uint8Array, label: string): Promise<Uint8Array> => {
    const key = await unwrapKey(from.wrap, wrapped, vaultId, kind, fileId, label);
    try {
      rewrapped++;
      return await wrapKey(to.wrap, key, vaultId, kind, fileId);
    } finally {
      sodium.memzero(key);
    }
  };
  for (const [table, kind, pathOf] of [
    ['shards', FileKind.shard, shardPath],
    ['media', FileKind.media, mediaPath],
  ] as const) {
    for (const row of all<{ file_id: string; wrapped_key: Uint8Array }>(
      catalog,
      `SELECT file_id, wrapped_key FROM ${table}`,
    )) {
      const next = await rewrap(row.wrapped_key, kind, unhex(row.file_id), pathOf(row.file_id));
      run(catalog, `UPDATE ${table} SET wrapped_key = ? WHERE file_id = ?`, [next, row.file_id]);
    }
  }
  const hashKey = await mediaHashKey(catalog, from, vaultId);
  try {
    run(
      catalog,
      'INSERT INTO keys (name, public_key, wrapped_secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET wrapped_secret = excluded.wrapped_secret',
      [
        MEDIA_HASH_KEY_NAME,
        new Uint8Array(0),
        await wrapKey(to.wrap, hashKey, vaultId, KEY_KIND_SIGNING, MEDIA_HASH_KEY_ID),
        Date.now(),
      ],
    );
    rewrapped++;
  } finally {
    sodium.memzero(hashKey);
  }
  for (const row of all<{ name: string; wrapped_secret: Uint8Array }>(
    catalog,
    'SELECT name, wrapped_secret FROM keys WHERE name != ?',
    [MEDIA_HASH_KEY_NAME],
  )) {
    // A key this version does not know how to re-wrap would be lost with the old root: refuse rather than lose it.
    if (row.name !== SIGNING_KEY_NAME)
      throw new LocketError(
        'unsupported-version',
        `The vault holds a key this Locket does not know ("${row.name}"). Update Locket to replace the vault key.`,
      );
    run(catalog, 'UPDATE keys SET wrapped_secret = ? WHERE name = ?', [
      await rewrap(row.wrapped_secret, KEY_KIND_SIGNING, SIGNING_KEY_ID, CATALOG_FILE),
      row.name,
    ]);
  }
  return { rewrapped };
}

/** The catalog database sealed as `catalog.lkt` under a new file key wrapped by `keys.wrap`. */
async function sealCatalog(catalog: Database, keys: RootKeys, vaultId: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const fileId = sodium.randombytes_buf(16);
  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  try {
    const identity = { vaultId, kind: FileKind.catalog, fileId };
    const wrapped = await wrapKey(keys.wrap, key, vaultId, FileKind.catalog, fileId);
    return await sealBuffer(identity, key, catalog.export(), wrapped, { compress: true });
  } finally {
    sodium.memzero(key);
  }
}

export interface RekeyInput {
  dir: string;
  header: VaultHeader;
  keys: RootKeys;
  /** A copy of the catalog to change; on success it becomes the session's catalog, on failure it is closed. */
  catalog: Database;
  newPassphrase: string;
  kdf: KdfParams;
  recoveryKdf: KdfParams;
  runKdf: KdfRunner;
  /** Test hook: runs just before the commit point (the header's rename). */
  beforeCommit?: () => Promise<void>;
}

/**
 * Replaces the root key in one commit: every wrapped key in the catalog is re-wrapped under the new root, the new
 * catalog is written as `catalog.lkt.next`, then the new header (new passphrase, new recovery code) replaces the old
 * one (the commit point), then the new catalog takes the place of the old one, which is overwritten.
 * A failure before the header's rename leaves the vault as it was.
 */
export async function rekeyVault(
  input: RekeyInput,
): Promise<{ header: VaultHeader; keys: RootKeys; recoveryCode: string }> {
  const { dir, header, keys, catalog } = input;
  const sodium = await loadSodium();
  const next = await deriveRootKeys(sodium.randombytes_buf(32));
  const nextPath = join(dir, NEXT_CATALOG_FILE);
  let isCommitted = false;
  try {
    const recoveryCode = generateRecoveryCode();
    await rewrapCatalogKeys(catalog, keys, next, header.vaultId);
    const generation = Number(
      JSON.parse(one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'generation'")?.value ?? '0'),
    );
    run(
      catalog,
      "INSERT INTO settings (key, value) VALUES ('generation', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      [JSON.stringify(generation + 1)],
    );
    const slots: VaultHeader['slots'] = [
      await sealSlot(SLOT_PASSPHRASE, secretBytes(input.newPassphrase), input.kdf, next.root, input.runKdf),
      await sealSlot(
        SLOT_RECOVERY,
        secretBytes(normalizeRecoveryCode(recoveryCode)!),
        input.recoveryKdf,
        next.root,
        input.runKdf,
      ),
    ];
    const sealed = await sealCatalog(catalog, next, header.vaultId);
    // The new header binds the new catalog (FORMAT.md, "Catalog binding"), as every commit's header does.
    const catalogBinding = bindingOf(sealed, generation + 1);
    const nextHeader = await signHeader(
      { version: header.version, vaultId: header.vaultId, createdAt: header.createdAt, slots, catalog: catalogBinding },
      next,
    );
    await fs.rm(nextPath, { force: true });
    await writeDurable(nextPath, sealed, NEXT_CATALOG_FILE);
    syncDirectory(dir);
    await input.beforeCommit?.();
    await replaceAtomically(dir, HEADER_FILE, encodeHeader(nextHeader)); // the commit point
    isCommitted = true;
    await promoteNextCatalog(dir);
    return { header: nextHeader, keys: next, recoveryCode };
  } catch (error) {
    if (!isCommitted) {
      // Sealed under a root no slot holds: nobody can open it, unlinking is enough.
      await fs.rm(nextPath, { force: true }).catch(() => undefined);
      catalog.close();
      await wipeRootKeys(next);
    }
    throw error;
  }
}

/** Renames `catalog.lkt.next` over `catalog.lkt`, keeping a second name for the old one to overwrite it (as a commit does). */
export async function promoteNextCatalog(dir: string): Promise<void> {
  const current = join(dir, CATALOG_FILE);
  const previous = join(dir, PREVIOUS_CATALOG_FILE);
  await fs.rm(previous, { force: true });
  const hasPrevious = await fs.link(current, previous).then(
    () => true,
    () => false,
  );
  await fs.rename(join(dir, NEXT_CATALOG_FILE), current);
  syncDirectory(dir);
  if (hasPrevious) await shredFile(previous).catch(() => undefined);
}

/** Whether the catalog file at `path` carries a key that `keys` unwraps; null when there is no such file or it is too short. */
export async function catalogKeyOpens(path: string, header: VaultHeader, keys: RootKeys): Promise<boolean | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch {
    return null;
  }
  let wrapped: Uint8Array;
  try {
    wrapped = embeddedWrappedKey(bytes, CATALOG_FILE);
  } catch {
    return null;
  }
  try {
    const key = await unwrapKey(
      keys.wrap,
      wrapped,
      header.vaultId,
      FileKind.catalog,
      bytes.subarray(24, 40),
      CATALOG_FILE,
    );
    (await loadSodium()).memzero(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run at unlock, after the header opened and before the catalog is read. Finishes a rekey that was interrupted after
 * its commit point (the header is new, `catalog.lkt.next` opens under it and `catalog.lkt` does not); removes a
 * `catalog.lkt.next` left by one interrupted before it. When the catalog does not open under this header's key and
 * nothing is pending, says so plainly: the header is most likely an old copy from before the key was replaced.
 */
export async function settlePendingRekey(dir: string, header: VaultHeader, keys: RootKeys): Promise<void> {
  const nextPath = join(dir, NEXT_CATALOG_FILE);
  const catalogOpens = await catalogKeyOpens(join(dir, CATALOG_FILE), header, keys);
  const nextOpens = await catalogKeyOpens(nextPath, header, keys);
  if (catalogOpens !== true && nextOpens === true) {
    await promoteNextCatalog(dir);
    return;
  }
  if (nextOpens !== null && catalogOpens === true) await shredFile(nextPath).catch(() => undefined);
  if (catalogOpens === false) throw oldHeaderCopyError();
}

/** `catalog.lkt`'s key does not open under the header's: most likely an old header copy from before a rekey. */
export function oldHeaderCopyError(): LocketError {
  return new LocketError(
    'vault-corrupt',
    `The vault file ${CATALOG_FILE} does not open with the key this header holds. Either ${HEADER_FILE} is an old copy from before the vault key was replaced (locket passwd --rekey) and no longer opens the vault, or ${CATALOG_FILE} was damaged or replaced. Restore the vault folder from a backup.`,
    { file: CATALOG_FILE },
  );
}
