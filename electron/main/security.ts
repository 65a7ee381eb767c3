import { BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** Locket never goes online; these are the schemes a page could use to try. */
const REMOTE_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Opens a web link in the user's browser, but only after they confirm: a message in an archive can hold any
 * link, and opening one leaves the offline app.
 */
export async function offerToOpenInBrowser(url: string, from: WebContents): Promise<boolean> {
  if (!isWebLink(url)) return false;
  const owner = BrowserWindow.fromWebContents(from);
  const options = {
    type: 'question' as const,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: 'Open this link in your web browser?',
    detail: `${url}\n\nLocket itself stays offline; the link opens in your browser.`,
  };
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url);
  return true;
}

/**
 * Applied to every web contents the app creates: the page may never navigate away from itself, open windows
 * or embed a <webview>. Web links are offered to the user's browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    void offerToOpenInBrowser(event.url, contents);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void offerToOpenInBrowser(url, contents);
    return { action: 'deny' };
  });
}

/** Applied to the app's session: no permission is ever granted, nothing remote is fetched, and the CSP is set. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URLS }, (_details, callback) => callback({ cancel: true }));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
