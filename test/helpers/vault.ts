import { join } from 'node:path';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { VaultSession, type CreateOptions } from '../../electron/core/session/vault-session';
import { run } from '../../electron/core/db/sqlite';
import type { StoredMessage } from '../../electron/core/store/message-writer';
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

/**
 * A locked test vault of small shards (48 KiB unless told) holding `messages` in the one-to-one chats `chats` names,
 * written 500 at a time as an import writes them. Returns its folder.
 */
export async function lockedVaultOf(
  chats: readonly { id: number; username: string; name: string }[],
  messages: readonly StoredMessage[],
  shardBudgetBytes = 48 * 1024,
): Promise<string> {
  const { dir, session } = await createTestVault({ shardBudgetBytes });
  await session.write((w) => {
    for (const chat of chats)
      run(w.catalog, 'INSERT INTO conversations (id, username, display_name, is_group) VALUES (?, ?, ?, 0)', [
        chat.id,
        chat.username,
        chat.name,
      ]);
  });
  for (let i = 0; i < messages.length; i += 500)
    await session.write((w) => w.insertMessages(messages.slice(i, i + 500)));
  await session.lock();
  return dir;
}

export { message } from './messages';
