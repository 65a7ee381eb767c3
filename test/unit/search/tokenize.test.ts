import { describe, expect, it } from 'vitest';
import { termSpans } from '../../../electron/core/search/match-term';
import { atomize } from '../../../electron/core/store/text-atoms';
import { FTS_SAFE_TOKEN, indexTokens, matchExpression, queryPhrases } from '../../../electron/core/store/tokenize';
import { loadSqlJs } from '../../../electron/core/db/sqlite';

/** Atoms as `kind:value`, with `+` before an atom that touches the one before it. */
function atoms(text: string): string {
  return atomize(text)
    .map((a) => `${a.isJoined ? '+' : ''}${a.kind}:${a.value}`)
    .join(' ');
}

describe('cutting a text into atoms', () => {
  it.each([
    ['Latin words are lowercased; punctuation separates', 'Hello, WORLD!', 'word:hello word:world'],
    ['each CJK character is an atom, joined to its neighbours', '今天晚上', 'cjk:今 +cjk:天 +cjk:晚 +cjk:上'],
    ['a CJK comma breaks the run', '今天，晚上', 'cjk:今 +cjk:天 cjk:晚 +cjk:上'],
    ['digits next to CJK are a word of their own', '2024年3月', 'word:2024 +cjk:年 +word:3 +cjk:月'],
    ['full-width letters and digits are folded by NFKC', 'ＡＢＣ１２３', 'word:abc123'],
    ['half-width katakana become full-width', 'ﾊﾞｶ', 'cjk:バ +cjk:カ'],
    ['accents stay, in one composed form', 'Cafe\u0301 café', 'word:café word:café'],
    ['a final sigma folds to sigma', 'ΟΔΟΣ οδος', 'word:οδοσ word:οδοσ'],
    ['an emoji keeps only its pictograph', '👍🏽 ❤️', 'emoji:👍 emoji:❤'],
    ['emoji next to each other are joined atoms', 'ok👍👍', 'word:ok +emoji:👍 +emoji:👍'],
    ['a ZWJ family is its members', '👨‍👩‍👧', 'emoji:👨 +emoji:👩 +emoji:👧'],
    ['a keycap is its digit', '1️⃣ #️⃣', 'word:1'],
    ['numbers with separators are several words', '10:00 3.14', 'word:10 word:00 word:3 word:14'],
    ['Japanese long vowel mark stays in the run', 'ラーメン', 'cjk:ラ +cjk:ー +cjk:メ +cjk:ン'],
    ['Hangul syllables are CJK atoms', '서울에서', 'cjk:서 +cjk:울 +cjk:에 +cjk:서'],
    ['symbols and spaces are nothing', '  ... ¥ — ©', 'emoji:©'],
  ])('%s', (_name, text, expected) => {
    expect(atoms(text)).toBe(expected);
  });

  it('gives ranges in the original text even where normalization changes its length', () => {
    const text = 'ﬁx ＡＢ ﾊﾞｶ';
    expect(atomize(text).map((a) => text.slice(a.start, a.end))).toEqual(['ﬁx', 'ＡＢ', 'ﾊﾞ', 'ｶ']);
  });
});

