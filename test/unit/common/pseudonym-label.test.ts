import { describe, expect, it } from 'vitest';
import { REDACTION_MASKS, pseudonymLabel } from '../../../electron/common/pseudonym-label';

// The redactor (electron/core/evidence) and the export dialog both use these; the export browser test checks a real bag says them.
describe('pseudonym labels', () => {
  it('count A to Z, then AA, like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map((i) => pseudonymLabel(i))).toEqual([
      'Participant A',
      'Participant B',
      'Participant Z',
      'Participant AA',
      'Participant AB',
      'Participant ZZ',
      'Participant AAA',
    ]);
  });

  it("speak the bag's language, with the same letters", () => {
    expect([0, 26].map((i) => pseudonymLabel(i, 'zh-CN'))).toEqual(['参与者 A', '参与者 AA']);
    expect(REDACTION_MASKS['zh-CN']).toEqual({ phone: '[电话号码]', wechatId: '[微信号]' });
    expect(REDACTION_MASKS.en).toEqual({ phone: '[phone]', wechatId: '[WeChat ID]' });
  });
});
