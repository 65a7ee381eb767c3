import type { Database } from 'sql.js';
import type { KdfParams } from '../../ipc/contract';
import { LocketError } from '../errors';
import { loadSqlJs, tuneInMemoryDatabase } from '../db/sqlite';
import { SLOT_PASSPHRASE, SLOT_RECOVERY, encodeHeader, openHeader, sealSlot, wipeRootKeys } from '../vault/header';
import type { KdfRunner } from '../vault/kdf';
import { normalizeRecoveryCode } from '../vault/recovery-code';
import { assertSecretOpens, rekeyVault } from '../vault/rekey';
import { HEADER_FILE, replaceAtomically } from '../vault/vault-files';
import type { VaultKeys } from '../vault/vault-keys';
import { secretBytes, type VaultSecret } from './unlock';

/** Re-wraps the root key under a new passphrase once `current` opens the vault. Rewrites only the header. */
export async function changePassphrase(
  keys: VaultKeys,
  current: VaultSecret,
  newPassphrase: string,
  kdf: KdfParams,
  runKdf: KdfRunner,
): Promise<void> {
  const root = keys.require();
  const header = keys.header;
  if ('passphrase' in current) {
    const check = await openHeader(header, SLOT_PASSPHRASE, secretBytes(current.passphrase), runKdf);
    await wipeRootKeys(check);
  } else {
    const code = normalizeRecoveryCode(current.recoveryCode);
    if (!code) throw new LocketError('wrong-recovery-code', 'That is not a recovery code.');
    await wipeRootKeys(await openHeader(header, SLOT_RECOVERY, secretBytes(code), runKdf));
  }
  const slot = await sealSlot(SLOT_PASSPHRASE, secretBytes(newPassphrase), kdf, root.root, runKdf);
  const next = await keys.signHeader({ ...header, slots: [slot, header.slots[1]] });
  await replaceAtomically(keys.dir, HEADER_FILE, encodeHeader(next));
  keys.header = next;
}

/**
 * Replaces the root key itself (rekey.ts) once `current` opens the vault. The re-wrapped catalog goes to `install`,
 * which puts it in place of `catalog`; then the new keys replace the old ones. Returns the new recovery code.
 */
export async function replaceRootKey(
  keys: VaultKeys,
  catalog: Database,
  install: (rekeyed: Database) => void,
  current: VaultSecret,
  newPassphrase: string,
  kdf: KdfParams,
  runKdf: KdfRunner,
): Promise<string> {
  const root = keys.require();
  const header = keys.header;
  await assertSecretOpens(header, current, runKdf);
  const rekeyed = tuneInMemoryDatabase(new (await loadSqlJs()).Database(catalog.export()));
  tuneInMemoryDatabase(catalog);
  const next = await rekeyVault({
    dir: keys.dir,
    header,
    keys: root,
    catalog: rekeyed,
    newPassphrase,
    kdf,
    recoveryKdf: header.slots[1].params,
    runKdf,
  });
  install(rekeyed);
  await keys.replace(next.header, next.keys);
  return next.recoveryCode;
}
