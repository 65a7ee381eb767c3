import { requestNames } from '../ipc/channels';
import type { LocketApi, RequestName } from '../ipc/contract';
import { LocketError } from './errors';

/** What comes before the dot of a request name: `holds` for `holds.place`. */
export type RequestPrefix = RequestName extends `${infer P}.${string}` ? P : never;

/** The contract's requests of one prefix: `RequestOfPrefix<'holds'>` is `holds.list | holds.place | holds.release`. */
export type RequestOfPrefix<P extends RequestPrefix> = Extract<RequestName, `${P}.${string}`>;

/**
 * The handlers of every request of one prefix, in the folder of that domain. The type takes exactly the requests
 * of the prefix: a handler for another prefix's request (`media.get` in a `conversations` group) or a missing one
 * fails the type check, and `combineHandlers` checks the same again at run time.
 */
export interface HandlerGroup<P extends RequestPrefix> {
  readonly prefix: P;
  readonly handlers: { readonly [K in RequestOfPrefix<P>]: LocketApi[K] };
}

/** A group of any one prefix (a union, so each group still carries its own prefix's requests). */
export type AnyHandlerGroup = { [P in RequestPrefix]: HandlerGroup<P> }[RequestPrefix];

/** Declares one prefix's group; the prefix given here decides which requests the handlers may answer. */
export function handlerGroup<P extends RequestPrefix>(
  prefix: P,
  handlers: { [K in RequestOfPrefix<P>]: LocketApi[K] },
): HandlerGroup<P> {
  return { prefix, handlers };
}

/** The prefix of a request name. */
export function prefixOf(name: string): string {
  return name.slice(0, name.indexOf('.'));
}

/**
 * A request's arguments come from another process (or a compromised page) unchecked: a handler is always given an
 * object, `{}` for none, so reading a field never throws a TypeError; anything else is refused. Each handler checks
 * the fields it reads.
 */
function argumentsObject(name: RequestName, args: unknown): object {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args))
    throw new LocketError('invalid-argument', `The arguments of ${name} must be an object.`);
  // Structured clone keeps an array's gaps, and `every` passes over them: a list with gaps would slip past the
  // handlers' checks as if its missing items were fine.
  if (hasGaps(args, 0)) throw new LocketError('invalid-argument', `A list in the arguments of ${name} has gaps.`);
  return args;
}

function hasGaps(value: unknown, depth: number): boolean {
  if (depth > 4 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || hasGaps(value[i], depth + 1)) return true;
    return false;
  }
  return Object.values(value).some((item) => hasGaps(item, depth + 1));
}

/**
 * Joins the handler groups of every domain into one service. Refuses two groups for one prefix, two handlers for one
 * request, a handler outside its group's prefix and a request without a handler, so the contract and the core
 * cannot drift apart.
 */
export function combineHandlers(groups: readonly AnyHandlerGroup[]): LocketApi {
  const combined: Partial<Record<RequestName, unknown>> = {};
  const prefixes = new Set<string>();
  for (const { prefix, handlers } of groups) {
    if (prefixes.has(prefix)) throw new Error(`two handler groups for ${prefix}.*`);
    prefixes.add(prefix);
    for (const [name, handler] of Object.entries(handlers) as [RequestName, unknown][]) {
      if (prefixOf(name) !== prefix) throw new Error(`${name} is not a ${prefix}.* request`);
      if (combined[name]) throw new Error(`two handlers for ${name}`);
      const run = handler as (args: object) => Promise<unknown>;
      combined[name] = async (args: unknown) => run(argumentsObject(name, args));
    }
  }
  const missing = requestNames.filter((name) => !combined[name]);
  if (missing.length) throw new Error(`no handler for ${missing.join(', ')}`);
  return combined as LocketApi;
}
