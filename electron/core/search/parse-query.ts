import type { MessageKind } from '../../ipc/contract';
import { LocketError } from '../errors';
import { atomize } from '../store/text-atoms';
import { checkTimeZone } from '../time-zones';
import { hostTimeZone } from '../../common/zoned-time';
import { parseCalendarPeriod, periodRange } from './zoned-date';

/**
 * The search language, as people know it from mail search:
 *
 * - `word`, `今天晚上`, `"exact phrase"` (also “…”): every term must match. A term matches when its letters, digits
 *   and emoji stand in the message in order, punctuation and spaces aside; CJK characters must also be adjacent
 *   where the term has them adjacent (so 今天晚上 is found inside 我们今天晚上吃火锅, as a substring), Latin words
 *   match whole and without regard to case.
 * - `a OR b`: either term (OR binds tighter than the juxtaposition that means AND: `a OR b c` is (a or b) and c).
 * - `-word`, `-"phrase"`: no message holding it.
 * - `from:NAME` (sender by name, remark, group nickname or wxid; `from:me`), `in:NAME` (conversation by name or
 *   username), `after:DATE` (on or after its start), `before:DATE` (before its start), `during:DATE` (within it),
 *   with DATE a day, month or year (`2024-03-07`, `2024-03`, `2024`) in the query's time zone; `type:KIND`,
 *   `has:image|file|link|voice|video`, `is:sent|received`. Values with spaces go in quotes: `from:"Alice Wang"`.
 *   Repeating a filter widens it: `from:alice from:bob` is a message from either.
 */

export type HasFilter = 'image' | 'file' | 'link' | 'voice' | 'video';

export interface SearchTerm {
  /** As typed, without quotes. */
  readonly text: string;
  /** Typed in quotes. Quoting only keeps spaces inside one term: it matches as an unquoted term would. */
  readonly isPhrase: boolean;
}

export interface SearchQuery {
  readonly source: string;
  /** Every group must match; a group matches when any one of its terms does (`a OR b`). */
  readonly groups: readonly (readonly SearchTerm[])[];
  /** A message matching any of these is left out (`-word`). */
  readonly excluded: readonly SearchTerm[];
  readonly from: readonly string[];
  readonly in: readonly string[];
  /** UTC seconds, inclusive; null when not limited. */
  readonly after: number | null;
  /** UTC seconds, exclusive; null when not limited. */
  readonly before: number | null;
  readonly kinds: readonly MessageKind[];
  readonly has: readonly HasFilter[];
  readonly direction: 'sent' | 'received' | null;
  /** The zone dates were read in. */
  readonly timeZone: string;
}

export interface ParseOptions {
  /** IANA zone for `after:`, `before:` and `during:`; the host's when absent. */
  timeZone?: string;
}

/** Every kind once: a kind added to the contract and missing here fails the type check. */
const kindTable: { [K in MessageKind]: true } = {
  text: true,
  image: true,
  voice: true,
  video: true,
  sticker: true,
  link: true,
  file: true,
  quote: true,
  record: true,
  transfer: true,
  'red-packet': true,
  location: true,
  card: true,
  call: true,
  system: true,
  revoke: true,
  miniprogram: true,
  unknown: true,
};
export const MESSAGE_KINDS = Object.keys(kindTable) as MessageKind[];
const HAS_VALUES: readonly HasFilter[] = ['image', 'file', 'link', 'voice', 'video'];
const FILTER_KEYS = ['from', 'in', 'after', 'before', 'during', 'type', 'has', 'is'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
/** Quotes a person may type: ASCII and the curly quotes Chinese input methods produce. */
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', '“': '”', '”': '”', '「': '」' };
const MAX_QUERY_LENGTH = 1000;

type Item =
  | { type: 'or' }
  | { type: 'term'; term: SearchTerm; isNegated: boolean }
  | { type: 'filter'; key: FilterKey; value: string; isNegated: boolean };

function invalid(message: string): LocketError {
  return new LocketError('invalid-argument', message);
}

/** Reads a query into a validated, frozen SearchQuery. Throws invalid-argument naming what is wrong. */
export function parseQuery(source: string, options: ParseOptions = {}): SearchQuery {
  if (source.length > MAX_QUERY_LENGTH) throw invalid(`A search is at most ${MAX_QUERY_LENGTH} characters long.`);
  const timeZone = checkTimeZone(options.timeZone ?? hostTimeZone());
  const items = lex(source);
  const query = {
    source,
    groups: [] as SearchTerm[][],
    excluded: [] as SearchTerm[],
    from: [] as string[],
    in: [] as string[],
    after: null as number | null,
    before: null as number | null,
    kinds: [] as MessageKind[],
    has: [] as HasFilter[],
    direction: null as SearchQuery['direction'],
    timeZone,
  };
  let unsearchable: SearchTerm | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === 'or') {
      const previous = items[i - 1];
      const next = items[i + 1];
      if (!isOrOperand(previous) || !isOrOperand(next)) {
        throw invalid(
          'OR goes between two words or phrases, as in `dinner OR 晚饭`; repeat a filter to widen it (from:alice from:bob).',
        );
      }
      query.groups[query.groups.length - 1]!.push(next.term);
      i++;
    } else if (item.type === 'term') {
      if (!isSearchable(item.term)) {
        // A dash or a comma typed between words is a separator, like a space; a quoted or negated one is a mistake.
        if (item.term.isPhrase || item.isNegated) throw nothingToSearch(item.term);
        unsearchable ??= item.term;
        continue;
      }
      if (item.isNegated) query.excluded.push(item.term);
      else query.groups.push([item.term]);
    } else {
      if (item.isNegated) throw invalid(`-${item.key}: is not supported: exclusions apply to words and phrases.`);
      applyFilter(query, item.key, item.value, timeZone);
    }
  }
  if (query.groups.length === 0 && !hasFilter(query)) {
    if (query.excluded.length) throw invalid('Add a word or a filter: a search cannot be only exclusions.');
    throw unsearchable ? nothingToSearch(unsearchable) : invalid('Type something to search for.');
  }
  return deepFreeze(query);
}

