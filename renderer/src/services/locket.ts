/**
 * The only renderer file that touches window.locket. It turns the bridge's Outcome into a value, or throws a
 * LocketRequestError carrying the core's stable code, so components handle one kind of failure.
 */
import type { LocketBridge } from '../../../electron/ipc/bridge';
import type {
  ErrorCode,
  ErrorShape,
  EventName,
  Events,
  RequestArgs,
  RequestName,
  RequestResult,
} from '../../../electron/ipc/contract';

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

/** What the store needs from Locket: the same two functions, so tests can hand the store a fake. */
export interface LocketClient {
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResult<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const locketClient: LocketClient = { request, on: onLocketEvent };

/** The error shape of anything a request threw: the core's own, or 'internal' for a failure outside it. */
export function errorShapeOf(error: unknown): ErrorShape {
  if (error instanceof LocketRequestError)
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  // A missing bridge or a broken IPC channel: nothing a person can act on beyond "try again", and no stack trace.
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
