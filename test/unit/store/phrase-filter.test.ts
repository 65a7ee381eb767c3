import { describe, expect, it } from 'vitest';
import {
  PhraseFilterBuilder,
  atomElements,
  decodePhraseFilter,
  termElements,
} from '../../../electron/core/store/phrase-filter';
import { TOKENS_UNICODE } from '../../../electron/core/store/index-tokens-function';
import { atomize } from '../../../electron/core/store/text-atoms';
import { termSpans } from '../../../electron/core/search/match-term';
import { seededRandom } from '../../helpers/seeded-random';

/**
 * The phrase filter (FORMAT.md, "Phrase filters"): it never rules out a shard that holds a term, it rules out most
 * that do not, and a filter read from a file that is not exactly what this run writes is not used.
 */

const WORDS = [
  '今天',
  '晚上',
  '吃饭',
  '火锅',
  '明天',
  '开会',
  'hotel',
  'flight',
  '快递',
  '到了',
  '好的',
  '👍',
  'café',
  '10:00',
];

function texts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, pick).join(
      random() < 0.5 ? '' : pick() === '好的' ? '，' : ' ',
    ),
  );
}

function filterOf(all: readonly string[]) {
  const builder = new PhraseFilterBuilder();
  for (const text of all) builder.addAtoms(atomize(text, false));
  return decodePhraseFilter(builder.encode()!)!;
}

describe('phrase filters', () => {
  it('never rules out a term that stands in one of the texts, whatever its size once folded', () => {
    const all = texts(3000, 7);
    const filter = filterOf(all);
    const random = seededRandom(8);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      // A random stretch of a text's atoms, as the text writes them (separators included): a term a person types.
      const text = all[Math.floor(random() * all.length)]!;
      const atoms = atomize(text);
      if (atoms.length === 0) continue;
      const first = Math.floor(random() * atoms.length);
      const last = Math.min(atoms.length - 1, first + Math.floor(random() * 5));
      const term = atomize(text.slice(atoms[first]!.start, atoms[last]!.end));
      expect(termSpans(atomize(text), term).length).toBeGreaterThan(0);
      expect(filter.mayHoldAll(termElements(term))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('rules out terms no text holds, but for about one in sixty at most', () => {
    const all = texts(3000, 9);
    const filter = filterOf(all);
    const atoms = all.map((t) => atomize(t));
    const random = seededRandom(10);
    let absent = 0;
    let saidYes = 0;
    for (let i = 0; i < 3000; i++) {
      const term = atomize(`${WORDS[Math.floor(random() * WORDS.length)]}${String.fromCodePoint(0x4e00 + i)}`);
      if (atoms.some((a) => termSpans(a, term).length > 0)) continue;
      absent++;
      if (filter.mayHoldAll(termElements(term))) saidYes++;
    }
    expect(absent).toBeGreaterThan(2900);
    expect(saidYes / absent).toBeLessThan(1 / 30);
  });

  it('holds each atom and each two atoms side by side, across separators, and words next to each other', () => {
    const filter = filterOf(['今天晚上，吃饭 hotel flight!']);
    const has = (term: string) => filter.mayHoldAll(termElements(atomize(term)));
    expect(['今天晚上 吃饭', '上吃', 'hotel flight', '饭 hotel', '晚', 'flight'].every(has)).toBe(true);
    expect(['吃饭 flight', 'flight hotel', '今晚', 'hotels'].some(has)).toBe(false);
    // Every pair of 今天晚上吃饭 stands in these texts, but not its middle four: the fours rule it out.
    const everyPair = filterOf(['今天晚上', '晚上吃饭', '今天', '上吃']);
    expect(everyPair.mayHoldAll(termElements(atomize('今天晚上吃饭')))).toBe(false);
    expect(everyPair.mayHoldAll(termElements(atomize('晚上吃饭')))).toBe(true);
  });

  it('is written at the size its elements need, and one continued from a file holds what is added', () => {
    const small = new PhraseFilterBuilder();
    small.addAtoms(atomize('你好'));
    const encoded = small.encode()!;
    expect(encoded.length).toBeLessThan(100);
    const big = new PhraseFilterBuilder();
    for (const text of texts(20000, 11)) big.addAtoms(atomize(`${text} ${Math.random()}`, false));
    expect(big.encode()!.length).toBeGreaterThan(encoded.length * 100);

    const continued = PhraseFilterBuilder.from(decodePhraseFilter(encoded)!);
    continued.addAtoms(atomize('晚安 world'));
    const again = decodePhraseFilter(continued.encode()!)!;
    for (const term of ['你好', '晚安 world', '安 world'])
      expect(again.mayHoldAll(termElements(atomize(term)))).toBe(true);
  });

  it('writes no filter once it is too full to rule anything out, rather than one that says yes to everything', () => {
    const builder = new PhraseFilterBuilder(new Uint8Array(64), 9);
    for (let i = 0; i < 200; i++) builder.add(termElements(atomize(`w${i}`))[0]!);
    expect(builder.isFull).toBe(true);
    expect(builder.encode()).toBeNull();
  });

  it('is not used when it is of another format, hash count, size, length or Unicode version', () => {
    const good = new PhraseFilterBuilder();
    atomElements(atomize('hello world'), (h) => good.add(h));
    const bytes = good.encode()!;
    expect(decodePhraseFilter(bytes)).not.toBeNull();
    const changed = (at: number, value: number) => {
      const copy = Uint8Array.from(bytes);
      copy[at] = value;
      return copy;
    };
    expect(decodePhraseFilter(changed(0, 2))).toBeNull(); // format
    expect(decodePhraseFilter(changed(1, 7))).toBeNull(); // hashes
    expect(decodePhraseFilter(changed(2, 40))).toBeNull(); // 2^40 bits: never allocated
    expect(decodePhraseFilter(changed(2, bytes[2]! + 1))).toBeNull(); // size and length disagree
    expect(decodePhraseFilter(bytes.subarray(0, bytes.length - 1))).toBeNull();
    expect(decodePhraseFilter(new Uint8Array(0))).toBeNull();
    const label = TOKENS_UNICODE.length;
    const otherUnicode = Uint8Array.from(bytes);
    otherUnicode[4 + label - 1] = otherUnicode[4 + label - 1]! ^ 1;
    expect(decodePhraseFilter(otherUnicode)).toBeNull();
  });
});
