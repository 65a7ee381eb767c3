import type { BrowserContext } from 'playwright-core';
import { toErrorShape } from '../../../electron/core/errors';
import type { LocketService } from '../../../electron/core/service';
import { eventNames, hostRequestNames, isRequestName, requestNames } from '../../../electron/ipc/channels';
import type {
  EventName,
  Events,
  HostRequestName,
  HostRequests,
  Outcome,
  RequestName,
} from '../../../electron/ipc/contract';

/** How a Uint8Array crosses the binding (which carries JSON): as base64, turned back into bytes in the page. */
const BYTES_TAG = '__locketBytes';

export function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return { [BYTES_TAG]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
  return value;
}

/**
 * window.locket for a page without Electron's preload: the same shape as electron/preload/index.ts (one function
 * per request returning an Outcome, plus on()), built from the same request and event lists. Written as source
 * text so no test-runner transform ends up inside the page.
 */
export function bridgeInitScript(): string {
  return `(() => {
  const requestNames = ${JSON.stringify(requestNames)};
  const hostRequestNames = ${JSON.stringify(hostRequestNames)};
  const eventNames = ${JSON.stringify(eventNames)};
  const listeners = new Map();
  const decode = (value) => {
    if (Array.isArray(value)) return value.map(decode);
    if (value !== null && typeof value === 'object') {
      if (typeof value.${BYTES_TAG} === 'string') {
        const binary = atob(value.${BYTES_TAG});
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const bridge = {};
  for (const name of requestNames) bridge[name] = async (args) => decode(await window.__locketInvoke(name, args));
  for (const name of hostRequestNames) bridge[name] = async (args) => window.__locketHost(name, args);
  bridge.on = (event, listener) => {
    if (!eventNames.includes(event)) throw new TypeError('Locket has no event named ' + String(event) + '.');
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  Object.defineProperty(window, '__locketEmit', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); },
  });
  Object.defineProperty(window, 'locket', { value: Object.freeze(bridge), enumerable: true });
})();`;
}

export interface RecordedCall {
  name: string;
  args: unknown;
  ok: boolean;
}

export interface Gate {
  /** Requests of this name that are waiting at the gate. */
  waiting(): number;
  /** Lets them (and later ones) through. */
  release(): void;
}

/**
 * The harness's answers to host requests (main answers them in the app): no desktop here, so dialogs return what a
 * test queued (or "cancelled"), and nothing is opened or written.
 */
export interface HostAnswers {
  /** Paths the next folder pickers return, in order; an empty queue means the person cancelled. */
  folders: string[];
  /** Paths the next file pickers return, in order; an empty queue means the person cancelled. */
  files: string[];
  /** Paths the next save dialogs return, in order; an empty queue means the person cancelled. */
  savePaths: string[];
  /** What 'file.saveText' was asked to write (nothing is written here). */
  savedTexts: { path: string; text: string }[];
  /** Media 'media.openExternally' was asked to open (nothing is opened here; the answer is "opened"). */
  opened: { mediaId: string; fileName?: string | null }[];
  /** Paths 'file.showInFolder' was asked to show (nothing is shown here; the answer is "shown"). */
  shown: string[];
  /**
   * Media 'media.saveCopy' saved, each with the path its save dialog returned (the next of `savePaths`; none queued:
   * the person cancelled). Nothing is written here.
   */
  savedMedia: { mediaId: string; path: string }[];
}

export interface Bridge {
  /** Every request the page made, in order (for tests that check what the UI asked for). */
  calls: RecordedCall[];
  /** Every event sent to the page. */
  events: { event: EventName; payload: unknown }[];
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Holds every request of this name until released, so a test can look at the page while it waits. */
  hold(name: RequestName): Gate;
  /** Requests of this name the core is working on now. */
  inFlight(name: RequestName): number;
  host: HostAnswers;
}

/**
 * Connects a browser context to a real Locket service in this Node process: requests through exposeBinding
 * (errors become the same Outcome the vault worker sends), events pushed into every open page.
 */
export async function installBridge(context: BrowserContext, service: () => LocketService): Promise<Bridge> {
  const calls: RecordedCall[] = [];
  const events: Bridge['events'] = [];
  const gates = new Map<string, { opened: Promise<void>; open(): void; waiting: number }>();
  const running = new Map<string, number>();
  await context.exposeBinding(
    '__locketInvoke',
    async (_source, name: unknown, args: unknown): Promise<Outcome<unknown>> => {
      if (!isRequestName(name))
        return {
          ok: false,
          error: { code: 'invalid-argument', message: `Locket has no request named ${String(name)}.` },
        };
      running.set(name, (running.get(name) ?? 0) + 1);
      const gate = gates.get(name);
      if (gate) {
        gate.waiting++;
        await gate.opened;
        gate.waiting--;
      }
      try {
        const run = service()[name] as (args: unknown) => Promise<unknown>;
        const value = await run(args);
        calls.push({ name, args, ok: true });
        return { ok: true, value: encodeBytes(value) };
      } catch (error) {
        calls.push({ name, args, ok: false });
        return { ok: false, error: toErrorShape(error) };
      } finally {
        running.set(name, running.get(name)! - 1);
      }
    },
  );
  const host: HostAnswers = {
    folders: [],
    files: [],
    savePaths: [],
    savedTexts: [],
    opened: [],
    shown: [],
    savedMedia: [],
  };
  await context.exposeBinding(
    '__locketHost',
    async (_source, name: unknown, args: unknown): Promise<Outcome<unknown>> => {
      if (typeof name !== 'string' || !(hostRequestNames as string[]).includes(name)) {
        return {
          ok: false,
          error: { code: 'invalid-argument', message: `Locket has no host request named ${String(name)}.` },
        };
      }
      calls.push({ name, args, ok: true });
      const answers: { [K in HostRequestName]: () => HostRequests[K]['result'] | Promise<HostRequests[K]['result']> } =
        {
          'dialog.pickFolder': () => ({ path: host.folders.shift() ?? null }),
          'dialog.pickFile': () => ({ path: host.files.shift() ?? null }),
          'dialog.pickSavePath': () => ({ path: host.savePaths.shift() ?? null }),
          'media.openExternally': () => {
            host.opened.push(args as HostRequests['media.openExternally']['args']);
            return { opened: true };
          },
          'media.saveCopy': () => {
            const path = host.savePaths.shift();
            if (path === undefined) return { saved: false };
            host.savedMedia.push({ mediaId: (args as HostRequests['media.saveCopy']['args']).mediaId, path });
            return { saved: true };
          },
          'file.saveText': () => {
            host.savedTexts.push(args as HostRequests['file.saveText']['args']);
            return { saved: true };
          },
          'file.showInFolder': () => {
            host.shown.push((args as HostRequests['file.showInFolder']['args']).path);
            return { shown: true };
          },
          'idleLock.hold': () => ({ isHeld: (args as HostRequests['idleLock.hold']['args']).isHeld === true }),
        };
      return { ok: true, value: await answers[name as HostRequestName]() };
    },
  );
  await context.addInitScript({ content: bridgeInitScript() });
  return {
    calls,
    events,
    emit(event, payload) {
      events.push({ event, payload });
      const script = `window.__locketEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`;
      for (const page of context.pages()) page.evaluate(script).catch(() => undefined);
    },
    inFlight: (name) => running.get(name) ?? 0,
    host,
    hold(name) {
      let open: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      const gate = { opened, open, waiting: 0 };
      gates.set(name, gate);
      return {
        waiting: () => gate.waiting,
        release() {
          if (gates.get(name) === gate) gates.delete(name);
          gate.open();
        },
      };
    },
  };
}
