import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { all, loadSqlJs } from '../../../electron/core/db/sqlite';
import { FileKind, embeddedWrappedKey, openBuffer, unwrapKey } from '../../../electron/core/vault/envelope';
import { SLOT_PASSPHRASE, openHeader, parseHeader } from '../../../electron/core/vault/header';
import { KDF_TEST_PARAMS, runKdfInProcess } from '../../../electron/core/vault/kdf';
import { NEXT_CATALOG_FILE, rekeyVault } from '../../../electron/core/vault/rekey';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { tuneInMemoryDatabase } from '../../../electron/core/db/sqlite';
import { loadSodium } from '../../../electron/core/vault/sodium';
import { TEST_PASSPHRASE, createTestVault, message } from '../../helpers/vault';

const NEW_PASSPHRASE = 'a brand new passphrase for the rekeyed vault';

async function filledVault() {
  const created = await createTestVault();
  const { session } = created;
  const photo = Buffer.from('a photo, or so we say');
  const hash = await session.mediaHash(photo);
  const media = await session.write(async (w) => {
    await w.insertMessages([message(1), message(2), message(3)]);
    return w.putMedia(photo, hash, 'image/jpeg');
  });
  return { ...created, photo, hash, mediaId: media.fileId, publicKey: Buffer.from(session.signingPublicKey) };
}

async function messageTexts(session: VaultSession): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of session.listShards())
    texts.push(
      ...all<{ text: string }>(await session.shard(entry), 'SELECT text FROM messages ORDER BY id').map((r) => r.text),
    );
  return texts;
}

