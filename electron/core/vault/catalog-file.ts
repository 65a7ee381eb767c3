import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { catalogMigrations } from '../db/migrations';
import { migrate } from '../db/migrate';
import { loadSqlJs, one, tuneInMemoryDatabase } from '../db/sqlite';
import { mismatchError } from './catalog-binding';
import { FileKind, embeddedWrappedKey, openBuffer, unwrapKey, type FileIdentity } from './envelope';
import { matchesBinding, parseHeader, type RootKeys, type VaultHeader } from './header';
import { loadSodium } from './sodium';
import { CATALOG_FILE, HEADER_FILE, readFileOrCorrupt } from './vault-files';

/** The vault's header, parsed; vault-not-found when the folder holds none. */
export async function readHeader(dir: string): Promise<VaultHeader> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(join(dir, HEADER_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LocketError('vault-not-found', `There is no Locket vault at ${dir} (no ${HEADER_FILE} in it).`, {
        path: dir,
      });
    }
    throw error;
  }
  return parseHeader(bytes);
}

/**
 * Reads and decrypts the catalog. With a bound header, the file must be the catalog the header binds; otherwise it
 * is decrypted only to say why not (an older catalog: `vault-rollback`).
 */
export async function readCatalog(
  dir: string,
  header: VaultHeader,
  keys: RootKeys,
  file = CATALOG_FILE,
): Promise<Database> {
  const bytes = await readFileOrCorrupt(join(dir, file), file);
  if (header.catalog && !matchesBinding(bytes, header.catalog)) {
    const bound = { ...header, catalog: header.catalog };
    let generation: number | null = null;
    try {
      const db = await decryptCatalog(bytes, header, keys, file);
      generation = Number(
        JSON.parse(one<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'generation'")?.value ?? '0'),
      );
      db.close();
    } catch {
      // Does not decrypt: mismatchError says why.
    }
    throw await mismatchError(dir, bound, keys, generation);
  }
  return decryptCatalog(bytes, header, keys, file);
}

async function decryptCatalog(bytes: Buffer, header: VaultHeader, keys: RootKeys, file: string): Promise<Database> {
  const fileId = bytes.length >= 40 ? bytes.subarray(24, 40) : new Uint8Array(16);
  const identity: FileIdentity = { vaultId: header.vaultId, kind: FileKind.catalog, fileId, label: file };
  const wrapped = embeddedWrappedKey(bytes, file);
  const key = await unwrapKey(keys.wrap, wrapped, header.vaultId, FileKind.catalog, fileId, file);
  const plain = await openBuffer(bytes, identity, key);
  (await loadSodium()).memzero(key);
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = tuneInMemoryDatabase(new SQL.Database(plain));
    migrate(db, catalogMigrations, 'catalog');
  } catch (error) {
    if (error instanceof LocketError) throw error;
    throw new LocketError(
      'vault-corrupt',
      `The vault file ${file} decrypts but is not a valid catalog.`,
      { file },
      { cause: error },
    );
  }
  return db;
}
