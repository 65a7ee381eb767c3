import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  anchorsAt,
  computeLayout,
  indexAt,
  maxScrollTop,
  scrollTopForAnchor,
  scrollTopToReveal,
  visibleRange,
} from './virtual-layout';

const keys = ['a', 'b', 'c', 'd', 'e'];
const estimate = () => 100;

describe('virtual list layout', () => {
  it('places rows by measured heights, estimating the rest', () => {
    const layout = computeLayout(
      keys,
      new Map([
        ['b', 40],
        ['d', 250],
      ]),
      estimate,
    );
    expect(Array.from(layout.offsets)).toEqual([0, 100, 140, 240, 490, 590]);
    expect(layout.total).toBe(590);
  });

  it('finds the row at a position, clamped to the rows there are', () => {
    const layout = computeLayout(keys, new Map(), estimate);
    expect(indexAt(layout, 0)).toBe(0);
    expect(indexAt(layout, 99.9)).toBe(0);
    expect(indexAt(layout, 100)).toBe(1);
    expect(indexAt(layout, 10_000)).toBe(4);
    expect(indexAt(layout, -5)).toBe(0);
    expect(indexAt(computeLayout([], new Map(), estimate), 0)).toBe(-1);
  });

  it('renders only the rows in view plus the overscan', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `m${i}`);
    const layout = computeLayout(many, new Map(), () => 50);
    expect(visibleRange(layout, 500_000, 800, 200)).toEqual({ start: 9996, end: 10_021 });
    expect(visibleRange(layout, 0, 800, 200)).toEqual({ start: 0, end: 21 });
  });

  it('keeps the first visible row in place when rows are added above it', () => {
    const before = computeLayout(keys, new Map(), estimate);
    const anchor = anchorAt(before, keys, 230);
    expect(anchor).toEqual({ key: 'c', delta: 30 });
    const prepended = ['y', 'z', ...keys];
    const after = computeLayout(prepended, new Map([['y', 60]]), estimate);
    expect(scrollTopForAnchor(after, prepended.indexOf('c'), anchor!)).toBe(60 + 100 + 200 + 30);
  });

  it('keeps the row in place when a row above it is measured taller than estimated', () => {
    const before = computeLayout(keys, new Map(), estimate);
    const anchor = anchorAt(before, keys, 310)!;
    const after = computeLayout(keys, new Map([['a', 180]]), estimate);
    expect(scrollTopForAnchor(after, keys.indexOf(anchor.key), anchor)).toBe(390);
    expect(scrollTopForAnchor(after, -1, anchor)).toBeNull();
  });

  it('offers the next rows in view as anchors when the first one goes away', () => {
    // A "loading" row at the top is replaced when the older page arrives; the first message keeps its place.
    const before = ['edge-1', 'm1', 'm2', 'm3'];
    const layoutBefore = computeLayout(before, new Map(), () => 100);
    const anchors = anchorsAt(layoutBefore, before, 0, 250);
    expect(anchors.map((a) => a.key)).toEqual(['edge-1', 'm1', 'm2']);
    const after = ['edge-0', 'o1', 'o2', 'm1', 'm2', 'm3'];
    const layoutAfter = computeLayout(after, new Map(), () => 100);
    const kept = anchors.find((a) => after.includes(a.key))!;
    expect(kept.key).toBe('m1');
    expect(scrollTopForAnchor(layoutAfter, after.indexOf(kept.key), kept)).toBe(200);
    expect(anchorsAt(layoutBefore, before, 0, 50).map((a) => a.key)).toEqual(['edge-1']);
  });

  it('prefers measured rows as anchors, since estimated ones will still change height', () => {
    const rows = ['o1', 'o2', 'o3', 'm1', 'm2'];
    const layout = computeLayout(
      rows,
      new Map([
        ['m1', 50],
        ['m2', 50],
      ]),
      () => 60,
    );
    const anchors = anchorsAt(layout, rows, 100, 300, (key) => key.startsWith('m'));
    expect(anchors.map((a) => a.key)).toEqual(['m1', 'm2', 'o2']);
    expect(anchors[0]).toEqual({ key: 'm1', delta: 100 - 180 });
    // When o2 and o3 are measured smaller, m1 stays where it was on screen.
    const measured = computeLayout(
      rows,
      new Map([
        ['o2', 40],
        ['o3', 40],
        ['m1', 50],
        ['m2', 50],
      ]),
      () => 60,
    );
    expect(scrollTopForAnchor(measured, 3, anchors[0]!)! - measured.offsets[3]!).toBe(100 - 180);
  });

  it('reveals a row at the start, centre or end, within the scrollable range', () => {
    const layout = computeLayout(keys, new Map(), estimate);
    expect(maxScrollTop(layout, 200)).toBe(300);
    expect(scrollTopToReveal(layout, 2, 200, 'start')).toBe(200);
    expect(scrollTopToReveal(layout, 2, 200, 'center')).toBe(150);
    expect(scrollTopToReveal(layout, 2, 200, 'end')).toBe(100);
    expect(scrollTopToReveal(layout, 4, 200, 'start')).toBe(300);
    expect(scrollTopToReveal(layout, 0, 200, 'end')).toBe(0);
  });
});
