/**
 * The filter chips write the search language itself (`from:`, `in:`, `after:`, `before:`, `type:`, `has:`), so
 * what a person sees in the box is always the whole query. These helpers read and rewrite one filter in a query.
 */
export type FilterKey = 'from' | 'in' | 'after' | 'before' | 'type' | 'has';

function tokenPattern(key: FilterKey): RegExp {
  return new RegExp(`(^|\\s)${key}:("[^"]*"|“[^”]*”|\\S+)`, 'gi');
}

function unquote(value: string): string {
  return value.replace(/^["“]|["”]$/g, '');
}

/** The value of the first `key:` filter in the query, without quotes; null when there is none. */
export function readFilter(query: string, key: FilterKey): string | null {
  const match = tokenPattern(key).exec(query);
  return match ? unquote(match[2]!) : null;
}

/** Replaces every `key:` filter with one for `value` (quoted when it has spaces); an empty value removes them. */
export function writeFilter(query: string, key: FilterKey, value: string): string {
  const without = query
    .replace(tokenPattern(key), '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const trimmed = value.trim().replace(/["“”]/g, '');
  if (!trimmed) return without;
  const token = `${key}:${/\s/.test(trimmed) ? `"${trimmed}"` : trimmed}`;
  return without ? `${without} ${token}` : token;
}

/** Splits a snippet into plain and highlighted parts by its UTF-16 ranges (overlapping or out-of-range ones are clipped). */
export function highlightParts(
  text: string,
  highlights: readonly (readonly [number, number])[],
): { text: string; isMatch: boolean }[] {
  const parts: { text: string; isMatch: boolean }[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (start > at) parts.push({ text: text.slice(at, start), isMatch: false });
    if (end > start) parts.push({ text: text.slice(start, end), isMatch: true });
    at = Math.max(at, end);
  }
  if (at < text.length) parts.push({ text: text.slice(at), isMatch: false });
  return parts;
}
