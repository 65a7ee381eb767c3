import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { selectTimeZone } from '../settings/settings-slice';
import { zoneName } from '../../../../electron/common/time-zone-names';
import { MonthBarChart } from './MonthBarChart';
import { PersonBarChart, personRows } from './PersonBarChart';
import { selectStats, selectStatsError, selectStatsLoading, selectStatsScope } from './stats-slice';
import './stats.css';

/** Messages per month and per person, for the whole vault or one conversation, counted by the core. */
export function StatsScreen() {
  const t = useI18n();
  const scope = useAppStore(selectStatsScope);
  const stats = useAppStore(selectStats);
  const isLoading = useAppStore(selectStatsLoading);
  const error = useAppStore(selectStatsError);
  const timeZone = useAppStore(selectTimeZone);
  const conversations = useAppStore(selectConversations);
  const { load, setScope } = useAppStore((s) => s.stats);

  // Counted again whenever the scope or the zone changes: months are calendar months in that zone.
  useEffect(() => {
    void load();
  }, [load, scope, timeZone]);

  return (
    <div className="page stats-page">
      <header className="page-header stats-header">
        <div>
          <h1>{t.t('stats.title')}</h1>
          {stats && stats.total > 0 && stats.firstTime !== null && stats.lastTime !== null && (
            <p data-testid="stats-summary">
              {t.t('stats.summary', {
                messages: stats.total,
                from: t.format.date(stats.firstTime),
                to: t.format.date(stats.lastTime),
              })}
            </p>
          )}
        </div>
        <label className="stats-scope">
          <span>{t.t('stats.scope')}</span>
          <select
            className="input is-select"
            name="stats-scope"
            value={scope ?? ''}
            onChange={(event) => setScope(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">{t.t('stats.wholeVault')}</option>
            {(conversations ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </label>
      </header>

      {error && <ErrorNotice error={error} />}
      {isLoading && (
        <p className="field-help" aria-busy="true">
          {t.t('common.loading')}
        </p>
      )}
      {stats && stats.total === 0 && <p className="stats-empty">{t.t('stats.empty')}</p>}
      {stats && stats.total > 0 && (
        <>
          <section className="panel stats-panel" aria-labelledby="stats-per-month" data-testid="stats-months">
            <div className="stats-panel-header">
              <h2 id="stats-per-month">{t.t('stats.perMonth')}</h2>
              <span className="field-help">
                {t.t('stats.monthsInZone', { zone: zoneName(stats.timeZone, t.locale) })}
              </span>
            </div>
            <MonthBarChart months={stats.months} />
          </section>
          <section className="panel stats-panel" aria-labelledby="stats-per-person" data-testid="stats-people">
            <div className="stats-panel-header">
              <h2 id="stats-per-person">{t.t('stats.perPerson')}</h2>
            </div>
            <PersonBarChart rows={personRows(stats, t)} total={stats.total} />
          </section>
        </>
      )}
    </div>
  );
}
