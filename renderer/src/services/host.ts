/**
 * Host requests the main process answers (save dialog, saving text, opening media in another program). A page
 * without a desktop (the browser tests) may leave some out; then the action reports it is unavailable.
 */
import type { HostRequestName, HostRequests } from '../../../electron/ipc/contract';
import { LocketRequestError } from './locket';

export function hostAvailable(name: HostRequestName): boolean {
  return typeof window.locket?.[name] === 'function';
}

export async function hostRequest<K extends HostRequestName>(
  name: K,
  args: HostRequests[K]['args'],
): Promise<HostRequests[K]['result'] | null> {
  if (!hostAvailable(name)) return null;
  const call = window.locket[name] as unknown as (
    args: HostRequests[K]['args'],
  ) => Promise<
    | { ok: true; value: HostRequests[K]['result'] }
    | { ok: false; error: ConstructorParameters<typeof LocketRequestError>[0] }
  >;
  const outcome = await call(args);
  if (!outcome.ok) throw new LocketRequestError(outcome.error);
  return outcome.value;
}

/** Asks where to save, then writes the text there; false when the person cancelled or the host cannot. */
export async function saveTextAs(
  purpose: HostRequests['dialog.pickSavePath']['args']['purpose'],
  suggestedName: string,
  text: string,
): Promise<boolean> {
  const picked = await hostRequest('dialog.pickSavePath', { purpose, suggestedName });
  if (!picked?.path) return false;
  const saved = await hostRequest('file.saveText', { path: picked.path, text });
  return saved?.saved === true;
}

export async function pickSavePath(
  purpose: HostRequests['dialog.pickSavePath']['args']['purpose'],
  suggestedName: string,
): Promise<string | null> {
  return (await hostRequest('dialog.pickSavePath', { purpose, suggestedName }))?.path ?? null;
}

/** Shows a finished export in the system's file manager; false when it is gone or the host cannot. */
export async function showInFolder(path: string): Promise<boolean> {
  return (await hostRequest('file.showInFolder', { path }))?.shown === true;
}

/** Saves a copy of stored media where the person chooses (main's save dialog); false when they cancelled. */
export async function saveMediaCopy(mediaId: string, fileName?: string | null): Promise<boolean> {
  return (await hostRequest('media.saveCopy', { mediaId, fileName: fileName ?? null }))?.saved === true;
}

export async function openExternally(mediaId: string, fileName?: string | null): Promise<boolean> {
  return (await hostRequest('media.openExternally', { mediaId, fileName: fileName ?? null }))?.opened === true;
}

/** Tells the desktop a new recovery code is on screen (or no longer is): its idle lock then waits longer. */
export async function holdIdleLock(isHeld: boolean): Promise<void> {
  await hostRequest('idleLock.hold', { isHeld });
}