async function openError(dir: string, secret: Parameters<typeof VaultSession.open>[1]): Promise<LocketError> {
  const error = await VaultSession.open(dir, secret).then(
    async (s) => {
      await s.lock();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocketError);
  return error as LocketError;
}

/** What the session holds after unlocking, opened by hand: for driving rekeyVault directly. */
async function openByHand(dir: string, passphrase: string) {
  const header = parseHeader(readFileSync(join(dir, 'locket.header')));
  const keys = await openHeader(header, SLOT_PASSPHRASE, new TextEncoder().encode(passphrase), runKdfInProcess);
  const bytes = readFileSync(join(dir, 'catalog.lkt'));
  const fileId = bytes.subarray(24, 40);
  const key = await unwrapKey(
    keys.wrap,
    embeddedWrappedKey(bytes, 'catalog.lkt'),
    header.vaultId,
    FileKind.catalog,
    fileId,
    'catalog.lkt',
  );
  const plain = await openBuffer(
    bytes,
    { vaultId: header.vaultId, kind: FileKind.catalog, fileId, label: 'catalog.lkt' },
    key,
  );
  const catalog = tuneInMemoryDatabase(new (await loadSqlJs()).Database(plain));
  return { header, keys, catalog };
}

describe('replacing the vault key (locket passwd --rekey)', () => {
  it('re-wraps every key: the vault opens with the new passphrase and new recovery code, and every file reads', async () => {
    const { dir, session, recoveryCode: oldCode, photo, hash, mediaId, publicKey } = await filledVault();
    const generation = session.generation;
    const { recoveryCode } = await session.replaceRootKey({ passphrase: TEST_PASSPHRASE }, NEW_PASSPHRASE);
    expect(recoveryCode).not.toBe(oldCode);
    // The open session carries on under the new key.
    expect(await messageTexts(session)).toEqual(['message 1 你好', 'message 2 你好', 'message 3 你好']);
    expect(session.generation).toBe(generation + 1);
    expect(await session.mediaHash(photo)).toBe(hash);
    const again = await session.write((w) => w.putMedia(photo, hash, 'image/jpeg'));
    expect(again).toEqual({ fileId: mediaId, isNew: false });
    await session.write((w) => w.insertMessages([message(4)]));
    await session.lock();
    expect(existsSync(join(dir, NEXT_CATALOG_FILE))).toBe(false);
    expect(existsSync(join(dir, 'catalog.lkt.old'))).toBe(false);

    expect((await openError(dir, { passphrase: TEST_PASSPHRASE })).code).toBe('wrong-passphrase');
    expect((await openError(dir, { recoveryCode: oldCode })).code).toBe('wrong-recovery-code');
    for (const secret of [{ passphrase: NEW_PASSPHRASE }, { recoveryCode }]) {
      const reopened = await VaultSession.open(dir, secret);
      expect(await reopened.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 1 });
      expect(await messageTexts(reopened)).toHaveLength(4);
      expect(Buffer.from(await reopened.readMediaFile(mediaId)).equals(photo)).toBe(true);
      // The signing key and so its fingerprint stay; its secret half still signs.
      expect(Buffer.from(reopened.signingPublicKey).equals(publicKey)).toBe(true);
      const sodium = await loadSodium();
      const signature = await reopened.sign(Buffer.from('evidence'));
      expect(sodium.crypto_sign_verify_detached(signature, Buffer.from('evidence'), publicKey)).toBe(true);
      // Media dedupe keeps working: the hash key is now stored in the catalog, not derived from the new root.
      expect(await reopened.mediaHash(photo)).toBe(hash);
      await reopened.lock();
    }
  });

  it('a second rekey keeps the stored media-hash key and the data', async () => {
    const { dir, session, photo, hash } = await filledVault();
    await session.replaceRootKey({ passphrase: TEST_PASSPHRASE }, NEW_PASSPHRASE);
    await session.replaceRootKey({ passphrase: NEW_PASSPHRASE }, 'a third passphrase, longer still');
    await session.lock();
    const reopened = await VaultSession.open(dir, { passphrase: 'a third passphrase, longer still' });
    expect(await reopened.mediaHash(photo)).toBe(hash);
    expect(await reopened.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 1 });
    await reopened.lock();
  });

  it('an old copy of the header with the old passphrase no longer opens the vault, with a clear error', async () => {
    const { dir, session } = await filledVault();
    const oldHeader = readFileSync(join(dir, 'locket.header'));
    await session.replaceRootKey({ passphrase: TEST_PASSPHRASE }, NEW_PASSPHRASE);
    await session.write((w) => w.insertMessages([message(10, { text: 'written after the rekey' })]));
    await session.lock();
    const newHeader = readFileSync(join(dir, 'locket.header'));
    writeFileSync(join(dir, 'locket.header'), oldHeader);
    const error = await openError(dir, { passphrase: TEST_PASSPHRASE });
    expect(error.code).toBe('vault-corrupt');
    expect(error.details).toMatchObject({ file: 'catalog.lkt' });
    expect(error.message).toContain('old copy from before the vault key was replaced');
    // Nothing was removed or changed by the failed attempt: the current header still opens everything.
    writeFileSync(join(dir, 'locket.header'), newHeader);
    const reopened = await VaultSession.open(dir, { passphrase: NEW_PASSPHRASE });
    expect(await messageTexts(reopened)).toContain('written after the rekey');
    await reopened.lock();
  });

  it('refuses a wrong current passphrase and changes nothing', async () => {
    const { dir, session } = await filledVault();
    const header = readFileSync(join(dir, 'locket.header'));
    await expect(session.replaceRootKey({ passphrase: 'not the passphrase' }, NEW_PASSPHRASE)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(readFileSync(join(dir, 'locket.header')).equals(header)).toBe(true);
    expect(await messageTexts(session)).toHaveLength(3);
    await session.lock();
  });

  it('a crash before the header is replaced leaves the old vault; a leftover catalog.lkt.next is removed at unlock', async () => {
    const { dir, session } = await filledVault();
    await session.lock();
    const header = readFileSync(join(dir, 'locket.header'));
    const catalog = readFileSync(join(dir, 'catalog.lkt'));
    let leftover: Buffer | null = null;
    const opened = await openByHand(dir, TEST_PASSPHRASE);
    const attempt = rekeyVault({
      dir,
      ...opened,
      newPassphrase: NEW_PASSPHRASE,
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      runKdf: runKdfInProcess,
      beforeCommit: async () => {
        leftover = readFileSync(join(dir, NEXT_CATALOG_FILE));
        throw new Error('power cut');
      },
    });
    await expect(attempt).rejects.toThrow('power cut');
    expect(readFileSync(join(dir, 'locket.header')).equals(header)).toBe(true);
    expect(readFileSync(join(dir, 'catalog.lkt')).equals(catalog)).toBe(true);
    expect(existsSync(join(dir, NEXT_CATALOG_FILE))).toBe(false);
    // A process killed there leaves the new catalog behind: the old header does not open it, so it is dropped.
    writeFileSync(join(dir, NEXT_CATALOG_FILE), leftover!);
    const reopened = await VaultSession.open(dir, { passphrase: TEST_PASSPHRASE });
    expect(await messageTexts(reopened)).toHaveLength(3);
    expect(existsSync(join(dir, NEXT_CATALOG_FILE))).toBe(false);
    await reopened.lock();
  });

  it('a crash after the header is replaced is finished at the next unlock with the new passphrase', async () => {
    const { dir, session } = await filledVault();
    await session.lock();
    const oldCatalog = readFileSync(join(dir, 'catalog.lkt'));
    const opened = await openByHand(dir, TEST_PASSPHRASE);
    const { recoveryCode } = await rekeyVault({
      dir,
      ...opened,
      newPassphrase: NEW_PASSPHRASE,
      kdf: KDF_TEST_PARAMS,
      recoveryKdf: KDF_TEST_PARAMS,
      runKdf: runKdfInProcess,
    });
    // As if the process died between the header's rename and the catalog's: new header, old catalog, new one pending.
    writeFileSync(join(dir, NEXT_CATALOG_FILE), readFileSync(join(dir, 'catalog.lkt')));
    writeFileSync(join(dir, 'catalog.lkt'), oldCatalog);
    expect((await openError(dir, { passphrase: TEST_PASSPHRASE })).code).toBe('wrong-passphrase');
    const reopened = await VaultSession.open(dir, { recoveryCode });
    expect(await reopened.verifyAllFiles()).toEqual({ shards: 1, mediaFiles: 1 });
    expect(await messageTexts(reopened)).toHaveLength(3);
    expect(existsSync(join(dir, NEXT_CATALOG_FILE))).toBe(false);
    await reopened.lock();
  });
});
