import { describe, expect, it } from 'vitest';
import { mergeByTime } from '../../../electron/core/importing/pc4/merge-by-time';

type Item = { chat: string; time: number };
const chat = (name: string, times: number[]): Iterator<Item> =>
  times.map((time) => ({ chat: name, time }))[Symbol.iterator]();

describe('mergeByTime', () => {
  it('yields every item of streams in time order, ties in stream order', () => {
    const merged = [
      ...mergeByTime([chat('a', [1, 4, 4, 9]), chat('b', []), chat('c', [2, 4, 10]), chat('d', [0])], (i) => i.time),
    ];
    expect(merged.map((i) => `${i.chat}${i.time}`)).toEqual(['d0', 'a1', 'c2', 'a4', 'a4', 'c4', 'a9', 'c10']);
  });

  it('merges many streams exactly', () => {
    const streams = Array.from({ length: 50 }, (_, s) =>
      Array.from({ length: 40 }, (_, k) => ({ chat: `s${s}`, time: (k * 50 + s * 7) % 997 })).sort(
        (x, y) => x.time - y.time,
      ),
    );
    const merged = [
      ...mergeByTime(
        streams.map((items) => items[Symbol.iterator]()),
        (i) => i.time,
      ),
    ];
    expect(merged).toHaveLength(2000);
    expect(merged.map((i) => i.time)).toEqual(
      streams
        .flat()
        .map((i) => i.time)
        .sort((x, y) => x - y),
    );
  });

  it('closes every stream when the merge stops early', () => {
    const closed: string[] = [];
    function* rows(name: string): Generator<Item> {
      try {
        for (let time = 0; time < 10; time++) yield { chat: name, time };
      } finally {
        closed.push(name);
      }
    }
    for (const item of mergeByTime([rows('a'), rows('b')], (i) => i.time)) if (item.time === 3) break;
    expect(closed.sort()).toEqual(['a', 'b']);
  });
});