describe('index tokens', () => {
  it.each([
    ['a CJK run gives its bigrams, then its unigrams', '我们吃', '我们 们吃 我 们 吃'],
    ['one CJK character gives its unigram', '好', '好'],
    ['runs are indexed one after the other', '今天 晚上', '今天 今 天 晚上 晚 上'],
    ['words and emoji are one token each', 'Hello 👋 2024', 'hello 👋 2024'],
    ['mixed text keeps its order', '明天10点开会 OK', '明天 明 天 10 点开 开会 点 开 会 ok'],
    ['nothing searchable gives no tokens', '!!! ...', ''],
  ])('%s', (_name, text, expected) => {
    expect(indexTokens(text)).toBe(expected);
  });

  it('writes only tokens the FTS4 simple tokenizer keeps whole', async () => {
    const texts = [
      'It’s 10:00 — see https://example.com/a?b=c&d=e',
      '「報告」は2024年に…',
      'mail@example.com #tag $5',
      '👨‍👩‍👧🇨🇳 ①②',
      'İstanbul ǅ ß ﬁ',
    ];
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE VIRTUAL TABLE t USING fts4(tokens, tokenize=simple); CREATE VIRTUAL TABLE v USING fts4aux(t);');
    for (const [i, text] of texts.entries()) {
      const tokens = indexTokens(text);
      for (const token of tokens.split(' ').filter(Boolean)) expect(token).toMatch(FTS_SAFE_TOKEN);
      db.run('INSERT INTO t (docid, tokens) VALUES (?, ?)', [i, tokens]);
    }
    // The tokenizer's own terms are exactly the tokens written: nothing split, nothing merged.
    const stored = (db.exec("SELECT term FROM v WHERE col = '*'")[0]?.values ?? []).map((r) => r[0]).sort();
    const written = [...new Set(texts.flatMap((t) => indexTokens(t).split(' ').filter(Boolean)))].sort();
    expect(stored).toEqual(written);
    db.close();
  });
});

describe('query phrases', () => {
  it.each([
    ['a CJK substring is the phrase of its bigrams', '今天晚上', [['今天', '天晚', '晚上']]],
    ['a single CJK character is its unigram', '吃', [['吃']]],
    ['Latin words form one phrase', 'Hot Pot', [['hot', 'pot']]],
    ['a CJK run and words are separate phrases', '微信pay', [['微信'], ['pay']]],
    ['separated CJK runs are separate phrases', '今天 晚上', [['今天'], ['晚上']]],
    ['emoji stay with the words around them', 'ok 👍', [['ok', '👍']]],
  ])('%s', (_name, term, expected) => {
    expect(queryPhrases(atomize(term))).toEqual(expected);
  });

  it('quotes each phrase in the MATCH expression', () => {
    expect(matchExpression([['今天', '天晚'], ['pay']])).toBe('"今天 天晚" "pay"');
  });

  it('finds a CJK substring across word boundaries, and only where its characters touch', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE VIRTUAL TABLE t USING fts4(tokens, tokenize=simple)');
    const texts = ['我们今天晚上吃火锅', '今天 晚上', '晚上今天', '今天很晚上班'];
    texts.forEach((text, i) => db.run('INSERT INTO t (docid, tokens) VALUES (?, ?)', [i, indexTokens(text)]));
    const hits = (term: string) =>
      (
        db.exec('SELECT docid FROM t WHERE t MATCH ? ORDER BY docid', [matchExpression(queryPhrases(atomize(term)))])[0]
          ?.values ?? []
      ).map((r) => r[0]);
    expect(hits('今天晚上')).toEqual([0]);
    expect(hits('天晚')).toEqual([0]);
    expect(hits('晚上')).toEqual([0, 1, 2, 3]);
    expect(hits('上今')).toEqual([2]);
    db.close();
  });
});

describe('the exact check', () => {
  it.each([
    ['a CJK substring inside a longer run', '我们今天晚上吃火锅', '今天晚上', [[2, 6]]],
    ['not across a separator in the text', '今天，晚上', '今天晚上', []],
    ['a spaced query allows either', '今天晚上', '今天 晚上', [[0, 4]]],
    ['Latin matches whole words only', 'hotpot and hot pot', 'hot', [[11, 14]]],
    ['case and width do not matter', 'ＨＥＬＬＯ world', 'hello', [[0, 5]]],
    ['punctuation between words is any separator', 'hello, world', 'hello world', [[0, 12]]],
    [
      'every occurrence is found',
      'ok ok',
      'ok',
      [
        [0, 2],
        [3, 5],
      ],
    ],
  ])('%s', (_name, text, term, expected) => {
    expect(termSpans(atomize(text), atomize(term))).toEqual(expected);
  });
});
