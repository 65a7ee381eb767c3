import type { ErrorShape, SearchCursor, SearchHit, SearchResultsEvent } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import { selectTimeZone } from '../settings/settings-slice';

/** Results per page: a few screens of the panel. */
export const SEARCH_PAGE_SIZE = 50;

declare module '../../store/state' {
  interface AppState {
    search: SearchSlice;
  }
}

export interface SearchSlice extends VaultBoundSlice {
  isOpen: boolean;
  query: string;
  /** The id of the search whose results are shown; events for any other are dropped. */
  requestId: string | null;
  /** Newest first. */
  results: SearchHit[];
  /** The query the results answer; while it differs from `query`, Enter waits for the new results. */
  resultsQuery: string;
  /** Matches in all, once known: the last page says it, else a count after the first page does. */
  total: number | null;
  /** A lower bound while the total is not known: the results found so far (and one more when a next page exists). */
  atLeast: number;
  /** The exact total is being counted (after the first page is shown); a new query cancels it. */
  isCounting: boolean;
  isSearching: boolean;
  isLoadingMore: boolean;
  next: SearchCursor | null;
  /** Shards searched so far of the vault's total, while results stream in. */
  shards: { searched: number; count: number } | null;
  activeIndex: number;
  error: ErrorShape | null;
  open(): void;
  close(): void;
  setQuery(query: string): void;
  /** Searches for the current query; results also arrive as 'search.results' events. */
  run(): Promise<void>;
  loadMore(): Promise<void>;
  handleResults(event: SearchResultsEvent): void;
  moveActive(delta: number): void;
  setActive(index: number): void;
  /** Closes the panel and shows the result at its place in its chat. */
  openResult(index: number): Promise<void>;
}

let nextRequest = 1;

const cleared = {
  requestId: null,
  results: [] as SearchHit[],
  resultsQuery: '',
  total: null,
  atLeast: 0,
  isCounting: false,
  isSearching: false,
  isLoadingMore: false,
  next: null,
  shards: null,
  activeIndex: 0,
  error: null,
};

