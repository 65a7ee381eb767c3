import { createHash } from 'node:crypto';

/** SHA-256 of the public key, in groups of four hex digits: what `locket info` shows and a person compares. */
export function keyFingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').match(/.{4}/g)!.join(' ');
}