function isOrOperand(item: Item | undefined): item is { type: 'term'; term: SearchTerm; isNegated: false } {
  return item?.type === 'term' && !item.isNegated && isSearchable(item.term);
}

function hasFilter(q: {
  from: string[];
  in: string[];
  after: number | null;
  before: number | null;
  kinds: MessageKind[];
  has: HasFilter[];
  direction: string | null;
}): boolean {
  return (
    q.from.length > 0 ||
    q.in.length > 0 ||
    q.after !== null ||
    q.before !== null ||
    q.kinds.length > 0 ||
    q.has.length > 0 ||
    q.direction !== null
  );
}

function isSearchable(term: SearchTerm): boolean {
  return atomize(term.text).length > 0;
}

function nothingToSearch(term: SearchTerm): LocketError {
  return invalid(
    `"${term.text}" has no letters, digits or emoji to search for: punctuation and spaces are not indexed.`,
  );
}

function applyFilter(
  query: {
    from: string[];
    in: string[];
    after: number | null;
    before: number | null;
    kinds: MessageKind[];
    has: HasFilter[];
    direction: SearchQuery['direction'];
  },
  key: FilterKey,
  rawValue: string,
  timeZone: string,
): void {
  const value = rawValue.trim();
  if (value === '') throw invalid(`${key}: needs a value, as in ${example(key)}.`);
  const lower = value.toLowerCase();
  switch (key) {
    case 'from':
      query.from.push(value);
      return;
    case 'in':
      query.in.push(value);
      return;
    case 'type':
      if (!(MESSAGE_KINDS as readonly string[]).includes(lower))
        throw invalid(`type: is one of ${MESSAGE_KINDS.join(', ')}; not "${value}".`);
      query.kinds.push(lower as MessageKind);
      return;
    case 'has':
      if (!(HAS_VALUES as readonly string[]).includes(lower))
        throw invalid(`has: is one of ${HAS_VALUES.join(', ')}; not "${value}".`);
      query.has.push(lower as HasFilter);
      return;
    case 'is': {
      if (lower !== 'sent' && lower !== 'received') throw invalid(`is: is sent or received; not "${value}".`);
      if (query.direction !== null && query.direction !== lower)
        throw invalid('is:sent and is:received together match nothing; use one.');
      query.direction = lower;
      return;
    }
    case 'after':
    case 'before':
    case 'during': {
      const period = parseCalendarPeriod(value);
      if (!period)
        throw invalid(
          `${key}: takes a date like 2024-03-07, a month like 2024-03 or a year like 2024; not "${value}".`,
        );
      const { start, end } = periodRange(period, timeZone);
      // Several date filters all apply: keep the narrowest range.
      if (key !== 'before') query.after = query.after === null ? start : Math.max(query.after, start);
      if (key !== 'after') {
        const limit = key === 'before' ? start : end;
        query.before = query.before === null ? limit : Math.min(query.before, limit);
      }
      return;
    }
  }
}

function example(key: FilterKey): string {
  const examples: Record<FilterKey, string> = {
    from: 'from:alice',
    in: 'in:"Family group"',
    after: 'after:2024-03-01',
    before: 'before:2024-04',
    during: 'during:2023',
    type: 'type:image',
    has: 'has:link',
    is: 'is:sent',
  };
  return examples[key];
}

/** Splits a query into terms, filters and ORs. */
function lex(source: string): Item[] {
  const items: Item[] = [];
  let at = 0;
  const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);
  while (at < source.length) {
    if (isSpace(source[at])) {
      at++;
      continue;
    }
    let isNegated = false;
    if (source[at] === '-' && at + 1 < source.length && !isSpace(source[at + 1])) {
      isNegated = true;
      at++;
    }
    const open = source[at]!;
    if (CLOSING_QUOTE[open]) {
      const { text, end } = readQuoted(source, at);
      items.push({ type: 'term', term: { text, isPhrase: true }, isNegated });
      at = end;
      continue;
    }
    const filter = /^([a-zA-Z]+):/.exec(source.slice(at, at + 10));
    const key = filter?.[1]?.toLowerCase();
    if (filter && key && (FILTER_KEYS as readonly string[]).includes(key)) {
      at += filter[0].length;
      let value: string;
      if (CLOSING_QUOTE[source[at] ?? '']) {
        const quoted = readQuoted(source, at);
        value = quoted.text;
        at = quoted.end;
      } else {
        const start = at;
        while (at < source.length && !isSpace(source[at])) at++;
        value = source.slice(start, at);
      }
      items.push({ type: 'filter', key: key as FilterKey, value, isNegated });
      continue;
    }
    const start = at;
    while (at < source.length && !isSpace(source[at])) at++;
    const word = source.slice(start, at);
    if (word === 'OR' && !isNegated) items.push({ type: 'or' });
    else items.push({ type: 'term', term: { text: word, isPhrase: false }, isNegated });
  }
  return items;
}

function readQuoted(source: string, at: number): { text: string; end: number } {
  const close = CLOSING_QUOTE[source[at]!]!;
  // A straight quote closes a curly one too: input methods are not always consistent.
  let end = at + 1;
  while (end < source.length && source[end] !== close && source[end] !== '"') end++;
  if (end >= source.length) throw invalid(`The phrase starting at ${source.slice(at, at + 12)}… has no closing quote.`);
  return { text: source.slice(at + 1, end), end: end + 1 };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
