/**
 * Reads the start of a JSON document that may be cut off (detection reads only the first 64 KiB): the complete
 * elements of a top-level array, or the complete entries of a top-level object, as far as the text goes.
 * Returns null when the text is not the start of a JSON array or object.
 */
export type JsonHead = { kind: 'array'; elements: unknown[] } | { kind: 'object'; entries: Map<string, unknown> };

/** Detection needs the first records only; scanning stops after this many. */
const MAX_ITEMS = 8;

export function readJsonHead(text: string): JsonHead | null {
  let i = skipSpace(text, 0);
  const open = text[i];
  if (open !== '[' && open !== '{') return null;
  const elements: unknown[] = [];
  const entries = new Map<string, unknown>();
  i = skipSpace(text, i + 1);
  while (i < text.length && elements.length + entries.size < MAX_ITEMS) {
    if (text[i] === (open === '[' ? ']' : '}')) break;
    let key: string | null = null;
    if (open === '{') {
      const keyEnd = valueEnd(text, i);
      if (keyEnd < 0) break;
      const parsedKey = parse(text.slice(i, keyEnd));
      if (typeof parsedKey !== 'string') return null;
      key = parsedKey;
      i = skipSpace(text, keyEnd);
      if (i >= text.length) break;
      if (text[i] !== ':') return null;
      i = skipSpace(text, i + 1);
    }
    const end = valueEnd(text, i);
    if (end < 0) break;
    const value = parse(text.slice(i, end));
    if (value === INVALID) return null;
    if (key === null) elements.push(value);
    else entries.set(key, value);
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (i < text.length && text[i] !== (open === '[' ? ']' : '}')) return null;
  }
  return open === '[' ? { kind: 'array', elements } : { kind: 'object', entries };
}

const INVALID = Symbol('invalid');

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** Index just after the JSON value starting at `start`, or -1 when the text ends first. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i = stringEnd(text, i) - 1;
        if (i < 0) return -1;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: it ends at a delimiter, and a cut one is not known to be complete.
  for (let i = start; i < text.length; i++) if (/[\s,\]}]/.test(text[i]!)) return i;
  return -1;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}
