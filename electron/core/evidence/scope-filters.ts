import type { MessageView } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { ExportScope } from './export-request';

/** The scope's filters that the page readers do not apply themselves: kinds, senders and (for search results) dates. */
export function matchesFilters(scope: ExportScope, m: Pick<MessageView, 'kind' | 'sender' | 'time'>): boolean {
  if (scope.kinds.length && !scope.kinds.includes(m.kind)) return false;
  if (scope.senders.length && (m.sender === null || !scope.senders.includes(m.sender))) return false;
  if (scope.after !== null && m.time < scope.after) return false;
  if (scope.before !== null && m.time >= scope.before) return false;
  return true;
}

/** What a cancelled export says (the staging folder is removed, and nothing was moved into place). */
export const EXPORT_CANCELLED = 'The export was cancelled. Nothing was written.';

/** Checked between pages and before each step that writes: a cancelled export stops there. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new LocketError('cancelled', EXPORT_CANCELLED);
}
