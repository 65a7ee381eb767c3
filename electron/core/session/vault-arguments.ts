import { LocketError } from '../errors';

/** Longer than any path a file system accepts (Linux: 4096 bytes); refused before it reaches one. */
const MAX_PATH_LENGTH = 4096;

/** A vault folder as a request names it. */
export function assertVaultPath(path: unknown, message = 'Choose a folder for the vault.'): asserts path is string {
  if (typeof path !== 'string' || path.trim() === '') throw new LocketError('invalid-argument', message);
  if (path.length > MAX_PATH_LENGTH) throw new LocketError('invalid-argument', 'That folder’s path is too long.');
  // No file system takes a NUL in a name; Node would throw a TypeError for it.
  if (path.includes('\0')) throw new LocketError('invalid-argument', 'That is not a folder’s path.');
}

/** A passphrase or recovery code as a request gives it: text, whatever it says (checking it is the vault's work). */
export function assertSecretText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new LocketError('invalid-argument', `Enter the ${what}.`);
}
