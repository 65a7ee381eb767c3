/** An exported record as `SourceMessage.raw` keeps it: strings and numbers as they are, nested values as JSON text. */
export function rawFieldsOf(record: Record<string, unknown>): Record<string, string | number | null> {
  const raw: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) raw[key] = null;
    else if (typeof value === 'string' || typeof value === 'number') raw[key] = value;
    else raw[key] = jsonOrMark(value);
  }
  return raw;
}

/** What Locket keeps of a value nested deeper than JSON.stringify can walk (a crafted export's 10,000 brackets). */
export const TOO_DEEP = '[nested too deeply to keep]';

/** JSON text of a nested value, or `TOO_DEEP` where serializing it would overflow the stack. */
export function jsonOrMark(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    if (error instanceof RangeError) return TOO_DEEP;
    throw error;
  }
}

/**
 * A field that should be text, as text: a string as it is, a number or boolean written out, anything else as JSON
 * (bounded as above). `String()` of a deeply nested array would recurse until the stack overflows.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return jsonOrMark(value);
}
