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

/** Main → worker: the outcome of the host call with the same `callId` (below). */
export interface HostCallReply {
  type: 'host.reply';
  callId: number;
  outcome: Outcome<null>;
}

/**
 * Main → worker: stream a decrypted copy of a media item to `path` (LocketService.writeMediaCopy), for opening it in
 * another program or saving it where the person chose. Not a contract request: only main, which chose the path,
 * sends it; the renderer can never name where decrypted data is written. Answered by a WorkerReply with this `id`.
 */
export interface WriteMediaCopyRequest {
  type: 'media.writeCopy';
  id: number;
  mediaId: string;
  path: string;
}

export type ToWorker = WorkerRequest | WorkerShutdown | HostCallReply | WriteMediaCopyRequest;

/** What the worker asks main to print: `htmlPath` to `pdfPath`, both inside the export's `stagingDir`. */
export interface PrintPdfArgs {
  stagingDir: string;
  htmlPath: string;
  pdfPath: string;
}

/**
 * Worker → main: work only the main process can do, because it needs Electron (printing a transcript with
 * printToPDF). `callId` counts on the worker's side, separately from main's request ids, and pairs main's
 * HostCallReply with the call.
 */
export interface HostCall {
  type: 'host.call';
  callId: number;
  method: 'pdf.print';
  args: PrintPdfArgs;
}

/** Worker → main: the host call with this `callId` is no longer wanted (the export was cancelled). */
export interface HostCallCancel {
  type: 'host.cancel';
  callId: number;
}

/** What the worker answers a WriteMediaCopyRequest with: the bytes written. */
export interface MediaCopyWritten {
  byteSize: number;
}

/** Worker → main: the outcome of the call (or media copy) with the same `id`. */
export interface WorkerReply<K extends RequestName = RequestName> {
  id: number;
  outcome: Outcome<RequestResult<K> | MediaCopyWritten>;
}

/** Worker → main: an event the service emitted. */
export interface WorkerEvent<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

export type FromWorker = WorkerReply | WorkerEvent | HostCall | HostCallCancel;

export function isShutdown(message: unknown): message is WorkerShutdown {
  return typeof message === 'object' && message !== null && (message as Partial<WorkerShutdown>).type === 'shutdown';
}

export function isWriteMediaCopy(message: unknown): message is WriteMediaCopyRequest {
  const request = message as Partial<WriteMediaCopyRequest> | null;
  return (
    typeof request === 'object' &&
    request !== null &&
    request.type === 'media.writeCopy' &&
    Number.isSafeInteger(request.id)
  );
}

export function isReply(message: FromWorker): message is WorkerReply {
  return 'id' in message;
}

export function isHostCall(message: FromWorker): message is HostCall | HostCallCancel {
  return 'type' in message && (message.type === 'host.call' || message.type === 'host.cancel');
}

export function isHostCallReply(message: unknown): message is HostCallReply {
  const reply = message as Partial<HostCallReply> | null;
  return (
    typeof reply === 'object' &&
    reply !== null &&
    reply.type === 'host.reply' &&
    Number.isSafeInteger(reply.callId) &&
    typeof reply.outcome === 'object' &&
    reply.outcome !== null
  );
}
