import { requestNames } from '../ipc/channels';
import type { LocketApi, RequestName } from '../ipc/contract';

export type HandlerGroup = Partial<LocketApi>;

/**
 * Joins the handler groups of every domain into one service. Refuses two handlers for one request and a
 * request without a handler, so the contract and the core cannot drift apart.
 */
export function combineHandlers(groups: readonly HandlerGroup[]): LocketApi {
  const combined: Partial<Record<RequestName, unknown>> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group) as [RequestName, unknown][]) {
      if (combined[name]) throw new Error(`two handlers for ${name}`);
      combined[name] = handler;
    }
  }
  const missing = requestNames.filter((name) => !combined[name]);
  if (missing.length) throw new Error(`no handler for ${missing.join(', ')}`);
  return combined as LocketApi;
}
