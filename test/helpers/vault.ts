import { join } from 'node:path';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession, type CreateOptions } from '../../electron/core/session/vault-session';
import { tempDir } from './temp-dir';

export const TEST_PASSPHRASE = 'correct horse battery staple';

/** Fast KDF settings: the format's floor. Real vaults use `moderate`. */
export const testKdf: CreateOptions = { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS };

export async function createTestVault(
  options: CreateOptions = {},
): Promise<{ dir: string; session: VaultSession; recoveryCode: string }> {
  const dir = join(tempDir(), 'Test.locket');
  const { session, recoveryCode } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, ...options });
  return { dir, session, recoveryCode };
}

export { message } from './messages';
