import type {
  EventName,
  Events,
  HostRequestName,
  HostRequests,
  Outcome,
  RequestArgs,
  RequestName,
  RequestResult,
} from './contract';

/** A request as the page sees it: the contract's arguments in, the core's Outcome out (errors never throw). */
export type BridgeRequests = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<Outcome<RequestResult<K>>>;
} & {
  [K in HostRequestName]: (args: HostRequests[K]['args']) => Promise<Outcome<HostRequests[K]['result']>>;
};

export interface BridgeEvents {
  /** Calls `listener` for every `event` from the vault; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export interface BridgeFiles {
  /**
   * The absolute path of a file or folder dropped on the window (Electron's webUtils.getPathForFile; Electron 32
   * removed File.path). '' for anything that is not a dropped file.
   */
  pathForFile(file: Blob): string;
}

/** `window.locket`: computed from the contract, never written by hand. Types only. */
export type LocketBridge = BridgeRequests & BridgeEvents & BridgeFiles;
