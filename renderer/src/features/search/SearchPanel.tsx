import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKind, SearchHit } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DateInput } from '../../components/DateInput';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { MessageContextMenu, type MessageMenuTarget } from '../archive/MessageContextMenu';
import { EmoticonText } from '../archive/messages/EmoticonText';
import { useMessageMenuActions } from '../archive/useMessageMenuActions';
import { highlightParts, readFilter, writeFilter, type FilterKey } from './query-language';
import {
  selectSearchActive,
  selectSearchAtLeast,
  selectSearchBusy,
  selectSearchCounting,
  selectSearchError,
  selectSearchHasMore,
  selectSearchIsCurrent,
  selectSearchQuery,
  selectSearchRequestId,
  selectSearchResults,
  selectSearchShards,
  selectSearchTotal,
} from './search-slice';
import './search.css';

/** Waits this long after the last keystroke before searching. */
const TYPING_PAUSE_MS = 250;
const KIND_CHOICES: MessageKind[] = ['text', 'image', 'voice', 'video', 'file', 'link', 'location', 'transfer'];
const HAS_CHOICES = ['image', 'file', 'link', 'voice', 'video'] as const;

/**
 * Search across the whole vault (Ctrl/Cmd+F): the query box, chips that write the query language, results streamed
 * newest first with the matches marked, and the keyboard: ↑/↓ move, Enter opens, Esc closes.
 */
export function SearchPanel() {
  const t = useI18n();
  const query = useAppStore(selectSearchQuery);
  const results = useAppStore(selectSearchResults);
  const total = useAppStore(selectSearchTotal);
  const atLeast = useAppStore(selectSearchAtLeast);
  const isCounting = useAppStore(selectSearchCounting);
  const isSearching = useAppStore(selectSearchBusy);
  const active = useAppStore(selectSearchActive);
  const error = useAppStore(selectSearchError);
  const shards = useAppStore(selectSearchShards);
  const hasMore = useAppStore(selectSearchHasMore);
  const requestId = useAppStore(selectSearchRequestId);
  const isCurrent = useAppStore(selectSearchIsCurrent);
  const { close, setQuery, run, moveActive, setActive, openResult, loadMore } = useAppStore((s) => s.search);
  const list = useRef<HTMLUListElement>(null);
  // Right-click on a result: copy it, show it in its chat, open or save its file.
  const [menu, setMenu] = useState<(MessageMenuTarget & { index: number }) | null>(null);
  const common = useMessageMenuActions();
  const closeMenu = useCallback(() => setMenu(null), []);

  useEffect(() => {
    const timer = window.setTimeout(() => void run(), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [query, run]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveActive(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Results of the query before the last keystroke are not what Enter means: search now, open when they come.
      if (isCurrent) void openResult(active);
      else void run().then(() => openResult(0));
    }
  };

  const status = statusText(t, {
    query,
    total,
    atLeast,
    isCounting,
    isSearching,
    shards,
    hasResults: results.length > 0,
    requestId,
  });

  return (
    <Overlay title={t.t('search.title')} isTitleHidden onClose={close} className="search-panel">
      <div className="search-box">
        <Icon name="search" size={18} />
        <input
          type="search"
          className="search-input"
          name="search-query"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t.t('search.placeholder')}
          aria-label={t.t('search.title')}
          aria-controls="search-results"
          aria-activedescendant={results.length > 0 ? `search-result-${active}` : undefined}
          spellCheck={false}
          autoComplete="off"
          data-autofocus
        />
      </div>
      <FilterChips query={query} onChange={setQuery} />
      <div className="search-status-row">
        <p className="search-status" aria-live="polite" data-testid="search-status">
          {status}
        </p>
        {isCurrent && !isSearching && total !== null && total > 0 && <HoldResultsButton />}
        {isCurrent && !isSearching && total !== null && total > 0 && <ExportResultsButton total={total} />}
      </div>
      {error && <ErrorNotice error={error} />}
      <ul
        ref={list}
        id="search-results"
        className={`search-results ${isCurrent ? '' : 'is-stale'}`}
        role="listbox"
        aria-label={t.t('search.results')}
        // Scrollable, so reachable by keyboard too (the arrows in the search box move through it as well).
        tabIndex={0}
        onContextMenu={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
          const index = Number(row?.dataset.index);
          const hit = results[index];
          if (!hit) return;
          event.preventDefault();
          setActive(index);
          setMenu({ message: hit.message, index, x: event.clientX, y: event.clientY });
        }}
      >
        {results.map((hit, index) => (
          <ResultRow
            key={hit.message.id}
            hit={hit}
            index={index}
            isActive={index === active}
            onHover={setActive}
            onOpen={(i) => void openResult(i)}
          />
        ))}
      </ul>
      {hasMore && !isSearching && (
        <button type="button" className="button is-small search-more" onClick={() => void loadMore()}>
          {t.t('search.more')}
        </button>
      )}
      <p className="search-keys">{t.t('search.keys')}</p>
      {menu && (
        <MessageContextMenu
          target={menu}
          actions={{ ...common, showInChat: () => void openResult(menu.index) }}
          onClose={closeMenu}
        />
      )}
    </Overlay>
  );
}