export function createSearchSlice(ctx: SliceContext): SearchSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<SearchSlice>) => patchSlice(ctx, 'search', p);
  const current = () => ctx.get().search;
  let inFlight: { query: string; done: Promise<void> } | null = null;

  /**
   * Stops the search or count of the results shown, if one runs: it works for a query no longer asked (a rare phrase
   * reads every shard, seconds in a large vault, and the next query would wait behind it).
   */
  function cancelRunning(): void {
    const { requestId, isCounting, isSearching } = current();
    if (requestId && (isCounting || isSearching))
      void client.request('search.cancel', { requestId }).catch(() => undefined);
  }

  /**
   * Counts the matches after the first page, once it is shown: counting decrypts every older shard, which a cold
   * vault takes seconds for, and the page should not wait for it.
   */
  async function count(query: string, requestId: string, cursor: SearchCursor, timeZone: string | undefined) {
    patch({ isCounting: true });
    try {
      const { total } = await client.request('search.count', { query, cursor, requestId, timeZone });
      if (current().requestId === requestId) patch({ total, isCounting: false });
    } catch {
      // Cancelled, or the vault locked: the "at least" stays, which is still true.
      if (current().requestId === requestId) patch({ isCounting: false });
    }
  }

  async function search(query: string): Promise<void> {
    cancelRunning();
    if (!query) {
      patch({ ...cleared });
      return;
    }
    const requestId = `search-${nextRequest++}`;
    patch({ ...cleared, requestId, resultsQuery: query, isSearching: true });
    // Dates in the query (after:2024-03-01) are days in the zone the app shows times in.
    const timeZone = selectTimeZone(ctx.get());
    try {
      const page = await client.request('search.query', { query, requestId, limit: SEARCH_PAGE_SIZE, timeZone });
      if (current().requestId !== requestId) return;
      // The page is the final word: the streamed results were the same hits, shard by shard.
      patch({
        results: page.results,
        total: page.total,
        atLeast: page.atLeast,
        next: page.next,
        isSearching: false,
        shards: null,
      });
      if (page.total === null && page.next) void count(query, requestId, page.next, timeZone);
    } catch (error) {
      if (current().requestId === requestId) patch({ isSearching: false, shards: null, error: errorShapeOf(error) });
    }
  }

  return {
    isOpen: false,
    query: '',
    ...cleared,

    open() {
      patch({ isOpen: true });
    },

    close() {
      patch({ isOpen: false });
    },

    setQuery(query) {
      patch({ query });
    },

    run() {
      const query = current().query.trim();
      // The same query again (Enter before the typing pause ended, then the pause): one search, not two.
      if (inFlight && inFlight.query === query && current().resultsQuery === query) return inFlight.done;
      inFlight = { query, done: search(query) };
      return inFlight.done;
    },

    async loadMore() {
      const { next, requestId, isLoadingMore, isSearching } = current();
      const query = current().query.trim();
      if (!next || isLoadingMore || isSearching || !requestId) return;
      patch({ isLoadingMore: true });
      const timeZone = selectTimeZone(ctx.get());
      try {
        const page = await client.request('search.query', { query, cursor: next, limit: SEARCH_PAGE_SIZE, timeZone });
        if (current().requestId !== requestId) return;
        patch({
          results: [...current().results, ...page.results],
          // A count still running will say the total; the last page knows it already.
          total: current().total ?? page.total,
          atLeast: Math.max(current().atLeast, page.atLeast),
          next: page.next,
          isLoadingMore: false,
        });
      } catch (error) {
        if (current().requestId === requestId) patch({ isLoadingMore: false, error: errorShapeOf(error) });
      }
    },

    handleResults(event) {
      const state = current();
      if (event.requestId !== state.requestId || !state.isSearching) return;
      patch({
        results: [...state.results, ...event.results].slice(0, SEARCH_PAGE_SIZE),
        atLeast: event.found,
        shards: { searched: event.shardsSearched, count: event.shardCount },
      });
    },

    moveActive(delta) {
      const { results, activeIndex } = current();
      if (results.length === 0) return;
      patch({ activeIndex: Math.min(results.length - 1, Math.max(0, activeIndex + delta)) });
    },

    setActive(index) {
      patch({ activeIndex: index });
    },

    async openResult(index) {
      const hit = current().results[index];
      if (!hit || current().resultsQuery !== current().query.trim()) return;
      patch({ isOpen: false, activeIndex: index });
      ctx.get().navigation.go('archive');
      await ctx.get().archive.openAtMessage(hit.message.conversationId, hit.message.id, hit.message.time);
    },

    resetOnLock() {
      // requestId back to null: results and pages still on their way are dropped when they arrive.
      patch({ isOpen: false, query: '', ...cleared });
    },
  };
}

export const selectSearchOpen = (state: AppState) => state.search.isOpen;
export const selectSearchQuery = (state: AppState) => state.search.query;
export const selectSearchResults = (state: AppState) => state.search.results;
export const selectSearchTotal = (state: AppState) => state.search.total;
export const selectSearchAtLeast = (state: AppState) => state.search.atLeast;
export const selectSearchCounting = (state: AppState) => state.search.isCounting;
export const selectSearchBusy = (state: AppState) => state.search.isSearching;
export const selectSearchActive = (state: AppState) => state.search.activeIndex;
export const selectSearchError = (state: AppState) => state.search.error;
export const selectSearchShards = (state: AppState) => state.search.shards;
export const selectSearchHasMore = (state: AppState) => state.search.next !== null;
/** The results shown answer the query in the box (not one typed before it). */
export const selectSearchIsCurrent = (state: AppState) => state.search.resultsQuery === state.search.query.trim();
export const selectSearchRequestId = (state: AppState) => state.search.requestId;
