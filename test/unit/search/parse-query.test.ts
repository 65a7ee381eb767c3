import { describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { parseQuery, type SearchQuery } from '../../../electron/core/search/parse-query';

const SHANGHAI = 'Asia/Shanghai';
const utc = (iso: string) => Date.parse(iso) / 1000;

function parsed(source: string, timeZone = SHANGHAI): Partial<SearchQuery> {
  const { source: _s, timeZone: _z, ...rest } = parseQuery(source, { timeZone });
  // Only what the case is about: drop the empty parts.
  return Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
  );
}

const word = (text: string) => ({ text, isPhrase: false });
const phrase = (text: string) => ({ text, isPhrase: true });

describe('parsing a search query', () => {
  it.each<[string, string, Partial<SearchQuery>]>([
    ['words are terms that must all match', 'dinner 火锅', { groups: [[word('dinner')], [word('火锅')]] }],
    ['a quoted phrase is one term', '"hot pot" tonight', { groups: [[phrase('hot pot')], [word('tonight')]] }],
    ['curly quotes from a Chinese input method make a phrase', '“今天 晚上”', { groups: [[phrase('今天 晚上')]] }],
    [
      'OR joins its neighbours into one group',
      'dinner OR 晚饭 tonight',
      { groups: [[word('dinner'), word('晚饭')], [word('tonight')]] },
    ],
    ['OR chains', 'a OR b OR c', { groups: [[word('a'), word('b'), word('c')]] }],
    ['lowercase or is a word', 'this or that', { groups: [[word('this')], [word('or')], [word('that')]] }],
    [
      'a dash excludes a word or phrase',
      'dinner -lunch -"hot pot"',
      { groups: [[word('dinner')]], excluded: [word('lunch'), phrase('hot pot')] },
    ],
    ['a lone dash is a separator', 'dinner - lunch', { groups: [[word('dinner')], [word('lunch')]] }],
    [
      'from: and in: keep their values, quoted ones with spaces',
      'from:"Alice Wang" in:家人 x',
      { groups: [[word('x')]], from: ['Alice Wang'], in: ['家人'] },
    ],
    ['repeating a filter widens it', 'from:alice from:bob', { from: ['alice', 'bob'] }],
    ['filter keys ignore case', 'FROM:alice Type:IMAGE', { from: ['alice'], kinds: ['image'] }],
    ['an unknown key is text', 'https://example.com', { groups: [[word('https://example.com')]] }],
    ['type: names a kind', 'type:red-packet', { kinds: ['red-packet'] }],
    ['has: names an attachment', 'has:image has:link', { has: ['image', 'link'] }],
    ['is: picks a direction', 'is:sent', { direction: 'sent' }],
    [
      'after: is inclusive from the day’s start in the zone',
      'after:2024-03-07',
      { after: utc('2024-03-06T16:00:00Z') },
    ],
    ['before: is exclusive at the day’s start', 'before:2024/03/07', { before: utc('2024-03-06T16:00:00Z') }],
    ['during: a month', 'during:2024-02', { after: utc('2024-01-31T16:00:00Z'), before: utc('2024-02-29T16:00:00Z') }],
    ['during: a year', 'during:2023', { after: utc('2022-12-31T16:00:00Z'), before: utc('2023-12-31T16:00:00Z') }],
    ['during: a day', 'during:2024-12-31', { after: utc('2024-12-30T16:00:00Z'), before: utc('2024-12-31T16:00:00Z') }],
    [
      'several date filters keep the narrowest range',
      'during:2024 after:2024-06 before:2025-03',
      { after: utc('2024-05-31T16:00:00Z'), before: utc('2024-12-31T16:00:00Z') },
    ],
  ])('%s: %s', (_name, source, expected) => {
    expect(parsed(source)).toEqual(expected);
  });

  it('reads dates in the time zone the request carries', () => {
    expect(parseQuery('after:2024-03-07', { timeZone: 'UTC' }).after).toBe(utc('2024-03-07T00:00:00Z'));
    expect(parseQuery('after:2024-07-01', { timeZone: 'America/New_York' }).after).toBe(utc('2024-07-01T04:00:00Z'));
    expect(parseQuery('after:2024-01-01', { timeZone: 'America/New_York' }).after).toBe(utc('2024-01-01T05:00:00Z'));
    // São Paulo skipped midnight on 2018-11-04: the day began at 01:00 local (03:00 UTC).
    expect(parseQuery('after:2018-11-04', { timeZone: 'America/Sao_Paulo' }).after).toBe(utc('2018-11-04T03:00:00Z'));
  });

  it('returns a frozen query', () => {
    const query = parseQuery('a OR b from:x', { timeZone: 'UTC' });
    expect(Object.isFrozen(query)).toBe(true);
    expect(Object.isFrozen(query.groups[0])).toBe(true);
    expect(Object.isFrozen(query.groups[0]![0])).toBe(true);
    expect(Object.isFrozen(query.from)).toBe(true);
  });

  it.each([
    ['an empty query', '   ', /Type something/],
    ['only punctuation', '!!! ...', /no letters, digits or emoji/],
    ['a quoted phrase of punctuation', 'a "..."', /no letters, digits or emoji/],
    ['only exclusions', '-lunch', /cannot be only exclusions/],
    ['an unclosed quote', 'say "hello', /no closing quote/],
    ['OR at the start', 'OR dinner', /OR goes between two words/],
    ['OR at the end', 'dinner OR', /OR goes between two words/],
    ['OR next to a filter', 'from:a OR from:b', /repeat a filter/],
    ['OR next to an exclusion', 'a OR -b', /OR goes between/],
    ['a filter without a value', 'from: dinner', /from: needs a value/],
    ['an unknown kind', 'type:gif', /type: is one of text, image/],
    ['an unknown attachment', 'has:pdf', /has: is one of image, file, link, voice, video/],
    ['an unknown direction', 'is:read', /is: is sent or received/],
    ['both directions', 'is:sent is:received', /match nothing/],
    ['a date that is not one', 'after:yesterday', /after: takes a date like 2024-03-07/],
    ['a month that does not exist', 'during:2024-13', /during: takes a date/],
    ['a day that does not exist', 'before:2023-02-29', /before: takes a date/],
    ['a year before 1000, which Date.UTC would read as 19xx', 'after:0024-03-07', /after: takes a date/],
    ['an excluded filter', '-from:alice dinner', /exclusions apply to words and phrases/],
    ['an unknown time zone', 'dinner', /not a time zone/, 'Mars/Olympus'],
    ['an overlong query', 'x'.repeat(1001), /at most 1000 characters/],
  ])('refuses %s', (_name, source, message, timeZone = 'UTC') => {
    let error: unknown;
    try {
      parseQuery(source, { timeZone });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocketError);
    expect((error as LocketError).code).toBe('invalid-argument');
    expect((error as LocketError).message).toMatch(message);
  });
});
