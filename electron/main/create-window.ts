import { BrowserWindow, type WebPreferences } from 'electron';

export interface WindowOptions {
  preloadFile: string;
  rendererFile: string;
  /** Development builds keep DevTools; packaged builds cannot open them. */
  isDev: boolean;
}

/**
 * The renderer is a plain web page: no Node, its own JavaScript world, Chromium's sandbox, same-origin rules,
 * no <webview>. It reaches Locket only through the preload's window.locket.
 */
export function secureWebPreferences(preloadFile: string, isDev: boolean): WebPreferences {
  return { preload: preloadFile, ...lockedDownWebPreferences(isDev) };
}

/** The same lockdown without a preload, for windows that need no bridge (the hidden window printing PDFs). */
export function lockedDownWebPreferences(isDev: boolean): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium's spellchecker fetches dictionaries from the network on Windows and Linux.
    spellcheck: false,
    // A middle click must not open a link in a new window (the app refuses new windows anyway; belt and braces).
    disableBlinkFeatures: 'Auxclick',
    devTools: isDev,
  };
}

/** The app's one window, showing the built renderer file (never a URL: there is no server). */
export function createWindow({ preloadFile, rendererFile, isDev }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Locket',
    width: 1180,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#f6f5f2',
    webPreferences: secureWebPreferences(preloadFile, isDev),
  });
  // Shown once painted, so the window never flashes blank.
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererFile);
  return window;
}
