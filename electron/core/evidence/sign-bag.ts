import { keyFingerprint } from '../vault/key-fingerprint';
import { SIGNING_KEY_FILE, signatureName, type ManifestAlgorithm } from './bag-layout';
import { writeBagFile, type BagFile } from './hashed-file';

/** The vault's Ed25519 evidence key, as the session lends it: it signs without ever handing out the secret. */
export interface BagSigner {
  publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the PEM block lets OpenSSL check the signature too. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function signingKeyText(publicKey: Uint8Array): string {
  const spki = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKey)]).toString('base64');
  return [
    'Locket evidence signing key',
    'Algorithm: Ed25519',
    `Public-Key: ${Buffer.from(publicKey).toString('base64')}`,
    `Fingerprint: ${keyFingerprint(publicKey)}`,
    `Signed-Files: tagmanifest-sha256.txt in ${signatureName('sha256')}, tagmanifest-sha512.txt in ${signatureName('sha512')}`,
    'Signature-Format: Ed25519 over the exact bytes of the signed file, base64, one line',
    'Compare the fingerprint with the one the sender gives you (`locket info` shows it for their vault).',
    '-----BEGIN PUBLIC KEY-----',
    spki,
    '-----END PUBLIC KEY-----',
    '',
  ].join('\n');
}

/** The raw 32-byte public key named in signing-key.txt, or null when the file does not hold one. */
export function parseSigningKey(text: string): Uint8Array | null {
  const match = /^Public-Key:[ \t]*([A-Za-z0-9+/]{43}=)[ \t]*$/m.exec(text);
  if (!match) return null;
  const key = Buffer.from(match[1]!, 'base64');
  return key.length === 32 ? new Uint8Array(key) : null;
}

/** The key, as a tag file the tag manifests list: changing it is detected like changing any other file. */
export function writeSigningKey(root: string, publicKey: Uint8Array): Promise<BagFile> {
  return writeBagFile(root, SIGNING_KEY_FILE, signingKeyText(publicKey));
}

/** A signature file holds exactly this: canonical base64 of 64 bytes and a newline, so no byte can change unnoticed. */
export function parseSignature(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]{86}==\n$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return `${bytes.toString('base64')}\n` === text ? new Uint8Array(bytes) : null;
}

/**
 * A detached signature: Ed25519 over the exact bytes of a tag manifest, which lists every other tag file's digest,
 * among them the payload manifests and the signing key, so the signature covers every file in the bag. The
 * message is the file itself, without a context prefix, so standard tools (OpenSSL) can check it; it can never be
 * mistaken for the audit head or a wipe certificate the same key signs, since those begin with their own
 * `locket-…` context and a tag manifest begins with a hex digest.
 */
export async function writeSignature(
  root: string,
  alg: ManifestAlgorithm,
  tagManifest: Uint8Array,
  signer: BagSigner,
): Promise<void> {
  const signature = await signer.sign(tagManifest);
  await writeBagFile(root, signatureName(alg), `${Buffer.from(signature).toString('base64')}\n`);
}
