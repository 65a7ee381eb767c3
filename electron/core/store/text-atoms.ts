/**
 * The one reading of a text that indexing, querying and the exact check all share, so the three cannot disagree.
 *
 * A text is normalized (NFKC, lowercased, final sigma folded) and cut into atoms:
 * - `cjk`: one character of a script written without spaces (Han, kana, Hangul), with its combining marks;
 * - `word`: a run of other letters, digits and marks (a Latin word, a number, "café");
 * - `emoji`: one pictograph or regional indicator; skin tones and variation selectors are dropped from its value,
 *   so 👍 finds 👍🏽.
 * Everything else (spaces, punctuation, symbols) separates atoms and is never searched for.
 */

export type AtomKind = 'word' | 'cjk' | 'emoji';

export interface Atom {
  readonly kind: AtomKind;
  /** Normalized: what is indexed and compared. */
  readonly value: string;
  /** UTF-16 range in the original (not normalized) text, for highlights. */
  readonly start: number;
  readonly end: number;
  /** No separator stands between this atom and the one before it (always false for the first). */
  readonly isJoined: boolean;
}

/** Character classes as bits, so a scan can accept several at once. */
const SEPARATOR = 1;
const WORD = 2;
const MARK = 4;
const CJK = 8;
const EMOJI = 16;
/** Variation selectors and the keycap mark: marks that decorate an atom and never add to its value. */
const DECORATION_MARK = 32;
/** ZWJ, skin tones and tag characters: part of an emoji, else separators. */
const DECORATION_JOIN = 64;

// 〆 and ー are in no CJK script property (they are "Common") but are written inside Japanese words.
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u3006\u30FC]/u;
const EMOJI_CHAR = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const DECORATION_MARK_CHAR = /[\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]/u;
const DECORATION_MARKS = /[\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]/gu;
// ZWJ stands alone: inside a class it would read as joining its neighbours (no-misleading-character-class).
const DECORATION_JOIN_CHAR = /\u200D|[\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK_CHAR = /\p{M}/u;

function classify(char: string): number {
  if (DECORATION_MARK_CHAR.test(char)) return DECORATION_MARK;
  if (DECORATION_JOIN_CHAR.test(char)) return DECORATION_JOIN;
  if (CJK_CHAR.test(char)) return CJK;
  if (EMOJI_CHAR.test(char)) return EMOJI;
  if (WORD_CHAR.test(char)) return WORD;
  if (MARK_CHAR.test(char)) return MARK;
  return SEPARATOR;
}

/** Classes of BMP characters, filled on first sight (0 = not yet): a Unicode property regex per character is slow. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classOf(code: number): number {
  if (code < 0x10000) {
    let cls = bmpClasses[code]!;
    if (cls === 0) bmpClasses[code] = cls = classify(String.fromCharCode(code));
    return cls;
  }
  let cls = astralClasses.get(code);
  if (cls === undefined) astralClasses.set(code, (cls = classify(String.fromCodePoint(code))));
  return cls;
}

/** A normalized text and, when it differs in shape from the original, where each of its units came from. */
export interface NormalizedText {
  readonly text: string;
  /** Original start and end of each normalized UTF-16 unit; null when the two texts line up unit for unit. */
  readonly origin: { readonly starts: Int32Array; readonly ends: Int32Array } | null;
}

function fold(text: string): string {
  // Lowercasing piece by piece never sees the end of a word: fold the final sigma wherever it was produced.
  return text.toLowerCase().replace(/ς/g, 'σ');
}

/** What NFKC and folding make of one BMP character, filled on first sight. */
const bmpNormalized: (string | undefined)[] = new Array<string | undefined>(0x10000);

/**
 * Characters that compose with the one before them under NFKC: combining marks, half-width kana voicing marks and
 * conjoining Hangul vowels and finals. A character and these after it form a cluster; normalizing clusters one by
 * one equals normalizing the whole text in practice, and says which original characters each result came from.
 */
function composesWithPrevious(code: number): boolean {
  return (
    (classOf(code) & (MARK | DECORATION_MARK)) !== 0 ||
    code === 0xff9e ||
    code === 0xff9f ||
    (code >= 0x1160 && code <= 0x11ff)
  );
}

/** `withOrigin` false skips the origin map (indexing needs no highlights); `origin` is then always null. */
export function normalizeForSearch(text: string, withOrigin = true): NormalizedText {
  if (text.normalize('NFKC') === text) {
    const lower = fold(text);
    // Lowercasing only ever lengthens (İ → i̇), so equal lengths mean every unit kept its place.
    if (lower.length === text.length) return { text: lower, origin: null };
  }
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  while (at < text.length) {
    const code = text.codePointAt(at)!;
    let end = at + (code > 0xffff ? 2 : 1);
    while (end < text.length && composesWithPrevious(text.codePointAt(end)!))
      end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    let piece: string;
    if (end === at + 1) {
      piece = bmpNormalized[code] ??= fold(text[at]!.normalize('NFKC'));
    } else {
      piece = fold(text.slice(at, end).normalize('NFKC'));
    }
    for (let i = 0; withOrigin && i < piece.length; i++) {
      starts.push(at);
      ends.push(end);
    }
    out += piece;
    at = end;
  }
  return { text: out, origin: withOrigin ? { starts: Int32Array.from(starts), ends: Int32Array.from(ends) } : null };
}

/**
 * The atoms of a text, in order. A CJK atom is one character and its marks; an emoji atom one pictograph and its
 * decorations; a word atom a run of letters, digits and marks. A variation selector or keycap mark continues a word
 * ("1️⃣" is the word 1); ZWJ and skin tones end it. With `inOriginal` false, atom ranges are offsets in the
 * normalized text (cheaper: for indexing, which needs no highlights).
 */
export function atomize(text: string, inOriginal = true): Atom[] {
  const normalized = normalizeForSearch(text, inOriginal);
  const norm = normalized.text;
  const origin = normalized.origin;
  const atoms: Atom[] = [];
  let previousEnd = -1;
  let at = 0;
  while (at < norm.length) {
    const code = norm.codePointAt(at)!;
    const cls = classOf(code);
    const start = at;
    at += code > 0xffff ? 2 : 1;
    let kind: AtomKind;
    if (cls === CJK) {
      kind = 'cjk';
      at = skipWhile(norm, at, MARK | DECORATION_MARK);
    } else if (cls === EMOJI) {
      kind = 'emoji';
      at = skipWhile(norm, at, DECORATION_MARK | DECORATION_JOIN);
    } else if (cls === WORD || cls === MARK) {
      kind = 'word';
      at = skipWhile(norm, at, WORD | MARK | DECORATION_MARK);
    } else {
      continue;
    }
    // An emoji's value is the pictograph alone, so 👍 finds 👍🏽 and ❤️ finds ❤.
    const value = kind === 'emoji' ? String.fromCodePoint(code) : norm.slice(start, at).replace(DECORATION_MARKS, '');
    atoms.push({
      kind,
      value,
      start: origin ? origin.starts[start]! : start,
      end: origin ? origin.ends[at - 1]! : at,
      isJoined: start === previousEnd,
    });
    previousEnd = at;
  }
  return atoms;
}

function skipWhile(text: string, at: number, accept: number): number {
  while (at < text.length) {
    const code = text.codePointAt(at)!;
    if ((classOf(code) & accept) === 0) break;
    at += code > 0xffff ? 2 : 1;
  }
  return at;
}
