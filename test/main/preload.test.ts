import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocketBridge } from '../../electron/ipc/bridge';
import { hostRequestNames, requestNames } from '../../electron/ipc/channels';
import { EVENT_CHANNEL } from '../../electron/main/bind-ipc';

const electron = await vi.hoisted(async () => {
  // vi.mock factories run before the imports above, so the fake builds its EventEmitter here.
  const { EventEmitter } = await import('node:events');
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: Object.assign(new EventEmitter(), {
      invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
    }),
    webUtils: {
      getPathForFile: (file: { name?: string }) => {
        if (!file.name) throw new TypeError('not a File');
        return `/dropped/${file.name}`;
      },
    },
  };
});

// bind-ipc (imported for EVENT_CHANNEL) imports ipcMain; the preload imports contextBridge and ipcRenderer.
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
  ipcMain: {},
}));

let locket: LocketBridge;
beforeAll(async () => {
  await import('../../electron/preload/index');
  locket = electron.exposed.get('locket') as LocketBridge;
});

describe('the preload', () => {
  it('exposes window.locket and nothing else: one function per request, plus on() and pathForFile()', () => {
    expect([...electron.exposed.keys()]).toEqual(['locket']);
    expect(Object.keys(locket).sort()).toEqual([...requestNames, ...hostRequestNames, 'on', 'pathForFile'].sort());
    for (const value of Object.values(locket)) expect(typeof value).toBe('function');
  });

  it('sends each request on its own channel and hands back the Outcome', async () => {
    const args = { path: '/v.locket', passphrase: 'correct horse battery staple' };
    await expect(locket['vault.unlock'](args)).resolves.toEqual({ ok: true, value: { channel: 'vault.unlock', args } });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('vault.unlock', args);
  });

  it('delivers only the named event’s payload, never Electron’s event object, until unsubscribed', () => {
    const payloads: unknown[] = [];
    const stop = locket.on('vault.locked', (payload) => payloads.push(payload));
    const ipcEvent = { sender: electron.ipcRenderer };
    electron.ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, { event: 'vault.locked', payload: { reason: 'idle' } });
    electron.ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, { event: 'import.progress', payload: { done: 1 } });
    stop();
    electron.ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, { event: 'vault.locked', payload: { reason: 'user' } });
    expect(payloads).toEqual([{ reason: 'idle' }]);
    expect(electron.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    expect(() => locket.on('vault.exploded' as 'vault.locked', () => undefined)).toThrow(TypeError);
  });
});

const builtPreload = resolve(import.meta.dirname, '../../out/preload/index.js');
describe.skipIf(!existsSync(builtPreload))('the built preload (out/preload/index.js)', () => {
  it('requires nothing but electron, as a sandboxed preload must', () => {
    const required = [...readFileSync(builtPreload, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map(
      (match) => match[1],
    );
    expect(required).toEqual(['electron']);
  });

  it('gives the path of a dropped file, and an empty string for anything else', () => {
    expect(locket.pathForFile({ name: 'Backup' } as unknown as Blob)).toBe('/dropped/Backup');
    expect(locket.pathForFile(new Blob(['x']))).toBe('');
  });
});
