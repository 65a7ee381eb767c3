/**
 * The recovery code's format (FORMAT.md, "Slot key and wrapping"), as the core checks it and the renderer shows and
 * reads it back. Generating a code needs randomness and stays in the core (electron/core/vault/recovery-code.ts).
 */

/** Crockford base32: no I, L, O, U, so a code read aloud or written down is hard to mistype. */
export const RECOVERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_GROUPS = 8;
export const RECOVERY_CODE_GROUP_LENGTH = 4;

/**
 * Spaces, dashes and case do not matter when a person types a code or a group of it back, and O, I and L read as
 * 0 and 1 because the code's alphabet (Crockford base32) has no such letters.
 */
export function normalizeRecoveryInput(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Normalizes what a person typed; returns null if it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = normalizeRecoveryInput(input);
  if (compact.length !== RECOVERY_CODE_GROUPS * RECOVERY_CODE_GROUP_LENGTH) return null;
  for (const ch of compact) if (!RECOVERY_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** The recovery code as the core formats it: groups of characters joined by '-' ("6MKG-03AZ-…-WJP0"). */
export function recoveryCodeGroups(code: string): string[] {
  return code.split('-').filter(Boolean);
}
