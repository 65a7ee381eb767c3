import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';
import { createWindow, secureWebPreferences } from '../../electron/main/create-window';
import { hardenSession, hardenWebContents } from '../../electron/main/security';

const electron = vi.hoisted(() => {
  const constructed: unknown[] = [];
  class FakeBrowserWindow {
    static fromWebContents = () => null;
    readonly loadFile = vi.fn(async () => undefined);
    readonly once = vi.fn();
    readonly on = vi.fn();
    constructor(options: unknown) {
      constructed.push(options);
    }
  }
  return {
    constructed,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })) },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, dialog: electron.dialog, shell: electron.shell }));

type OpenHandler = (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse;

function fakeWebContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler(handler: OpenHandler) {
      openHandler = handler;
    },
  });
  hardenWebContents(contents as unknown as WebContents);
  const navigationEvent = (url: string) => ({ url, preventDefault: vi.fn() });
  return {
    emit: (name: string, ...args: unknown[]) => emitter.emit(name, ...args),
    navigationEvent,
    open: (url: string) => {
      if (!openHandler) throw new Error('no window-open handler was set');
      return openHandler({ url });
    },
  };
}

/** Waits for the confirmation dialog's promise chain to finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.clearAllMocks();
  electron.constructed.length = 0;
});

describe('hardenWebContents', () => {
  it('prevents every navigation away from the app page', () => {
    const contents = fakeWebContents();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const event = contents.navigationEvent(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    const redirect = contents.navigationEvent('https://example.com/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window', () => {
    const contents = fakeWebContents();
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.open('about:blank')).toEqual({ action: 'deny' });
  });

  it('opens a web link in the browser only after the user confirms', async () => {
    const contents = fakeWebContents();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    contents.open('https://example.com/cancelled');
    await settle();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();

    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    contents.open('https://example.com/confirmed');
    await settle();
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/confirmed');
  });

  it('never offers to open a link that is not http(s)', async () => {
    const contents = fakeWebContents();
    contents.open('file:///etc/passwd');
    contents.emit('will-navigate', contents.navigationEvent('smb://server/share'));
    await settle();
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const contents = fakeWebContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type HeadersListener = (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
  ) => void;
  type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

  function fakeSession() {
    const set: {
      request?: RequestHandler;
      check?: () => boolean;
      device?: () => boolean;
      headers?: HeadersListener;
      beforeRequest?: { filter: { urls: string[] }; listener: BeforeRequestListener };
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => (set.request = handler),
      setPermissionCheckHandler: (handler: () => boolean) => (set.check = handler),
      setDevicePermissionHandler: (handler: () => boolean) => (set.device = handler),
      webRequest: {
        onHeadersReceived: (listener: HeadersListener) => (set.headers = listener),
        onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequestListener) =>
          (set.beforeRequest = { filter, listener }),
      },
    };
    hardenSession(session as unknown as Session);
    return set;
  }

  it('denies every permission request and every permission check', () => {
    const set = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      set.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(set.check?.()).toBe(false);
    expect(set.device?.()).toBe(false);
  });

  it('sets the strict CSP on every response, replacing any the response brought', () => {
    const set = fakeSession();
    const callback = vi.fn();
    set.headers?.(
      {
        url: 'file:///app/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'x-other': ['kept'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'x-other': ['kept'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('cancels every request to the network', () => {
    const set = fakeSession();
    expect(set.beforeRequest?.filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    set.beforeRequest?.listener({ url: 'https://tracker.example/pixel.gif' }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
  });
});

describe('the app window', () => {
  it('isolates the page: context isolation and sandbox on, Node integration and <webview> off', () => {
    const window = createWindow({
      preloadFile: '/app/out/preload/index.js',
      rendererFile: '/app/out/renderer/index.html',
      isDev: false,
    });
    const options = electron.constructed[0] as BrowserWindowConstructorOptions;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(window.loadFile).toHaveBeenCalledExactlyOnceWith('/app/out/renderer/index.html');
  });

  it('keeps DevTools for development builds only', () => {
    expect(secureWebPreferences('/p.js', true).devTools).toBe(true);
    expect(secureWebPreferences('/p.js', false).devTools).toBe(false);
  });
});

describe('renderer/index.html', () => {
  it('carries the same CSP as the header (frame-ancestors is header-only)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ')
      .filter((part) => !part.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
  });
});
