import { useId } from 'react';
import type { MessageStats } from '../../../../electron/ipc/contract';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { fitText, niceTicks, textColumns } from './chart-scale';
import { useElementWidth } from './useElementWidth';
import { FiguresTable } from './FiguresTable';

const ROW = 30;
const BAR = 18;
const TOP = 26;
const BOTTOM = 8;
const COLUMN_PX = 7;
/** Room kept right of the longest bar for its figure ("12,345 · 34%"). */
const VALUE_ROOM = 104;

export interface PersonRow {
  key: string;
  name: string;
  messages: number;
  tone: 'self' | 'person' | 'rest';
}

/** The rows of the per-person chart: the top senders, then everyone else summed, then system notices. */
export function personRows(stats: MessageStats, t: Translator): PersonRow[] {
  return [
    ...stats.senders.map((s): PersonRow => ({
      key: s.username,
      name: s.isSelf ? t.t('stats.me', { name: s.displayName }) : s.displayName,
      messages: s.messages,
      tone: s.isSelf ? 'self' : 'person',
    })),
    ...(stats.others.people > 0
      ? [
          {
            key: '\u0000others',
            name: t.plural('stats.others', stats.others.people),
            messages: stats.others.messages,
            tone: 'rest' as const,
          },
        ]
      : []),
    ...(stats.withoutSender > 0
      ? [{ key: '\u0000system', name: t.t('stats.noSender'), messages: stats.withoutSender, tone: 'rest' as const }]
      : []),
  ];
}

/** Messages per person as horizontal bars, most first, each with its count and share of the whole. */
export function PersonBarChart({ rows, total }: { rows: PersonRow[]; total: number }) {
  const t = useI18n();
  const titleId = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const nameColumns = Math.min(22, Math.max(6, ...rows.map((r) => textColumns(r.name))));
  const left = 12 + COLUMN_PX * nameColumns;
  const max = Math.max(0, ...rows.map((r) => r.messages));
  const ticks = niceTicks(max, 3);
  const top = ticks[ticks.length - 1]!;
  const plotWidth = Math.max(0, width - left - VALUE_ROOM);
  const height = TOP + rows.length * ROW + BOTTOM;
  const x = (value: number) => left + (value / top) * plotWidth;

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="visually-hidden">
        {t.t('stats.chartPersonLabel')}
      </figcaption>
      <div ref={ref} className="chart-canvas">
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-labelledby={titleId} className="chart-svg">
            {ticks.map((value) => (
              <g key={value}>
                <line
                  x1={x(value)}
                  x2={x(value)}
                  y1={TOP - 6}
                  y2={height - BOTTOM}
                  className={value === 0 ? 'chart-baseline' : 'chart-grid'}
                />
                <text x={x(value)} y={TOP - 12} textAnchor="middle" className="chart-tick">
                  {t.format.number(value)}
                </text>
              </g>
            ))}
            {rows.map((row, index) => {
              const rowY = TOP + index * ROW;
              const share = total > 0 ? t.format.percent(row.messages / total) : '';
              const label = t.t('stats.personBar', { name: row.name, messages: row.messages, share });
              const end = x(row.messages);
              return (
                <g key={row.key} className={`chart-person is-${row.tone}`}>
                  <title>{label}</title>
                  <text x={left - 10} y={rowY + ROW / 2} dy="0.32em" textAnchor="end" className="chart-name">
                    {fitText(row.name, nameColumns)}
                  </text>
                  <rect
                    x={left}
                    y={rowY + (ROW - BAR) / 2}
                    width={Math.max(2, end - left)}
                    height={BAR}
                    rx={3}
                    className="chart-bar"
                  />
                  <text x={Math.max(end, left + 2) + 8} y={rowY + ROW / 2} dy="0.32em" className="chart-value">
                    {t.format.number(row.messages)}
                    <tspan className="chart-share">{share && ` · ${share}`}</tspan>
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <FiguresTable
        labelHeading={t.t('stats.axisPerson')}
        figures={rows.map((row) => ({ key: row.key, label: row.name, messages: row.messages }))}
      />
    </figure>
  );
}
