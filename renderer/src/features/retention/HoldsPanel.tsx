import { useState } from 'react';
import type { Hold } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { ReleaseHoldDialog } from './ReleaseHoldDialog';
import { selectHoldCounts, selectHolds } from './retention-slice';
import { toSeconds } from './retention-time';
import './retention.css';

export function HoldsPanel() {
  const t = useI18n();
  const holds = useAppStore(selectHolds);
  const conversations = useAppStore(selectConversations);
  const counts = useAppStore(selectHoldCounts);
  const { openHold } = useAppStore((s) => s.retention);
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const nameOf = (id: number) => conversations?.find((c) => c.id === id)?.displayName ?? `#${id}`;
  return (
    <section className="panel retention-panel" aria-labelledby="retention-holds">
      <div className="panel-head">
        <h2 id="retention-holds">{t.t('retention.holds')}</h2>
        <button
          type="button"
          className="button is-small"
          onClick={() => openHold({ conversationIds: [], fromDay: '', toDay: '' })}
        >
          {t.t('retention.placeHold')}
        </button>
      </div>
      <p className="field-help">{t.t('retention.holdsHelp')}</p>
      {holds && holds.length === 0 && <p className="pane-empty">{t.t('retention.noHolds')}</p>}
      <ul className="hold-list">
        {holds?.map((h) => (
          <li key={h.id} className={`hold-row ${h.releasedAt !== null ? 'is-released' : ''}`} data-hold-id={h.id}>
            <div className="hold-main">
              <span className="hold-name">
                <Icon name="lock" size={14} />
                {h.name}
                {h.releasedAt !== null && <span className="badge">{t.t('retention.released')}</span>}
              </span>
              <span className="hold-reason">{h.reason}</span>
              <span className="hold-meta">
                {t.t('retention.holdBy', { by: h.placedBy, date: t.format.date(toSeconds(h.placedAt)) })}
                {' · '}
                {h.scope.conversationIds.length === 0
                  ? t.t('retention.allConversations')
                  : h.scope.conversationIds.map(nameOf).join(', ')}
                {' · '}
                {h.scope.from === null && h.scope.to === null
                  ? t.t('retention.allTime')
                  : t.t('retention.range', {
                      from: h.scope.from === null ? '…' : t.format.date(h.scope.from),
                      to: h.scope.to === null ? '…' : t.format.date(h.scope.to - 1),
                    })}
                {h.releasedAt !== null &&
                  ` · ${t.t('retention.releasedBy', { by: h.releasedBy ?? '', date: t.format.date(toSeconds(h.releasedAt)) })}`}
              </span>
              {h.releaseReason && (
                <span className="hold-reason is-release">
                  {t.t('retention.releaseReasonShown', { reason: h.releaseReason })}
                </span>
              )}
            </div>
            {h.releasedAt === null && (
              <span className="hold-release">
                {counts[h.id] !== undefined && (
                  <span className="hold-kept" data-testid="hold-kept">
                    {t.plural('retention.holdKeeps', counts[h.id]!)}
                  </span>
                )}
                <button type="button" className="button is-small" onClick={() => setReleasing(h)}>
                  {t.t('retention.release')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {releasing && (
        <ReleaseHoldDialog hold={releasing} keptMessages={counts[releasing.id]} onClose={() => setReleasing(null)} />
      )}
    </section>
  );
}
