import type { Span } from './match-term';

export interface Snippet {
  /** One line of the message around its first match, with `…` where it was cut. */
  text: string;
  /** Matched ranges in `text`, as UTF-16 offsets [start, end). */
  highlights: Span[];
}

const SNIPPET_LENGTH = 120;
/** How much of the text before the first match a snippet keeps, so the match reads in its sentence. */
const LEAD = 30;

/** A window of `text` around its first highlighted span, newlines turned to spaces (same length, offsets hold). */
export function buildSnippet(text: string, spans: readonly Span[], length = SNIPPET_LENGTH): Snippet {
  const flat = text.replace(/[\r\n\t]/g, ' ');
  if (flat.length <= length) return { text: flat, highlights: spans.map(([s, e]) => [s, e]) };
  const first = spans[0]?.[0] ?? 0;
  // A short window keeps less before the match, so the match itself still fits.
  const lead = Math.min(LEAD, Math.floor(length / 4));
  let start = Math.max(0, Math.min(first - lead, flat.length - length));
  let end = Math.min(flat.length, start + length);
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(flat.charCodeAt(start))) start--;
  if (end < flat.length && isLowSurrogate(flat.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights: Span[] = [];
  for (const [s, e] of spans) {
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (from < to) highlights.push([from + shift, to + shift]);
  }
  return { text: prefix + flat.slice(start, end) + suffix, highlights };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
