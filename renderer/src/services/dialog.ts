/**
 * Native dialogs, answered by the main process ('dialog.pickFolder', 'dialog.pickFile': host requests in the
 * contract). A page without a desktop behind it (the browser tests) may leave host requests out; the Browse buttons
 * are then disabled and the person types or pastes the path.
 */
import type { HostRequests } from '../../../electron/ipc/contract';
import { LocketRequestError } from './locket';

export type FolderPurpose = HostRequests['dialog.pickFolder']['args']['purpose'];
export type FilePurpose = HostRequests['dialog.pickFile']['args']['purpose'];

export interface PathPicker {
  isAvailable(): boolean;
  /** The chosen folder's absolute path, or null when the person cancelled. */
  pickFolder(purpose: FolderPurpose): Promise<string | null>;
  /** The chosen file's absolute path, or null when the person cancelled. */
  pickFile(purpose: FilePurpose): Promise<string | null>;
}

export const pathPicker: PathPicker = {
  isAvailable() {
    return typeof window.locket?.['dialog.pickFolder'] === 'function';
  },
  async pickFolder(purpose) {
    if (!this.isAvailable()) return null;
    const outcome = await window.locket['dialog.pickFolder']({ purpose });
    if (!outcome.ok) throw new LocketRequestError(outcome.error);
    return outcome.value.path;
  },
  async pickFile(purpose) {
    if (typeof window.locket?.['dialog.pickFile'] !== 'function') return null;
    const outcome = await window.locket['dialog.pickFile']({ purpose });
    if (!outcome.ok) throw new LocketRequestError(outcome.error);
    return outcome.value.path;
  },
};
