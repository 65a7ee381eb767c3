import { describe, expect, it } from 'vitest';
import { buildSnippet } from '../../../electron/core/search/snippet';

const marked = (s: { text: string; highlights: [number, number][] }) => {
  let out = '';
  let at = 0;
  for (const [start, end] of s.highlights) {
    out += `${s.text.slice(at, start)}[${s.text.slice(start, end)}]`;
    at = end;
  }
  return out + s.text.slice(at);
};

describe('building a snippet', () => {
  it.each<[string, string, [number, number][], number, string]>([
    ['a short text is shown whole, on one line', 'line one\nline two', [[5, 8]], 120, 'line [one] line two'],
    [
      'a long text is cut around its first match',
      `${'a'.repeat(50)}MATCH${'b'.repeat(50)}`,
      [[50, 55]],
      40,
      `…${'a'.repeat(10)}[MATCH]${'b'.repeat(25)}…`,
    ],
    ['a match near the end keeps the window full', `${'a'.repeat(50)}END`, [[50, 53]], 20, `…${'a'.repeat(17)}[END]`],
    [
      'a match that runs past the window is cut with it',
      `${'a'.repeat(10)}${'M'.repeat(30)}`,
      [[10, 40]],
      20,
      `…${'a'.repeat(5)}[${'M'.repeat(15)}]…`,
    ],
    ['no matches: the start of the text', 'x'.repeat(30), [], 10, `${'x'.repeat(10)}…`],
  ])('%s', (_name, text, spans, length, expected) => {
    expect(marked(buildSnippet(text, spans, length))).toBe(expected);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'😀'.repeat(20)}MATCH`;
    const snippet = buildSnippet(text, [[40, 45]], 21);
    // No lone surrogate at either cut.
    expect(snippet.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(snippet.text.slice(...snippet.highlights[0]!)).toBe('MATCH');
  });
});
