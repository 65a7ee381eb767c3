import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { LocketError } from '../errors';
import { matchesBinding, type CatalogBinding, type RootKeys, type VaultHeader } from './header';
import { NEXT_CATALOG_FILE, catalogKeyOpens, oldHeaderCopyError, promoteNextCatalog } from './rekey';
import { CATALOG_FILE, HEADER_FILE, shredFile } from './vault-files';

/**
 * The header binds the catalog it was committed with (FORMAT.md, "Catalog binding"): its generation, file id and
 * the SHA-256 of its bytes. A `catalog.lkt` restored from an older copy no longer matches and fails to open with
 * `vault-rollback`, instead of silently dropping holds and audit entries committed since.
 */

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch {
    return null;
  }
}

/**
 * Run at unlock on a bound header, after it opened and before the catalog is read. Finishes a commit interrupted
 * after its commit point (the header's rename): `catalog.lkt.next` is the catalog the header binds, so it takes
 * `catalog.lkt`'s place. Removes a `catalog.lkt.next` left by a commit interrupted before it. Returns whether
 * `catalog.lkt` is now the bound catalog; when it is not, the caller reads it to say why (`mismatchError`).
 */
export async function settleBoundCatalog(
  dir: string,
  header: VaultHeader & { catalog: CatalogBinding },
): Promise<boolean> {
  const nextPath = join(dir, NEXT_CATALOG_FILE);
  const current = await readOrNull(join(dir, CATALOG_FILE));
  if (current && matchesBinding(current, header.catalog)) {
    if (await readOrNull(nextPath)) await shredFile(nextPath).catch(() => undefined);
    return true;
  }
  const next = await readOrNull(nextPath);
  if (next && matchesBinding(next, header.catalog)) {
    await promoteNextCatalog(dir);
    return true;
  }
  return false;
}

/**
 * Why `catalog.lkt` is not the catalog the header binds, once it is known to decrypt under this header's key (or
 * not): an older catalog is a rollback, a newer one an older header copy, the same generation a replaced file.
 */
export async function mismatchError(
  dir: string,
  header: VaultHeader & { catalog: CatalogBinding },
  keys: RootKeys,
  catalogGeneration: number | null,
): Promise<LocketError> {
  const expected = header.catalog.generation;
  if (catalogGeneration === null) {
    if ((await catalogKeyOpens(join(dir, CATALOG_FILE), header, keys)) === false) return oldHeaderCopyError();
    return new LocketError(
      'vault-corrupt',
      `The vault file ${CATALOG_FILE} is missing or damaged. Restore the vault folder from a backup.`,
      { file: CATALOG_FILE },
    );
  }
  if (catalogGeneration < expected) {
    return new LocketError(
      'vault-rollback',
      `${CATALOG_FILE} is older than the vault's last commit (generation ${catalogGeneration}, expected ${expected}): it was restored from an older copy, which would silently undo what was committed since (holds, audit entries, wipes). ` +
        `Restore the whole vault folder from one backup, or put back the ${CATALOG_FILE} that belongs with this ${HEADER_FILE}.`,
      { file: CATALOG_FILE, generation: catalogGeneration, expectedGeneration: expected },
    );
  }
  if (catalogGeneration > expected) {
    return new LocketError(
      'vault-rollback',
      `${HEADER_FILE} is older than ${CATALOG_FILE} (the header commits to generation ${expected}, the catalog is generation ${catalogGeneration}): the header was restored from an older copy. ` +
        `Restore the whole vault folder from one backup, or put back the ${HEADER_FILE} that belongs with this ${CATALOG_FILE}.`,
      { file: HEADER_FILE, generation: expected, expectedGeneration: catalogGeneration },
    );
  }
  return new LocketError(
    'vault-corrupt',
    `The vault file ${CATALOG_FILE} is not the catalog ${HEADER_FILE} was committed with (both say generation ${expected}): it was replaced. Restore the vault folder from a backup.`,
    { file: CATALOG_FILE },
  );
}
