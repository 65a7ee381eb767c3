import type { SqlValue } from 'sql.js';
import { mergeSpans, termSpans, type Span } from './match-term';
import type { SearchQuery, SearchTerm } from './parse-query';
import type { ResolvedPeople } from './resolve-filters';
import { searchableText } from './searchable-text';
import { atomize, type Atom } from './text-atoms';
import { matchExpression, queryPhrases } from './tokenize';

interface CompiledTerm {
  atoms: readonly Atom[];
  /** FTS4 MATCH expression: every phrase the term needs. */
  match: string;
  /** The MATCH alone finds exactly the term's messages (one phrase); else the exact check must confirm. */
  isExact: boolean;
}

/** A query compiled for shards: SQL that selects candidates, and the exact check in JS. */
export interface SearchPlan {
  /** A condition on `messages` (no alias) and its parameters. */
  where: string;
  params: SqlValue[];
  /** `where` selects exactly the matching messages: counts can come from SQL and no row needs checking. */
  isExact: boolean;
  /**
   * When the query is only words and phrases, each exact in the index: one MATCH expression that selects exactly the
   * matching messages, so counting needs no look-up of message rows (the index holds a row for each message of its
   * shard and no other: rows go in with their messages and a trigger takes them out).
   */
  indexOnlyMatch: string | null;
  /** A filter named nobody or no conversation: nothing can match. */
  isEmpty: boolean;
  /** UTC seconds, for skipping shards outside the range. */
  after: number | null;
  before: number | null;
  /** The spans a message's searchable text matches in, or null when it does not match. */
  check(message: { kind: string; text: string; payload: string | null }): { text: string; spans: Span[] } | null;
}

const KIND_OF_HAS = { image: 'image', file: 'file', voice: 'voice', video: 'video', link: 'link' } as const;

function compileTerm(term: SearchTerm): CompiledTerm {
  const atoms = atomize(term.text);
  const phrases = queryPhrases(atoms);
  return { atoms, match: matchExpression(phrases), isExact: phrases.length === 1 };
}

const IN_INDEX = 'id IN (SELECT docid FROM message_index WHERE message_index MATCH ?)';

export function planSearch(query: SearchQuery, people: ResolvedPeople): SearchPlan {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const groups = query.groups.map((g) => g.map(compileTerm));
  const excluded = query.excluded.map(compileTerm);
  let isExact = true;

  for (const group of groups) {
    conditions.push(`(${group.map(() => IN_INDEX).join(' OR ')})`);
    for (const term of group) {
      params.push(term.match);
      isExact &&= term.isExact;
    }
  }
  for (const term of excluded) {
    // An inexact MATCH is wider than the term: NOT IN would drop messages that do not hold it. The JS check excludes.
    if (!term.isExact) {
      isExact = false;
      continue;
    }
    conditions.push(`id NOT IN (SELECT docid FROM message_index WHERE message_index MATCH ?)`);
    params.push(term.match);
  }
  const textConditions = conditions.length;
  const addIn = (column: string, values: readonly SqlValue[]) => {
    conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (people.conversationIds) addIn('conversation_id', people.conversationIds);
  if (people.senders) {
    const senders = `sender IN (${people.senders.map(() => '?').join(', ')})`;
    conditions.push(people.includesOwner ? `(${senders} OR is_sent = 1)` : senders);
    params.push(...people.senders);
  }
  if (query.after !== null) {
    conditions.push('time >= ?');
    params.push(query.after);
  }
  if (query.before !== null) {
    conditions.push('time < ?');
    params.push(query.before);
  }
  if (query.kinds.length) addIn('kind', query.kinds);
  if (query.has.length) {
    const kinds = query.has.map((h) => KIND_OF_HAS[h]);
    // A link is also a web address written in a text message.
    const inText = query.has.includes('link') ? " OR instr(text, 'http://') > 0 OR instr(text, 'https://') > 0" : '';
    conditions.push(`(kind IN (${kinds.map(() => '?').join(', ')})${inText})`);
    params.push(...kinds);
  }
  if (query.direction) conditions.push(query.direction === 'sent' ? 'is_sent = 1' : 'is_sent = 0');

  const isEmpty = (people.conversationIds !== null && people.conversationIds.length === 0) || (people.senders !== null && people.senders.length === 0 && !people.includesOwner);
  // FTS4's enhanced syntax: NOT binds tightest, then AND (juxtaposition), then OR; parentheses group.
  const indexOnlyMatch =
    isExact && conditions.length === textConditions && groups.length > 0
      ? [
          ...groups.map((g) => (g.length > 1 ? `(${g.map((t) => t.match).join(' OR ')})` : g[0]!.match)),
          ...excluded.map((t) => `NOT ${t.match}`),
        ].join(' ')
      : null;
  return {
    where: conditions.length ? conditions.join(' AND ') : '1',
    params,
    isExact,
    indexOnlyMatch,
    isEmpty,
    after: query.after,
    before: query.before,
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
