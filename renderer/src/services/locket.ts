/**
 * The only renderer file that touches window.locket. It turns the bridge's Outcome into a value, or throws a
 * LocketRequestError carrying the core's stable code, so components handle one kind of failure.
 */
import type { LocketBridge } from '../../../electron/ipc/bridge';
import type { ErrorCode, ErrorShape, EventName, Events, RequestArgs, RequestName, RequestResult } from '../../../electron/ipc/contract';

export class LocketRequestError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorShape['details'];

  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'LocketRequestError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

function bridge(): LocketBridge {
  if (!window.locket) throw new Error('window.locket is missing: the page was opened without Locket’s preload.');
  return window.locket;
}

export async function request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>> {
  const call = bridge()[name] as (args: RequestArgs<K>) => ReturnType<LocketBridge[K]>;
  const outcome = await call(args);
  if (!outcome.ok) throw new LocketRequestError(outcome.error);
  return outcome.value;
}

export function onLocketEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener);
}
