import type { LocketBridge } from '../../electron/ipc/bridge';

declare global {
  interface Window {
    /** Set by the preload (electron/preload/index.ts). Only renderer/src/services/ may use it. */
    readonly locket: LocketBridge;
  }
}
