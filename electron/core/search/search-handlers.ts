import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { parseQuery } from './parse-query';
import { runSearch } from './run-search';

export function searchHandlers(ctx: ServiceContext) {
  return handlerGroup('search', {
    async 'search.query'(args) {
      const session = ctx.requireSession();
      if (typeof args.query !== 'string')
        throw new LocketError('invalid-argument', 'A search needs its words (the query), as text.');
      const query = parseQuery(args.query, { timeZone: args.timeZone });
      const requestId = args.requestId;
      return runSearch(session, query, {
        conversationId: args.conversationId,
        limit: args.limit,
        cursor: args.cursor,
        onResults:
          requestId === undefined ? undefined : (progress) => ctx.emit('search.results', { requestId, ...progress }),
      });
    },
  });
}
