import { ipcMain as electronIpcMain } from 'electron';
import { hostRequestNames, requestNames } from '../ipc/channels';
import type { HostRequestName, Outcome, RequestArgs, RequestName } from '../ipc/contract';
import type { VaultClient } from './vault-client';
import type { WorkerEvent } from '../worker/worker-protocol';

/** The channel every event travels on, as `{ event, payload }`. The preload listens on the same name. */
export const EVENT_CHANNEL = 'locket:event';

/** What bind-ipc needs from an IPC event: who sent it, and from which frame. */
export interface InvokeEventLike {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain used here, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, args: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of a BrowserWindow used here. */
export interface AppWindowLike {
  isDestroyed(): boolean;
  webContents: { send(channel: string, message: WorkerEvent): void };
}

export interface BindIpcOptions {
  /** Electron's ipcMain unless a test passes a fake. */
  ipcMain?: IpcMainLike;
  vault: Pick<VaultClient, 'invoke'>;
  /** The app's one window, or null while there is none. */
  getWindow: () => AppWindowLike | null;
  /** The file:// URL of the built renderer page; only its top frame may call. */
  appUrl: string;
  /** Answers the requests main handles itself (dialogs, opening files); none when a test leaves it out. */
  host?: {
    answer(name: HostRequestName, args: unknown): Promise<Outcome<unknown>>;
    /** Whether the person chose this path in a save or folder dialog. */
    isChosenPath(path: unknown): boolean;
  };
}

export interface IpcBinding {
  /** Sends a vault event to the app's window, if it is open. */
  sendEvent(message: WorkerEvent): void;
  unbind(): void;
}

function withoutFragment(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * A call is accepted only from the top frame of the app's own window showing the app's own page: not from
 * another window, an iframe, or a page the window was somehow navigated to.
 */
function isAppFrame(event: InvokeEventLike, window: AppWindowLike | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame) return false;
  if (event.sender !== window.webContents) return false;
  if (frame.parent) return false;
  return withoutFragment(frame.url) === withoutFragment(appUrl);
}

/**
 * The only place in the main process that touches ipcMain: one handler per request name in the contract,
 * each forwarding to the vault worker and handing back its Outcome unchanged, plus the host requests main answers.
 */
export function bindIpc({ ipcMain = electronIpcMain, vault, getWindow, appUrl, host }: BindIpcOptions): IpcBinding {
  for (const name of requestNames) {
    ipcMain.handle(name, async (event, args): Promise<Outcome<unknown>> => {
      // Refused calls reject instead of returning an Outcome: a foreign frame is not a client of the contract.
      if (!isAppFrame(event, getWindow(), appUrl))
        throw new Error(`Locket refused ${name} from a frame that is not its own window.`);
      // An export writes decrypted data: only to a place the person chose in main's own dialog.
      // The audit log's PDF too: it is printed beside, and renamed to, a path chosen in the save dialog.
      if (
        (name === 'export.run' || name === 'audit.exportPdf') &&
        host &&
        !host.isChosenPath((args as { outputPath?: unknown } | null)?.outputPath)
      ) {
        return {
          ok: false,
          error: { code: 'invalid-argument', message: 'Choose where to save the export with the Save dialog.' },
        };
      }
      // A backup writes (and removes files) only in a folder chosen in main's dialog, or, with no path, the last
      // backup's folder, which the vault itself recorded. A restore is the CLI's: the app never names its folder.
      const backupPath = (args as { path?: unknown } | null)?.path;
      if (
        host &&
        ((name === 'backup.run' && backupPath !== undefined && !host.isChosenPath(backupPath)) ||
          (name === 'backup.restore' && !host.isChosenPath(backupPath)))
      ) {
        return {
          ok: false,
          error: { code: 'invalid-argument', message: 'Choose the backup folder with the Browse button.' },
        };
      }
      // The args came through structured clone; the core validates their contents.
      return vault.invoke(name, args as RequestArgs<RequestName>);
    });
  }
  const hostNames = host ? hostRequestNames : [];
  for (const name of hostNames) {
    ipcMain.handle(name, async (event, args): Promise<Outcome<unknown>> => {
      if (!isAppFrame(event, getWindow(), appUrl))
        throw new Error(`Locket refused ${name} from a frame that is not its own window.`);
      return host!.answer(name, args);
    });
  }
  return {
    sendEvent(message) {
      const window = getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, message);
    },
    unbind() {
      for (const name of [...requestNames, ...hostNames]) ipcMain.removeHandler(name);
    },
  };
}
