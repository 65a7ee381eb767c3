/** An exported record as `SourceMessage.raw` keeps it: strings and numbers as they are, nested values as JSON text. */
export function rawFieldsOf(record: Record<string, unknown>): Record<string, string | number | null> {
  const raw: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) raw[key] = null;
    else if (typeof value === 'string' || typeof value === 'number') raw[key] = value;
    else raw[key] = JSON.stringify(value);
  }
  return raw;
}
