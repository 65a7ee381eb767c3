import type { Atom } from '../store/text-atoms';

export type Span = [start: number, end: number];

/**
 * Where a term occurs in a text, both cut into atoms: ranges in the original text. This is the exact check the
 * index's candidates go through, so it defines what a match is (parse-query.ts): the term's atoms stand at
 * consecutive atoms of the text, and two CJK characters adjacent in the term are adjacent in the text. Between other
 * atoms only separators may stand, any of them: `10:00` finds `10.00`, `hello world` finds `hello, world`.
 */
export function termSpans(text: readonly Atom[], term: readonly Atom[]): Span[] {
  const spans: Span[] = [];
  if (term.length === 0) return spans;
  outer: for (let i = 0; i + term.length <= text.length; i++) {
    for (let j = 0; j < term.length; j++) {
      const t = text[i + j]!;
      const q = term[j]!;
      if (t.value !== q.value) continue outer;
      if (j > 0 && q.isJoined && q.kind === 'cjk' && term[j - 1]!.kind === 'cjk' && !t.isJoined) continue outer;
    }
    spans.push([text[i]!.start, text[i + term.length - 1]!.end]);
  }
  return spans;
}

/** Sorted, with overlapping and touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
