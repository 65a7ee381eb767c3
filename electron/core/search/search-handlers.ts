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
  /** Counts running under a requestId: `search.cancel` aborts one when the query it counted for is replaced. */
  const counting = new Map<string, AbortController>();
  return handlerGroup('search', {
    async 'search.query'(args) {
      const session = ctx.requireSession();
      const query = parseQuery(queryText(args.query), { timeZone: args.timeZone });
      const requestId = args.requestId;
      return runSearch(session, query, {
        conversationId: args.conversationId,
        limit: args.limit,
        cursor: args.cursor,
        count: args.count === true,
        onResults:
          requestId === undefined ? undefined : (progress) => ctx.emit('search.results', { requestId, ...progress }),
      });
    },
    async 'search.count'(args) {
      const session = ctx.requireSession();
      const query = parseQuery(queryText(args.query), { timeZone: args.timeZone });
      const controller = new AbortController();
      const requestId = args.requestId;
      if (requestId !== undefined) {
        counting.get(requestId)?.abort();
        counting.set(requestId, controller);
      }
      try {
        const total = await countSearch(session, query, {
          conversationId: args.conversationId,
          cursor: args.cursor,
          signal: controller.signal,
        });
        return { total };
      } finally {
        if (requestId !== undefined && counting.get(requestId) === controller) counting.delete(requestId);
      }
    },
    async 'search.cancel'(args) {
      if (typeof args.requestId !== 'string')
        throw new LocketError('invalid-argument', 'Cancelling a count needs the id it was started with.');
      const controller = counting.get(args.requestId);
      controller?.abort();
      counting.delete(args.requestId);
      return { cancelled: controller !== undefined };
    },
  });
}