/**
 * Exports what the panel shows: the query its results answer, in the export dialog (the panel closes for it). Offered
 * once the total is known, which the dialog states.
 */
function ExportResultsButton({ total }: { total: number }) {
  const t = useI18n();
  const resultsQuery = useAppStore((s) => s.search.resultsQuery);
  const results = useAppStore(selectSearchResults);
  const close = useAppStore((s) => s.search.close);
  const openExport = useAppStore((s) => s.exporting.open);
  const exportResults = () => {
    const conversationIds = [...new Set(results.map((hit) => hit.message.conversationId))];
    close();
    openExport({ kind: 'search', query: resultsQuery, total, conversationIds });
  };
  return (
    <button type="button" className="button is-small search-export" onClick={exportResults}>
      {t.t('search.export')}
    </button>
  );
}

/** Places a hold on the chats the shown results come from (the panel closes for the hold dialog). */
function HoldResultsButton() {
  const t = useI18n();
  const results = useAppStore(selectSearchResults);
  const close = useAppStore((s) => s.search.close);
  const openHold = useAppStore((s) => s.retention.openHold);
  const holdResults = () => {
    const conversationIds = [...new Set(results.map((hit) => hit.message.conversationId))];
    close();
    openHold({ conversationIds, fromDay: '', toDay: '' });
  };
  return (
    <button type="button" className="button is-small search-hold" onClick={holdResults}>
      {t.t('retention.hold.openResults')}
    </button>
  );
}

function statusText(
  t: Translator,
  s: {
    query: string;
    total: number | null;
    atLeast: number;
    isCounting: boolean;
    isSearching: boolean;
    shards: { searched: number; count: number } | null;
    hasResults: boolean;
    requestId: string | null;
  },
): string {
  if (!s.query.trim()) return t.t('search.hint');
  if (s.isSearching)
    return s.shards
      ? t.t('search.searchingParts', { searched: s.shards.searched, count: s.shards.count, found: s.atLeast })
      : t.t('search.searching');
  if (!s.requestId) return '';
  if (!s.hasResults) return t.t('search.none');
  if (s.total !== null) return t.plural('search.total', s.total);
  // The page came first; the exact number follows when the count of the older shards ends.
  return t.t(s.isCounting ? 'search.counting' : 'search.atLeast', { count: s.atLeast });
}

