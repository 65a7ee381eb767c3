/**
 * The preload: builds window.locket from the contract's request lists (vault and host) and nothing else. It is the only file
 * that touches ipcRenderer, and it imports no runtime dependency because a sandboxed preload cannot load one.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { BridgeEvents, BridgeFiles, BridgeRequests, LocketBridge } from '../ipc/bridge';
import { eventNames, hostRequestNames, requestNames } from '../ipc/channels';
import type { EventName, Events } from '../ipc/contract';

// Same name as EVENT_CHANNEL in electron/main/bind-ipc.ts; not imported, so no main code is bundled here.
const EVENT_CHANNEL = 'locket:event';

interface EventMessage {
  event: EventName;
  payload: Events[EventName];
}

const requests = Object.fromEntries(
  [...requestNames, ...hostRequestNames].map((name: string) => [
    name,
    (args: unknown) => ipcRenderer.invoke(name, args),
  ]),
) as BridgeRequests;

const events: BridgeEvents = {
  on(event, listener) {
    if (!eventNames.includes(event)) throw new TypeError(`Locket has no event named ${String(event)}.`);
    // The page gets the payload only, never Electron's event object (which would hand it ipcRenderer).
    const relay = (_ipcEvent: unknown, message: EventMessage) => {
      if (message.event === event) listener(message.payload as Events[typeof event]);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

const files: BridgeFiles = {
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

const bridge: LocketBridge = { ...requests, ...events, ...files };

contextBridge.exposeInMainWorld('locket', bridge);
