/**
 * Round gridline values for a chart whose largest bar is `max`: steps of 1, 2 or 5 times a power of ten, about
 * `count` of them, the last at or above `max`. Whole numbers only: these are message counts.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let value = 0; ticks.length === 0 || ticks[ticks.length - 1]! < max; value += step) ticks.push(value);
  return ticks;
}

/** Columns a text takes in the chart's font, roughly: CJK and emoji are about twice as wide as Latin letters. */
export function textColumns(text: string): number {
  let columns = 0;
  for (const c of text)
    columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]|\p{Extended_Pictographic}/u.test(c)
      ? 2
      : 1;
  return columns;
}

/** The text cut to at most `columns` (see textColumns), with an ellipsis when it was cut. */
export function fitText(text: string, columns: number): string {
  if (textColumns(text) <= columns) return text;
  let out = '';
  for (const c of text) {
    if (textColumns(`${out}${c}…`) > columns) break;
    out += c;
  }
  return `${out}…`;
}

/** "2024-03" → its year and month (1–12). */
export function parseMonthKey(key: string): { year: number; month: number } {
  const [year, month] = key.split('-').map(Number);
  return { year: year!, month: month! };
}

/**
 * Which month bars get a label under them: every month when there is room, else the first month of each quarter,
 * else none (the year row below still marks every January).
 */
export function monthLabelStep(bandWidth: number, labelWidth: number): 1 | 3 | null {
  if (bandWidth >= labelWidth) return 1;
  if (bandWidth * 3 >= labelWidth) return 3;
  return null;
}
