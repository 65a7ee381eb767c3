/** The core refuses shorter passphrases; the create and reset forms say so before the person submits. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** A passphrase's length in characters as a person counts them: code points, so an emoji or 汉字 is one. */
export function passphraseLength(passphrase: string): number {
  return Array.from(passphrase).length;
}

/** Whether a passphrase is at least MIN_PASSPHRASE_LENGTH characters long (the only rule the core enforces). */
export function isLongEnoughPassphrase(passphrase: string): boolean {
  return passphraseLength(passphrase) >= MIN_PASSPHRASE_LENGTH;
}
