/** The recovery code as the core formats it: groups of characters joined by '-' ("6MKG-03AZ-…-WJP0"). */
export function recoveryCodeGroups(code: string): string[] {
  return code.split('-').filter(Boolean);
}

/**
 * Spaces, dashes and case do not matter when a person types a code or a group of it back, and O, I and L read as
 * 0 and 1 because the code's alphabet (Crockford base32) has no such letters: the core normalizes the same way.
 */
export function normalizeRecoveryInput(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function matchesLastGroup(code: string, typed: string): boolean {
  const last = recoveryCodeGroups(code).at(-1);
  return last !== undefined && normalizeRecoveryInput(typed) === normalizeRecoveryInput(last);
}

/** Puts a typed or pasted code back into the core's grouping, so either way of typing it works. */
export function formatRecoveryInput(input: string, groupSize = 4): string {
  const compact = normalizeRecoveryInput(input);
  return compact.match(new RegExp(`.{1,${groupSize}}`, 'g'))?.join('-') ?? '';
}
