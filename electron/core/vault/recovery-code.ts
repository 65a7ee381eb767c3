import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a code read aloud or written down is hard to mistype. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 8;
const GROUP_LENGTH = 4;

/** A fresh recovery code: 8 groups of 4 characters, 160 bits of entropy. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  let code = '';
  for (let i = 0; i < bytes.length; i++) {
    // 256 is a multiple of 32, so taking the low 5 bits keeps every character equally likely.
    code += ALPHABET[bytes[i]! & 31];
    if (i % GROUP_LENGTH === GROUP_LENGTH - 1 && i < bytes.length - 1) code += '-';
  }
  return code;
}

/** Normalizes what a person typed (FORMAT.md, "Slot key and wrapping"); returns null if it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== GROUPS * GROUP_LENGTH) return null;
  for (const ch of compact) if (!ALPHABET.includes(ch)) return null;
  return compact;
}
