import type { SqlValue } from 'sql.js';
import { mergeSpans, termSpans, type Span } from './match-term';
import type { SearchQuery, SearchTerm } from './parse-query';
import type { ResolvedPeople } from './resolve-filters';
import { searchableText } from '../store/searchable-text';
import { termElements, type PhraseFilter } from '../store/phrase-filter';
import { atomize, type Atom } from '../store/text-atoms';
import { matchExpression, queryPhrases } from '../store/tokenize';

interface CompiledTerm {
  atoms: readonly Atom[];
  /** FTS4 MATCH expression: every phrase the term needs. */
  match: string;
  /** The MATCH alone finds exactly the term's messages (one phrase); else the exact check must confirm. */
  isExact: boolean;
}

interface TimeRange {
  startTime: number;
  endTime: number;
}

/** A condition on `messages` (no alias) with its parameters. */
interface Condition {
  sql: string;
  params: SqlValue[];
  /** Whether every message of a shard holding [startTime, endTime) meets it, so that shard can leave it out. */
  isMetBy?: (range: TimeRange) => boolean;
}

/** What one shard runs: the MATCH that drives it (null when the query has no words) and conditions on its rows. */
export interface ShardQuery {
  match: string | null;
  /** Conditions on `messages` joined by AND, or '' when there are none. */
  where: string;
  params: SqlValue[];
}

/** A query compiled for shards: SQL that selects candidates, and the exact check in JS. */
export interface SearchPlan {
  /** The shard's SQL selects exactly the matching messages: counts can come from SQL and no row needs checking. */
  isExact: boolean;
  /** A filter named nobody or no conversation: nothing can match. */
  isEmpty: boolean;
  /** UTC seconds, for skipping shards outside the range. */
  after: number | null;
  before: number | null;
  /**
   * The SQL for a shard holding messages of [startTime, endTime): a time bound every message of the shard meets is
   * left out, so that `before:2030` costs nothing and a query left with words only is counted in the index alone.
   */
  forShard(range: TimeRange): ShardQuery;
  /**
   * Whether a shard whose phrase filter is this may hold a match: every group needs a term whose atoms, or each two
   * of them side by side, are in the filter (store/phrase-filter.ts). Null when the query has no words to rule a
   * shard out by.
   */
  mayHold: ((filter: PhraseFilter) => boolean) | null;
  /** The spans a message's searchable text matches in, or null when it does not match. */
  check(message: { kind: string; text: string; payload: string | null }): { text: string; spans: Span[] } | null;
}

const KIND_OF_HAS = { image: 'image', file: 'file', voice: 'voice', video: 'video', link: 'link' } as const;

function compileTerm(term: SearchTerm): CompiledTerm {
  const atoms = atomize(term.text);
  const phrases = queryPhrases(atoms);
  return { atoms, match: matchExpression(phrases), isExact: phrases.length === 1 };
}

/**
 * One FTS4 MATCH expression for the words of a query: every group (any of its terms), and none of the excluded terms
 * that are exact. An inexact excluded term is left to the JS check: its MATCH is wider than the term, and NOT would
 * drop messages that do not hold it. The expression selects exactly the messages whose text matches when every term
 * is exact, else a superset of them. FTS4's enhanced syntax binds NOT tightest, then AND (juxtaposition), then OR,
 * so only an OR group needs parentheses.
 */
function matchOfTerms(groups: readonly (readonly CompiledTerm[])[], excluded: readonly CompiledTerm[]): string {
  return [
    ...groups.map((g) => (g.length > 1 ? `(${g.map((t) => t.match).join(' OR ')})` : g[0]!.match)),
    ...excluded.filter((t) => t.isExact).map((t) => `NOT ${t.match}`),
  ].join(' ');
}

export function planSearch(query: SearchQuery, people: ResolvedPeople): SearchPlan {
  const groups = query.groups.map((g) => g.map(compileTerm));
  const excluded = query.excluded.map(compileTerm);
  const isExact = groups.every((g) => g.every((t) => t.isExact)) && excluded.every((t) => t.isExact);
  const match = groups.length > 0 ? matchOfTerms(groups, excluded) : null;
  const conditions: Condition[] = [];
  const add = (sql: string, params: SqlValue[], isMetBy?: Condition['isMetBy']) =>
    conditions.push({ sql, params, isMetBy });

  // Without words to MATCH, exclusions are conditions on the rows.
  if (match === null) {
    for (const term of excluded.filter((t) => t.isExact))
      add('id NOT IN (SELECT docid FROM message_index WHERE message_index MATCH ?)', [term.match]);
  }
  const addIn = (column: string, values: readonly SqlValue[]) =>
    add(`${column} IN (${values.map(() => '?').join(', ')})`, [...values]);
  if (people.conversationIds) addIn('conversation_id', people.conversationIds);
  if (people.senders) {
    const senders = `sender IN (${people.senders.map(() => '?').join(', ')})`;
    add(people.includesOwner ? `(${senders} OR is_sent = 1)` : senders, [...people.senders]);
  }
  const { after, before } = query;
  if (after !== null) add('time >= ?', [after], (r) => r.startTime >= after);
  if (before !== null) add('time < ?', [before], (r) => r.endTime <= before);
  if (query.kinds.length) addIn('kind', query.kinds);
  if (query.has.length) {
    const kinds = query.has.map((h) => KIND_OF_HAS[h]);
    // A link is also a web address written in a text message.
    const inText = query.has.includes('link') ? " OR instr(text, 'http://') > 0 OR instr(text, 'https://') > 0" : '';
    add(`(kind IN (${kinds.map(() => '?').join(', ')})${inText})`, kinds);
  }
  if (query.direction) add(query.direction === 'sent' ? 'is_sent = 1' : 'is_sent = 0', []);

  const isEmpty =
    (people.conversationIds !== null && people.conversationIds.length === 0) ||
    (people.senders !== null && people.senders.length === 0 && !people.includesOwner);
  return {
    isExact,
    isEmpty,
    after: query.after,
    before: query.before,
    mayHold: groups.length === 0 ? null : filterTest(groups),
    forShard(range) {
      const needed = conditions.filter((c) => !c.isMetBy?.(range));
      return { match, where: needed.map((c) => c.sql).join(' AND '), params: needed.flatMap((c) => c.params) };
    },
    check(message) {
      const text = searchableText(message.kind, message.text, message.payload);
      const atoms = atomize(text);
      const spans: Span[] = [];
      for (const group of groups) {
        const found = group.flatMap((term) => termSpans(atoms, term.atoms));
        if (found.length === 0) return null;
        spans.push(...found);
      }
      for (const term of excluded) if (termSpans(atoms, term.atoms).length > 0) return null;
      return { text, spans: mergeSpans(spans) };
    },
  };
}

function filterTest(groups: readonly (readonly CompiledTerm[])[]): (filter: PhraseFilter) => boolean {
  const needed = groups.map((g) => g.map((term) => termElements(term.atoms)));
  return (filter) => needed.every((group) => group.some((hashes) => filter.mayHoldAll(hashes)));
}
