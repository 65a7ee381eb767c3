import { describe, expect, it } from 'vitest';
import { highlightParts, readFilter, writeFilter } from './query-language';

describe('search query language helpers', () => {
  it('writes, replaces and removes one filter, quoting values with spaces', () => {
    expect(writeFilter('今天晚上', 'from', 'Alice Wang')).toBe('今天晚上 from:"Alice Wang"');
    expect(writeFilter('今天晚上 from:"Alice Wang" type:text', 'from', 'bob')).toBe('今天晚上 type:text from:bob');
    expect(writeFilter('今天晚上 after:2024-03-01', 'after', '')).toBe('今天晚上');
    expect(writeFilter('', 'in', '相亲相爱一家人')).toBe('in:相亲相爱一家人');
  });

  it('reads a filter back without its quotes', () => {
    expect(readFilter('x from:"Alice Wang" in:Team', 'from')).toBe('Alice Wang');
    expect(readFilter('x in:Team', 'in')).toBe('Team');
    expect(readFilter('x', 'type')).toBeNull();
    expect(readFilter('xfrom:bob', 'from')).toBeNull();
  });

  it('splits a snippet by its highlight ranges', () => {
    expect(highlightParts('我们今天晚上吃火锅', [[2, 6]])).toEqual([
      { text: '我们', isMatch: false },
      { text: '今天晚上', isMatch: true },
      { text: '吃火锅', isMatch: false },
    ]);
    expect(
      highlightParts('abc', [
        [0, 1],
        [0, 2],
        [5, 9],
      ]),
    ).toEqual([
      { text: 'a', isMatch: true },
      { text: 'b', isMatch: true },
      { text: 'c', isMatch: false },
    ]);
  });
});
