import { randomBytes } from 'node:crypto';
import {
  RECOVERY_CODE_ALPHABET as ALPHABET,
  RECOVERY_CODE_GROUP_LENGTH as GROUP_LENGTH,
  RECOVERY_CODE_GROUPS as GROUPS,
} from '../../common/recovery-code';

// Reading a typed code back is shared with the renderer; only making one (it needs randomness) is the core's.
export { normalizeRecoveryCode } from '../../common/recovery-code';

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