function ResultRow({
  hit,
  index,
  isActive,
  onHover,
  onOpen,
}: {
  hit: SearchHit;
  index: number;
  isActive: boolean;
  onHover(index: number): void;
  onOpen(index: number): void;
}) {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const conversation = conversations?.find((c) => c.id === hit.message.conversationId);
  const sender = hit.message.isSelf
    ? t.t('search.me')
    : (hit.message.senderName ?? hit.message.sender ?? t.t('message.unknownSender'));
  return (
    <li
      id={`search-result-${index}`}
      data-index={index}
      data-time={hit.message.time}
      role="option"
      aria-selected={isActive}
      className={`search-result ${isActive ? 'is-active' : ''}`}
      onMouseMove={() => !isActive && onHover(index)}
      onClick={() => onOpen(index)}
    >
      <div className="search-result-top">
        <span className="search-result-chat">{conversation?.displayName ?? hit.message.conversation}</span>
        <time className="search-result-time">{t.format.dateTime(hit.message.time)}</time>
      </div>
      <p className="search-result-snippet">
        <span className="search-result-sender">{t.t('search.sender', { sender })}</span>
        {highlightParts(hit.snippet.text, hit.snippet.highlights).map((part, i) =>
          part.isMatch ? (
            <mark key={i}>{part.text}</mark>
          ) : (
            // WeChat's emoticons as emoji here too; one a highlight cuts through stays text.
            <span key={i}>
              <EmoticonText text={part.text} />
            </span>
          ),
        )}
      </p>
    </li>
  );
}

/** Chips for the common filters; each reads its value from the query and writes it back as `key:value`. */
function FilterChips({ query, onChange }: { query: string; onChange(query: string): void }) {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const set = (key: FilterKey, value: string) => onChange(writeFilter(query, key, value));
  const from = readFilter(query, 'from') ?? '';
  const [fromDraft, setFromDraft] = useState(from);
  // The query box may change `from:` too: the draft follows it (state adjusted while rendering, not in an effect).
  const [shownFrom, setShownFrom] = useState(from);
  if (shownFrom !== from) {
    setShownFrom(from);
    setFromDraft(from);
  }
  const chipClass = (key: FilterKey) => `search-chip ${readFilter(query, key) ? 'is-set' : ''}`;
  return (
    <div className="search-chips" role="group" aria-label={t.t('search.filters')}>
      <label className={chipClass('from')}>
        <span>{t.t('search.chip.from')}</span>
        <input
          value={fromDraft}
          onChange={(event) => setFromDraft(event.target.value)}
          onBlur={() => fromDraft !== from && set('from', fromDraft)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              set('from', fromDraft);
            }
          }}
          placeholder={t.t('search.chip.anyone')}
          size={9}
          name="search-from"
        />
      </label>
      <label className={chipClass('in')}>
        <span>{t.t('search.chip.in')}</span>
        <select
          value={readFilter(query, 'in') ?? ''}
          onChange={(event) => set('in', event.target.value)}
          name="search-in"
        >
          <option value="">{t.t('search.chip.anywhere')}</option>
          {conversations?.map((c) => (
            <option key={c.id} value={c.displayName}>
              {c.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className={chipClass('after')}>
        <span>{t.t('search.chip.after')}</span>
        <DateInput
          className="search-chip-date"
          value={dateValue(readFilter(query, 'after'))}
          onChange={(day) => set('after', day)}
          name="search-after"
        />
      </label>
      <label className={chipClass('before')}>
        <span>{t.t('search.chip.before')}</span>
        <DateInput
          className="search-chip-date"
          value={dateValue(readFilter(query, 'before'))}
          onChange={(day) => set('before', day)}
          name="search-before"
        />
      </label>
      <label className={chipClass('type')}>
        <span>{t.t('search.chip.type')}</span>
        <select
          value={readFilter(query, 'type') ?? ''}
          onChange={(event) => set('type', event.target.value)}
          name="search-type"
        >
          <option value="">{t.t('search.chip.anyKind')}</option>
          {KIND_CHOICES.map((kind) => (
            <option key={kind} value={kind}>
              {t.t(`kind.${kind}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className={chipClass('has')}>
        <span>{t.t('search.chip.has')}</span>
        <select
          value={readFilter(query, 'has') ?? ''}
          onChange={(event) => set('has', event.target.value)}
          name="search-has"
        >
          <option value="">{t.t('search.chip.anything')}</option>
          {HAS_CHOICES.map((kind) => (
            <option key={kind} value={kind}>
              {t.t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A date input shows only full days; a month or year typed in the query leaves it empty. */
function dateValue(value: string | null): string {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}
