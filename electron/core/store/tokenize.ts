import { atomize, type Atom } from './text-atoms';

/**
 * Index tokens and query phrases for the FTS4 `message_index` (docs/architecture.md, "Search").
 *
 * A message's atoms (text-atoms.ts) become tokens in order: a word or an emoji is one token; a run of CJK
 * characters (no separator between them) becomes its bigrams, in order, followed by its unigrams. For 我们吃 that is
 * `我们 们吃 我 们 吃`. Inside a run the bigrams sit at consecutive positions, so a CJK substring of n ≥ 2 characters
 * is exactly the FTS phrase of its n - 1 bigrams, and a single character is its unigram. A phrase of bigrams cannot
 * reach into the next run: the run's unigrams stand between.
 *
 * Token encoding: tokens are written verbatim, joined by one ASCII space. FTS4's `simple` tokenizer splits at every
 * ASCII character that is not a letter or digit, keeps every non-ASCII byte and lowercases ASCII. Our tokens hold only
 * lowercase ASCII letters and digits (a word's ASCII characters; normalization already lowercased them) and non-ASCII
 * characters (letters, digits, marks, CJK, pictographs), so the tokenizer returns exactly the tokens we wrote, and a
 * quoted phrase in a MATCH expression can never contain an operator, a quote, `*` or a `:`. Namespaces cannot
 * collide: a bigram is two CJK characters, a unigram one, a word holds no CJK character and an emoji is one pictograph.
 */

/** What the FTS4 `simple` tokenizer keeps whole: lowercase ASCII letters and digits, and anything non-ASCII. */
export const FTS_SAFE_TOKEN = /^(?:[a-z0-9]|\P{ASCII})+$/u;

/** The space-joined token stream of a text, as stored in `message_index`. */
export function indexTokens(text: string): string {
  return tokensOfAtoms(atomize(text, false)).join(' ');
}

export function tokensOfAtoms(atoms: readonly Atom[]): string[] {
  const tokens: string[] = [];
  forEachSegment(atoms, (segment, isCjkRun) => {
    if (!isCjkRun) {
      for (const atom of segment) tokens.push(atom.value);
      return;
    }
    for (let i = 1; i < segment.length; i++) tokens.push(segment[i - 1]!.value + segment[i]!.value);
    for (const atom of segment) tokens.push(atom.value);
  });
  return tokens;
}

/**
 * The FTS phrases a term's atoms require, each a list of tokens that must stand at consecutive positions: one per
 * CJK run (its bigrams, or its unigram) and one per stretch of words and emoji between runs. The index finds every
 * message holding all of them; whether they also stand next to each other in the text is for the exact check.
 */
export function queryPhrases(atoms: readonly Atom[]): string[][] {
  const phrases: string[][] = [];
  forEachSegment(atoms, (segment, isCjkRun) => {
    if (isCjkRun && segment.length > 1) {
      const bigrams: string[] = [];
      for (let i = 1; i < segment.length; i++) bigrams.push(segment[i - 1]!.value + segment[i]!.value);
      phrases.push(bigrams);
    } else {
      phrases.push(segment.map((a) => a.value));
    }
  });
  return phrases;
}

/** A MATCH expression requiring every phrase: `"t1 t2" "t3"` (FTS4 reads juxtaposition as AND). */
export function matchExpression(phrases: readonly (readonly string[])[]): string {
  return phrases.map((p) => `"${p.join(' ')}"`).join(' ');
}

/**
 * Splits atoms into CJK runs (joined CJK atoms) and the stretches of other atoms between them. A run's bigrams and
 * unigrams interleave in the index, so no FTS phrase may span a run's edge; other atoms index one token each.
 */
function forEachSegment(atoms: readonly Atom[], visit: (segment: readonly Atom[], isCjkRun: boolean) => void): void {
  let segment: Atom[] = [];
  let isCjkRun = false;
  for (const atom of atoms) {
    const isCjk = atom.kind === 'cjk';
    const continues = segment.length > 0 && (isCjk ? isCjkRun && atom.isJoined : !isCjkRun);
    if (!continues && segment.length > 0) {
      visit(segment, isCjkRun);
      segment = [];
    }
    segment.push(atom);
    isCjkRun = isCjk;
  }
  if (segment.length > 0) visit(segment, isCjkRun);
}
