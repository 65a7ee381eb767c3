/**
 * The name the n-th pseudonymized person is given in an export (0: "Participant A", 26: "Participant AA"), like
 * spreadsheet columns. The bag is always written in English, so the export dialog shows the very words the
 * recipient will read.
 */
export function pseudonymLabel(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Participant ${letters}`;
}
