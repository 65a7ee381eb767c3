import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { parseQuery } from './parse-query';
import { countSearch, runSearch } from './run-search';

function queryText(query: unknown): string {
  if (typeof query !== 'string')
    throw new LocketError('invalid-argument', 'A search needs its words (the query), as text.');
  return query;
}

export function searchHandlers(ctx: ServiceContext) {
  /**
   * Searches and counts running under a requestId: `search.cancel` aborts them when their query is replaced. A
   * search and the count of its later pages share an id (the count starts once the page is back).
   */
  const searching = new Map<string, AbortController>();
  const counting = new Map<string, AbortController>();
  /** Runs `work` with a signal `search.cancel` aborts, registered under the id (a newer one with the id replaces it). */
  const cancellable = async <T>(
    running: Map<string, AbortController>,
    requestId: string | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const controller = new AbortController();
    if (requestId !== undefined) {
      running.get(requestId)?.abort();
      running.set(requestId, controller);
    }
    try {
      return await work(controller.signal);
    } finally {
      if (requestId !== undefined && running.get(requestId) === controller) running.delete(requestId);
    }
  };
  return handlerGroup('search', {
    async 'search.query'(args) {
      const session = ctx.requireSession();
      const query = parseQuery(queryText(args.query), { timeZone: args.timeZone });
      const requestId = args.requestId;
      return cancellable(searching, requestId, (signal) =>
        runSearch(session, query, {
          conversationId: args.conversationId,
          limit: args.limit,
          cursor: args.cursor,
          count: args.count === true,
          signal,
          onResults:
            requestId === undefined ? undefined : (progress) => ctx.emit('search.results', { requestId, ...progress }),
        }),
      );
    },
    async 'search.count'(args) {
      const session = ctx.requireSession();
      const query = parseQuery(queryText(args.query), { timeZone: args.timeZone });
      return cancellable(counting, args.requestId, async (signal) => ({
        total: await countSearch(session, query, {
          conversationId: args.conversationId,
          cursor: args.cursor,
          signal,
        }),
      }));
    },
    async 'search.cancel'(args) {
      if (typeof args.requestId !== 'string')
        throw new LocketError('invalid-argument', 'Cancelling a search needs the id it was started with.');
      let cancelled = false;
      for (const running of [searching, counting]) {
        const controller = running.get(args.requestId);
        controller?.abort();
        running.delete(args.requestId);
        cancelled ||= controller !== undefined;
      }
      return { cancelled };
    },
  });
}
