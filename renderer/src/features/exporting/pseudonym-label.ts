/**
 * The name the core gives the n-th pseudonymized person (0: "Participant A", 26: "Participant AA"). Mirrors
 * pseudonymLabel in electron/core/evidence/redactor.ts, which the renderer cannot import; the bag is always
 * written in English, so the dialog shows the very words the recipient will read.
 */
export function pseudonymLabel(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Participant ${letters}`;
}
