import type { EventName, Events, Outcome, RequestArgs, RequestName, RequestResult } from '../ipc/contract';

/**
 * The postMessage protocol between the main process and the vault worker. Everything here is plain data
 * (structured-clone safe); errors travel as ErrorShape inside an Outcome, never as stack traces.
 */

/** Main → worker: call one service method. `id` pairs the reply with its call. */
export interface WorkerRequest<K extends RequestName = RequestName> {
  id: number;
  method: K;
  args: RequestArgs<K>;
}

/** Main → worker: lock the vault (keys wiped) and end the thread. */
export interface WorkerShutdown {
  type: 'shutdown';
}

export type ToWorker = WorkerRequest | WorkerShutdown;

/** Worker → main: the outcome of the call with the same `id`. */
export interface WorkerReply<K extends RequestName = RequestName> {
  id: number;
  outcome: Outcome<RequestResult<K>>;
}

/** Worker → main: an event the service emitted. */
export interface WorkerEvent<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

export type FromWorker = WorkerReply | WorkerEvent;

export function isShutdown(message: unknown): message is WorkerShutdown {
  return typeof message === 'object' && message !== null && (message as Partial<WorkerShutdown>).type === 'shutdown';
}

export function isReply(message: FromWorker): message is WorkerReply {
  return 'id' in message;
}
