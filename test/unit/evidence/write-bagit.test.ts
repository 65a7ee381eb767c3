import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBagFile } from '../../../electron/core/evidence/hashed-file';
import { parseSigningKey, signingKeyText } from '../../../electron/core/evidence/sign-bag';
import { verifyBag } from '../../../electron/core/evidence/verify-bag';
import {
  BAGIT_TEXT,
  bagInfoText,
  decodeManifestPath,
  encodeManifestPath,
  manifestText,
  payloadOxum,
  writeBagIt,
} from '../../../electron/core/evidence/write-bagit';
import { keyFingerprint } from '../../../electron/core/vault/key-fingerprint';
import { loadSodium } from '../../../electron/core/vault/sodium';
import { tempDir } from '../../helpers/temp-dir';

async function signer() {
  const sodium = await loadSodium();
  const keys = sodium.crypto_sign_keypair();
  return { publicKey: keys.publicKey, sign: async (m: Uint8Array) => sodium.crypto_sign_detached(m, keys.privateKey) };
}

describe('the BagIt writer', () => {
  it('writes manifests as `digest  path` sorted by path, percent-encoding only CR, LF and %', () => {
    const files = [
      { path: 'data/b.txt', bytes: 2, sha256: 'bb', sha512: 'bbbb' },
      { path: 'data/a 100%.txt', bytes: 3, sha256: 'aa', sha512: 'aaaa' },
    ];
    expect(manifestText(files, 'sha256')).toBe('aa  data/a 100%25.txt\nbb  data/b.txt\n');
    expect(manifestText(files, 'sha512')).toBe('aaaa  data/a 100%25.txt\nbbbb  data/b.txt\n');
    expect(decodeManifestPath(encodeManifestPath('x%\r\ny'))).toBe('x%\r\ny');
    expect(payloadOxum(files)).toBe('5.2');
    expect(bagInfoText([['External-Identifier', 'Case\n17']])).toBe('External-Identifier: Case 17\n');
    expect(BAGIT_TEXT).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('lists every tag file in the tag manifests, signs each tag manifest, and the result verifies', async () => {
    const root = tempDir();
    const key = await signer();
    const payload = [await writeBagFile(root, 'data/hello.txt', '你好\n')];
    const sealed = await writeBagIt(
      root,
      payload,
      [
        ['Payload-Oxum', payloadOxum(payload)],
        ['Locket-Signing-Key-Fingerprint', keyFingerprint(key.publicKey)],
        ['Locket-Bag-Id', 'urn:uuid:x'],
      ],
      key,
    );
    const tagManifest = readFileSync(join(root, 'tagmanifest-sha256.txt'));
    expect(
      tagManifest
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('  ')[1]),
    ).toEqual([
      'bag-info.txt',
      'bagit.txt',
      'manifest-sha256.txt',
      'manifest-sha512.txt',
      'signature/signing-key.txt',
      'verify.html',
    ]);
    expect(sealed.manifestSha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, 'manifest-sha256.txt')))
        .digest('hex'),
    );
    const signature = Buffer.from(
      readFileSync(join(root, 'signature/tagmanifest-sha256.txt.sig'), 'utf8').trim(),
      'base64',
    );
    expect((await loadSodium()).crypto_sign_verify_detached(signature, tagManifest, key.publicKey)).toBe(true);
    const signature512 = Buffer.from(
      readFileSync(join(root, 'signature/tagmanifest-sha512.txt.sig'), 'utf8'),
      'base64',
    );
    expect(
      (await loadSodium()).crypto_sign_verify_detached(
        signature512,
        readFileSync(join(root, 'tagmanifest-sha512.txt')),
        key.publicKey,
      ),
    ).toBe(true);
    expect(await verifyBag(root)).toMatchObject({
      isValid: true,
      identifier: 'urn:uuid:x',
      files: 7,
      problems: [],
      signature: { isValid: true, fingerprint: keyFingerprint(key.publicKey) },
    });
  });

  it('writes the public key so that Locket, browsers and OpenSSL can all read it', async () => {
    const key = await signer();
    const text = signingKeyText(key.publicKey);
    expect(parseSigningKey(text)).toEqual(key.publicKey);
    expect(text).toContain(`Fingerprint: ${keyFingerprint(key.publicKey)}`);
    const pem = /-----BEGIN PUBLIC KEY-----\n(.+)\n-----END PUBLIC KEY-----/.exec(text)![1]!;
    const { createPublicKey } = await import('node:crypto');
    expect(createPublicKey({ key: Buffer.from(pem, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe(
      'ed25519',
    );
  });
});
