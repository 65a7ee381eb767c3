import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../electron/core/importing/exports/csv-tokenizer';

/**
 * The CSV tokenizer against csv-parse, which the readers used before it (csv-tokenizer.ts says why it was replaced):
 * random texts of the characters that matter, fed in random chunks, give the same records, and a quote left open
 * is the one bad record csv-parse skipped.
 */
const OPTIONS = { relax_column_count: true, skip_empty_lines: true, relax_quotes: true } as const;

function tokenize(text: string, cuts: number[]): { records: string[][]; hasOpenQuote: boolean } {
  const t = new CsvTokenizer();
  const records: string[][] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    records.push(...t.push(text.slice(from, cut)));
    from = cut;
  }
  const last = t.end();
  return { records: [...records, ...last.records], hasOpenQuote: last.hasOpenQuote };
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the CSV tokenizer', () => {
  it('reads what Python writes: quoted cells with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'id,msg\r\n1,"他说：""好的, 明天见""\r\n第二行"\r\n2,plain\r\n\r\n3,""\r\n';
    expect(tokenize(text, []).records).toEqual([
      ['id', 'msg'],
      ['1', '他说："好的, 明天见"\r\n第二行'],
      ['2', 'plain'],
      ['3', ''],
    ]);
  });

  it('gives the records csv-parse gave, for 3,000 random texts cut into random chunks', () => {
    const next = rng(17);
    const alphabet = ['a', '长', ',', '"', '"', '\n', '\r', '\r\n', ' '];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const cuts = Array.from({ length: Math.floor(next() * 4) }, () => Math.floor(next() * text.length)).sort(
        (a, b) => a - b,
      );
      let expected: string[][];
      let expectedOpen = false;
      try {
        expected = parse(text, OPTIONS) as string[][];
      } catch (error) {
        // csv-parse throws on a quote left open; with skip_records_with_error it skipped that one record.
        expect(String(error), JSON.stringify(text)).toMatch(/Quote Not Closed/);
        expected = parse(text, { ...OPTIONS, skip_records_with_error: true }) as string[][];
        expectedOpen = true;
      }
      const got = tokenize(text, cuts);
      expect(got.records, JSON.stringify({ text, cuts })).toEqual(expected);
      expect(got.hasOpenQuote, JSON.stringify({ text, cuts })).toBe(expectedOpen);
    }
  });

  it('reads two 8 MiB cells in well under a second, fed in 64 KiB chunks (issue 17)', () => {
    const giant = 'x'.repeat(8 * 1024 * 1024);
    const text = `a,b\n1,${giant},3\n2,"${giant}"\n`;
    const cuts = Array.from({ length: Math.floor(text.length / 65536) }, (_, i) => (i + 1) * 65536);
    const started = performance.now();
    const { records } = tokenize(text, cuts);
    const ms = performance.now() - started;
    expect(records.map((r) => r.map((c) => c.length))).toEqual([
      [1, 1],
      [1, giant.length, 1],
      [1, giant.length],
    ]);
    // 70-200 ms alone at load 20 on the build machine; csv-parse took 1.5-2.4 s for these two cells when idle.
    expect(ms).toBeLessThan(1500);
  });
});
