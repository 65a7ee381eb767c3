/**
 * Text from a source (messages, names, file names in a bag) made safe to print on a terminal: control characters
 * that a terminal acts on are shown as `\u001b`-style escapes instead of being sent raw. Covers NUL, BEL, ESC
 * (and so every CSI/OSC sequence, which cannot start without it), backspace, lone carriage returns, DEL, the C1
 * controls (U+0080–U+009F, among them the one-character CSI U+009B) and the bidirectional overrides, embeddings,
 * isolates and marks (U+202E and kin), which reorder what is shown around them. Only for TEXT output: --json
 * prints the text exactly.
 */

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same, with line breaks and tabs: for one-line fields
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Message text: line breaks (`\n`, `\r\n`) and tabs print as they are; every other control is escaped. */
export function terminalText(text: string | null | undefined): string {
  return String(text ?? '').replace(UNSAFE, escape);
}

/** A one-line field (a name, a file name): line breaks and tabs are escaped too, so it cannot forge a line. */
export function terminalLine(text: string | null | undefined): string {
  return String(text ?? '').replace(UNSAFE_IN_A_LINE, escape);
}

/** CJK ideographs, kana, hangul, fullwidth forms and emoji: a terminal gives each two columns. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;

const charWidth = (c: string) => (WIDE.test(c) ? 2 : 1);

/** Columns a terminal gives a text. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += charWidth(c);
  return width;
}

/**
 * `text` in exactly `width` columns for a table: padded with spaces when narrower; when wider, cut with `…` where it
 * matters least, keeping its start (a name) or its end (a path, whose file name ends it).
 * `String.padEnd` counts UTF-16 units, so a Chinese name pushed its row's numbers out of their columns.
 */
export function fitToWidth(text: string, width: number, keep: 'start' | 'end' = 'start'): string {
  const full = displayWidth(text);
  if (full <= width) return text + ' '.repeat(width - full);
  const chars = keep === 'start' ? [...text] : [...text].reverse();
  const kept: string[] = [];
  let used = 0;
  for (const c of chars) {
    if (used + charWidth(c) > width - 1) break;
    kept.push(c);
    used += charWidth(c);
  }
  const pad = ' '.repeat(width - 1 - used);
  return keep === 'start' ? `${kept.join('')}…${pad}` : `…${kept.reverse().join('')}${pad}`;
}
