import {
  normalizeRecoveryInput,
  RECOVERY_CODE_GROUP_LENGTH,
  recoveryCodeGroups,
} from '../../../../electron/common/recovery-code';

export function matchesLastGroup(code: string, typed: string): boolean {
  const last = recoveryCodeGroups(code).at(-1);
  return last !== undefined && normalizeRecoveryInput(typed) === normalizeRecoveryInput(last);
}

/** Puts a typed or pasted code back into the core's grouping, so either way of typing it works. */
export function formatRecoveryInput(input: string, groupSize = RECOVERY_CODE_GROUP_LENGTH): string {
  const compact = normalizeRecoveryInput(input);
  return compact.match(new RegExp(`.{1,${groupSize}}`, 'g'))?.join('-') ?? '';
}
