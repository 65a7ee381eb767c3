import { useId, useMemo } from 'react';
import type { MessageStats } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { monthLabelStep, niceTicks, parseMonthKey, textColumns } from './chart-scale';
import { monthLabels } from './month-labels';
import { useElementWidth } from './useElementWidth';
import { FiguresTable } from './FiguresTable';

const HEIGHT = 260;
const TOP = 24;
const RIGHT = 8;
const BOTTOM = 46;
/** Pixels per column of label text at the chart's 12 px font. */
const COLUMN_PX = 7;

/**
 * Messages per calendar month as vertical bars, empty months included, with round gridlines. Month names sit
 * under the bars when there is room, years under every January. The figures are also in a table for screen readers.
 */
export function MonthBarChart({ months }: { months: MessageStats['months'] }) {
  const t = useI18n();
  const titleId = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const labels = useMemo(() => monthLabels(t.locale), [t.locale]);
  const max = Math.max(0, ...months.map((m) => m.messages));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const left = 14 + COLUMN_PX * Math.max(...ticks.map((v) => textColumns(t.format.number(v))));
  const plotWidth = Math.max(0, width - left - RIGHT);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const band = months.length ? plotWidth / months.length : 0;
  const barWidth = Math.max(1, Math.min(48, band * (band > 6 ? 0.72 : 0.86)));
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const monthStep = monthLabelStep(
    band,
    COLUMN_PX * Math.max(...months.map((m) => textColumns(labels.short(m.month))), 3) + 6,
  );
  // Years: under every January and the first bar, thinned out when years are narrower than their label.
  const yearEvery = Math.max(1, Math.ceil((COLUMN_PX * 6) / Math.max(band * 12, 1)));
  // The first bar names its year too, unless a January follows too closely for both labels to fit.
  const firstJanuary = months.findIndex((m) => parseMonthKey(m.month).month === 1);
  const first = months[0];
  const last = months[months.length - 1];

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="visually-hidden">
        {first &&
          last &&
          t.t('stats.chartMonthLabel', { first: labels.long(first.month), last: labels.long(last.month) })}
      </figcaption>
      <div ref={ref} className="chart-canvas">
        {width > 0 && (
          <svg width={width} height={HEIGHT} role="img" aria-labelledby={titleId} className="chart-svg">
            <text x={left} y={12} className="chart-axis-title">
              {t.t('stats.axisMessages')}
            </text>
            {ticks.map((value) => (
              <g key={value}>
                <line
                  x1={left}
                  x2={width - RIGHT}
                  y1={y(value)}
                  y2={y(value)}
                  className={value === 0 ? 'chart-baseline' : 'chart-grid'}
                />
                <text x={left - 8} y={y(value)} dy="0.32em" textAnchor="end" className="chart-tick">
                  {t.format.number(value)}
                </text>
              </g>
            ))}
            {months.map((m, index) => {
              const x = left + index * band + (band - barWidth) / 2;
              const { year, month } = parseMonthKey(m.month);
              const showMonth = monthStep !== null && (month - 1) % monthStep === 0;
              const showYear =
                (month === 1 && year % yearEvery === 0) ||
                (index === 0 && (firstJanuary === -1 || firstJanuary * band >= COLUMN_PX * 6));
              const label = t.t('stats.monthBar', { month: labels.long(m.month), messages: m.messages });
              return (
                <g key={m.month} className="chart-bar-group">
                  <rect x={left + index * band} y={TOP} width={band} height={plotHeight} className="chart-hit">
                    <title>{label}</title>
                  </rect>
                  {m.messages > 0 && (
                    <rect
                      x={x}
                      y={y(m.messages)}
                      width={barWidth}
                      height={Math.max(1, TOP + plotHeight - y(m.messages))}
                      rx={Math.min(3, barWidth / 3)}
                      className="chart-bar"
                    >
                      <title>{label}</title>
                    </rect>
                  )}
                  {showMonth && (
                    <text
                      x={left + index * band + band / 2}
                      y={TOP + plotHeight + 16}
                      textAnchor="middle"
                      className="chart-tick"
                    >
                      {labels.short(m.month)}
                    </text>
                  )}
                  {showYear && (
                    <text
                      x={left + index * band + (monthStep === 1 ? band / 2 : 0)}
                      y={TOP + plotHeight + 34}
                      textAnchor={monthStep === 1 ? 'middle' : 'start'}
                      className="chart-year"
                    >
                      {labels.year(m.month)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <FiguresTable
        labelHeading={t.t('stats.axisMonth')}
        figures={months.map((m) => ({ key: m.month, label: labels.long(m.month), messages: m.messages }))}
      />
    </figure>
  );
}
