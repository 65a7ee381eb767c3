import { useI18n } from '../../i18n/useI18n';

export interface Figure {
  key: string;
  label: string;
  messages: number;
}

/** A chart's figures as a table only screen readers see: the SVG above it is hidden from them. */
export function FiguresTable({ labelHeading, figures }: { labelHeading: string; figures: Figure[] }) {
  const t = useI18n();
  return (
    <table className="visually-hidden">
      <thead>
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col">{t.t('stats.axisMessages')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key}>
            <th scope="row">{f.label}</th>
            <td>{t.format.number(f.messages)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
