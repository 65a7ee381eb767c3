/**
 * A LocketClient for unit tests: each request answers from a handler the test sets, events are pushed by hand, and
 * every call is recorded. Not used by the app.
 */
import type {
  EventName,
  Events,
  RequestArgs,
  RequestName,
  RequestResult,
  Settings,
  VaultStatus,
} from '../../../electron/ipc/contract';
import { LocketRequestError, type LocketClient } from '../services/locket';
import { memoryPreferences, type PreferenceStorage } from '../services/preferences';
import { createAppStore } from './app-store';
import type { AppStore } from './state';

type Handler<K extends RequestName> = (args: RequestArgs<K>) => RequestResult<K> | Promise<RequestResult<K>>;

export interface FakeClient extends LocketClient {
  calls: { name: RequestName; args: unknown }[];
  handle<K extends RequestName>(name: K, handler: Handler<K>): void;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export function fakeClient(): FakeClient {
  const handlers = new Map<RequestName, (args: unknown) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeClient['calls'] = [];
  return {
    calls,
    handle(name, handler) {
      handlers.set(name, handler as (args: unknown) => unknown);
    },
    async request(name, args) {
      calls.push({ name, args });
      const handler = handlers.get(name);
      if (!handler) throw new LocketRequestError({ code: 'internal', message: `no fake for ${name}` });
      return (await handler(args)) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

/** Fails a fake request the way the core does: a LocketRequestError with a stable code. */
export function locketError(code: LocketRequestError['code'], message: string = code): LocketRequestError {
  return new LocketRequestError({ code, message });
}

export function testStore(
  client: FakeClient,
  preferences: PreferenceStorage = memoryPreferences(),
  systemLanguages: readonly string[] = ['en-US'],
): AppStore {
  return createAppStore({ client, preferences, systemLanguages, systemPrefersDark: false });
}

/**
 * A vault status with the fields these tests care about. The contract's VaultStatus grows with other features;
 * the rest are left null so these tests do not have to change with it.
 */
export function vaultStatus(state: VaultStatus['state'], path: string | null): VaultStatus {
  const known: Partial<VaultStatus> = {
    state,
    path,
    vaultId: null,
    formatVersion: null,
    createdAt: null,
    kdf: null,
    counts: null,
    autoLockMinutes: null,
  };
  return known as VaultStatus;
}

/** Vault settings with the auto-lock time set; other settings at their defaults for these tests. */
export function vaultSettings(autoLockMinutes: number): Settings {
  return { autoLockMinutes } as Settings;
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
