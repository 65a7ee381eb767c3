import { describe, expect, it } from 'vitest';
import { extendSelection, startSelection, toggleMessage } from './message-selection';

describe('choosing messages', () => {
  it('toggles one message at a time and remembers it as the start of a range', () => {
    let s = startSelection(7);
    expect(s).toEqual({ conversationId: 7, ids: [], anchorId: null });
    s = toggleMessage(s, 3);
    s = toggleMessage(s, 5);
    expect(s.ids).toEqual([3, 5]);
    s = toggleMessage(s, 3);
    expect(s).toMatchObject({ ids: [5], anchorId: 3 });
  });

  it('adds a range from the anchor in either direction, keeping what was already chosen once', () => {
    const order = [10, 11, 12, 13, 14, 15];
    let s = toggleMessage(startSelection(1, 11), 14);
    expect(s.ids).toEqual([11, 14]);
    s = extendSelection(s, 12, order);
    expect(s.ids).toEqual([11, 14, 12, 13]);
    expect(extendSelection(startSelection(1, 15), 13, order).ids).toEqual([15, 13, 14]);
  });

  it('chooses just the message when the anchor is not loaded any more, and ignores a message that is not', () => {
    const s = startSelection(1, 99);
    expect(extendSelection(s, 12, [10, 11, 12]).ids).toEqual([99, 12]);
    expect(extendSelection(s, 50, [10, 11, 12])).toBe(s);
  });
});
