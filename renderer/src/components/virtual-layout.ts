/**
 * The arithmetic behind VirtualList, kept free of the DOM so it can be tested on its own: where each row starts
 * given the heights measured so far (estimates for the rest), which rows a viewport shows, and where to scroll so a
 * row stays put when rows above it change.
 */

export interface Layout {
  /** offsets[i] is where row i starts; offsets[n] is the total height. */
  readonly offsets: Float64Array;
  readonly total: number;
  readonly count: number;
}

export interface Anchor {
  key: string;
  /** How far the viewport's top is below the row's top (negative when the row starts below it). */
  delta: number;
}

export function computeLayout(
  keys: readonly string[],
  heights: ReadonlyMap<string, number>,
  estimate: (index: number) => number,
): Layout {
  const offsets = new Float64Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) offsets[i + 1] = offsets[i]! + (heights.get(keys[i]!) ?? estimate(i));
  return { offsets, total: offsets[keys.length]!, count: keys.length };
}

/** The row that contains `y` (clamped to the rows there are); -1 when there are none. */
export function indexAt(layout: Layout, y: number): number {
  if (layout.count === 0) return -1;
  let low = 0;
  let high = layout.count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (layout.offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Rows to render, [start, end): those in the viewport plus `overscan` pixels either side. */
export function visibleRange(
  layout: Layout,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): { start: number; end: number } {
  if (layout.count === 0) return { start: 0, end: 0 };
  const start = indexAt(layout, Math.max(0, scrollTop - overscan));
  const last = indexAt(layout, scrollTop + viewportHeight + overscan);
  return { start, end: Math.min(layout.count, last + 1) };
}

/** The first row in view and the viewport's offset into it. */
export function anchorAt(layout: Layout, keys: readonly string[], scrollTop: number): Anchor | null {
  const index = indexAt(layout, scrollTop);
  if (index < 0) return null;
  return { key: keys[index]!, delta: scrollTop - layout.offsets[index]! };
}

/**
 * A few rows in view, as anchors: several, because the first may not survive the next change (a "loading" row
 * replaced when the page it announced arrives); the first that still exists is used. Rows already measured come
 * first: an estimated row changes height when it is measured, and rows between it and what the person is looking
 * at would then move.
 */
export function anchorsAt(
  layout: Layout,
  keys: readonly string[],
  scrollTop: number,
  viewportHeight: number,
  isMeasured: (key: string) => boolean = () => true,
  max = 3,
): Anchor[] {
  const measured: Anchor[] = [];
  const estimated: Anchor[] = [];
  for (let i = Math.max(0, indexAt(layout, scrollTop)); i < layout.count; i++) {
    if (i > 0 && layout.offsets[i]! >= scrollTop + viewportHeight) break;
    const anchor = { key: keys[i]!, delta: scrollTop - layout.offsets[i]! };
    (isMeasured(anchor.key) ? measured : estimated).push(anchor);
    if (measured.length >= max) break;
  }
  return [...measured, ...estimated].slice(0, max);
}

/** Where the viewport must be for `anchor`'s row to sit where it was; null when the row is gone. */
export function scrollTopForAnchor(layout: Layout, indexOfKey: number, anchor: Anchor): number | null {
  if (indexOfKey < 0 || indexOfKey >= layout.count) return null;
  return layout.offsets[indexOfKey]! + anchor.delta;
}

export function maxScrollTop(layout: Layout, viewportHeight: number): number {
  return Math.max(0, layout.total - viewportHeight);
}

/** The scroll position that shows row `index` at the top, centre or bottom of the viewport, within bounds. */
export function scrollTopToReveal(
  layout: Layout,
  index: number,
  viewportHeight: number,
  align: 'start' | 'center' | 'end',
): number {
  if (index < 0 || index >= layout.count) return 0;
  const top = layout.offsets[index]!;
  const height = layout.offsets[index + 1]! - top;
  const wanted =
    align === 'start' ? top : align === 'end' ? top + height - viewportHeight : top + height / 2 - viewportHeight / 2;
  return Math.min(maxScrollTop(layout, viewportHeight), Math.max(0, wanted));
}
