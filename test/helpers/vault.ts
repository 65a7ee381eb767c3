import { join } from 'node:path';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession, type CreateOptions, type StoredMessage } from '../../electron/core/vault/session';
import { tempDir } from './temp-dir';

export const TEST_PASSPHRASE = 'correct horse battery staple';

/** Fast KDF settings: the format's floor. Real vaults use `moderate`. */
export const testKdf: CreateOptions = { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS };

export async function createTestVault(options: CreateOptions = {}): Promise<{ dir: string; session: VaultSession; recoveryCode: string }> {
  const dir = join(tempDir(), 'Test.locket');
  const { session, recoveryCode } = await VaultSession.create(dir, TEST_PASSPHRASE, { ...testKdf, ...options });
  return { dir, session, recoveryCode };
}

export function message(n: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    conversationId: 1,
    dedupeKey: `test:${n}`,
    sourceId: (9007199254740993n + BigInt(n)).toString(),
    sender: n % 2 ? 'wxid_friend' : null,
    isSent: n % 2 === 0,
    time: 1_700_000_000 + n * 60,
    kind: 'text',
    text: `message ${n} 你好`,
    payload: null,
    raw: null,
    mediaId: null,
    importId: null,
    ...overrides,
  };
}
