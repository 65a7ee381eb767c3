import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { tuneInMemoryDatabase } from '../db/sqlite';
import { bindingOf, encodeHeader } from '../vault/header';
import { NEXT_CATALOG_FILE, promoteNextCatalog } from '../vault/rekey';
import { HEADER_FILE, replaceAtomically, syncDirectory, writeDurable } from '../vault/vault-files';
import type { VaultKeys } from '../vault/vault-keys';

export interface PendingSwap {
  /** A commit passed its commit point but `catalog.lkt.next` could not take `catalog.lkt`'s place yet. */
  isPromotePending: boolean;
}

/** The in-memory catalog sealed as a catalog file, under a new file key wrapped by the wrap key. */
export async function sealCatalogFile(keys: VaultKeys, catalog: Database): Promise<Uint8Array> {
  const sealed = await keys.sealCatalog(() => catalog.export());
  tuneInMemoryDatabase(catalog);
  return sealed;
}

/**
 * Commits the in-memory catalog (FORMAT.md, "Commits", step 2): the new catalog is written as `catalog.lkt.next`,
 * then a header that binds it (generation, file id, SHA-256) replaces `locket.header` (the commit point), then
 * the new catalog takes `catalog.lkt`'s place and the old one is overwritten. A failure before the header's
 * rename leaves the vault as it was; after it, the next unlock finishes the swap. `keys.header` becomes the new
 * header once the commit point is passed.
 */
export async function commitCatalog(
  keys: VaultKeys,
  catalog: Database,
  generation: number,
  swap: PendingSwap,
): Promise<void> {
  keys.require();
  const dir = keys.dir;
  if (swap.isPromotePending) {
    await promoteNextCatalog(dir);
    swap.isPromotePending = false;
  }
  const sealed = await sealCatalogFile(keys, catalog);
  const next = await keys.signHeader({ ...keys.header, catalog: bindingOf(sealed, generation) });
  const encoded = encodeHeader(next);
  const nextPath = join(dir, NEXT_CATALOG_FILE);
  await fs.rm(nextPath, { force: true });
  await writeDurable(nextPath, sealed, NEXT_CATALOG_FILE);
  syncDirectory(dir);
  try {
    await replaceAtomically(dir, HEADER_FILE, encoded); // the commit point
  } catch (error) {
    // The rename may have happened before the error (a failed folder fsync): then the commit stands.
    const onDisk = await fs.readFile(join(dir, HEADER_FILE)).catch(() => null);
    if (!onDisk?.equals(encoded)) {
      await fs.rm(nextPath, { force: true }).catch(() => undefined);
      throw error;
    }
  }
  keys.header = next;
  try {
    await promoteNextCatalog(dir);
  } catch {
    // Committed all the same: the next commit, a rollback or the next unlock finishes the swap.
    swap.isPromotePending = true;
  }
}
