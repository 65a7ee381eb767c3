import { promises as fs } from 'node:fs';
import { LocketError } from '../errors';
import { SLOT_PASSPHRASE, SLOT_RECOVERY, openHeader, type RootKeys, type VaultHeader } from '../vault/header';
import type { KdfRunner } from '../vault/kdf';
import { normalizeRecoveryCode } from '../vault/recovery-code';
import { HEADER_FILE, LOCK_FILE } from '../vault/vault-files';

export type VaultSecret = { passphrase: string } | { recoveryCode: string };

export function secretBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text.normalize('NFC'));
}

/** The root keys `secret` opens from `header`: wrong-passphrase / wrong-recovery-code otherwise. */
export async function unlockHeader(header: VaultHeader, secret: VaultSecret, runKdf: KdfRunner): Promise<RootKeys> {
  if ('passphrase' in secret) return openHeader(header, SLOT_PASSPHRASE, secretBytes(secret.passphrase), runKdf);
  const code = normalizeRecoveryCode(secret.recoveryCode);
  if (!code)
    throw new LocketError(
      'wrong-recovery-code',
      'That is not a recovery code: it has 32 letters and digits, like ABCD-EFGH-….',
    );
  return openHeader(header, SLOT_RECOVERY, secretBytes(code), runKdf);
}

/** Throws unless `dir` is missing or an empty folder, the only places a vault is created. */
export async function assertCreatable(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new LocketError('vault-exists', `${dir} is a file, not a folder. Choose a new folder for the vault.`, {
        path: dir,
      });
    }
    throw error;
  }
  if (entries.includes(HEADER_FILE))
    throw new LocketError('vault-exists', `There is already a Locket vault at ${dir}.`, { path: dir });
  const visible = entries.filter((name) => name !== '.DS_Store' && name !== LOCK_FILE);
  if (visible.length > 0) {
    throw new LocketError(
      'vault-exists',
      `The folder ${dir} is not empty. Choose a new or empty folder for the vault.`,
      { path: dir },
    );
  }
}
