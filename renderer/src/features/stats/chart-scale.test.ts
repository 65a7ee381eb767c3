import { describe, expect, it } from 'vitest';
import { fitText, monthLabelStep, niceTicks, textColumns } from './chart-scale';

describe('chart scales', () => {
  it('picks round gridlines that reach the largest value', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(95)).toEqual([0, 50, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(100_000)).toEqual([0, 50_000, 100_000]);
  });

  it('measures and cuts names by the columns they take, Chinese counting double', () => {
    expect(textColumns('Lena')).toBe(4);
    expect(textColumns('老鲍')).toBe(4);
    expect(fitText('Alexandra Konstantinopoulou', 12)).toBe('Alexandra K…');
    expect(fitText('陈经理（采购部）张', 10)).toBe('陈经理（…');
    expect(fitText('短名', 10)).toBe('短名');
  });

  it('labels every month, every quarter or only years, as room allows', () => {
    expect(monthLabelStep(40, 30)).toBe(1);
    expect(monthLabelStep(12, 30)).toBe(3);
    expect(monthLabelStep(4, 30)).toBeNull();
  });
});
