import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../../electron/cli/progress-bar';

describe('the CLI import progress line', () => {
  it('names the indexing phase and counts the messages indexed, with rate and time left', () => {
    expect(renderProgress({ phase: 'indexing', done: 500, total: 2000, rate: 250, secondsLeft: 6 })).toBe(
      'Building the search index [######------------------]  25% 500/2,000 messages · 250/s · 6s left',
    );
  });
});
