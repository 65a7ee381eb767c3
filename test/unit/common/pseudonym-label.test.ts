import { describe, expect, it } from 'vitest';
import { pseudonymLabel } from '../../../electron/common/pseudonym-label';

// The redactor (electron/core/evidence) and the export dialog both use these; the export browser test checks a real bag says them.
describe('pseudonym labels', () => {
  it('count A to Z, then AA, like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(pseudonymLabel)).toEqual([
      'Participant A',
      'Participant B',
      'Participant Z',
      'Participant AA',
      'Participant AB',
      'Participant ZZ',
      'Participant AAA',
    ]);
  });
});
