import type {
  ConversationParticipant,
  ErrorShape,
  ExportArgs,
  ExportProgress,
  ExportResult,
} from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';

/** What the export dialog was opened for: a whole chat, messages chosen in one, or a search's results. */
export type ExportTarget =
  | { kind: 'conversation'; conversationId: number }
  | { kind: 'messages'; conversationId: number; messageIds: number[] }
  /** `conversationIds`: the chats of the results shown, whose people the dialog offers to pseudonymize. */
  | { kind: 'search'; query: string; total: number; conversationIds: number[] };

declare module '../../store/state' {
  interface AppState {
    exporting: ExportSlice;
  }
}

export interface ExportSlice extends VaultBoundSlice {
  /** What the export dialog is open for; null when closed. */
  target: ExportTarget | null;
  /** The people of the target's conversations, for choosing whom to pseudonymize; null while they load. */
  participants: ConversationParticipant[] | null;
  isRunning: boolean;
  requestId: string | null;
  progress: ExportProgress | null;
  result: ExportResult | null;
  error: ErrorShape | null;
  open(target: ExportTarget): void;
  close(): void;
  /** Runs the export to a path the person chose in the save dialog. */
  run(args: Omit<ExportArgs, 'requestId'>): Promise<ExportResult | null>;
  cancel(): Promise<void>;
  handleProgress(progress: ExportProgress): void;
}

/** The dialog closed, before any vault is open and again once it locks: no target, no people's names. */
const initial = {
  target: null,
  participants: null,
  isRunning: false,
  requestId: null,
  progress: null,
  result: null,
  error: null,
} satisfies Partial<ExportSlice>;

let nextRequest = 1;

export function createExportSlice(ctx: SliceContext): ExportSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<ExportSlice>) => patchSlice(ctx, 'exporting', p);
  const current = () => ctx.get().exporting;
  return {
    ...initial,

    open(target) {
      if (current().isRunning) return;
      patch({ target, participants: null, result: null, error: null, progress: null });
      client
        .request('conversations.participants', { conversationIds: targetConversationIds(target) })
        // A dialog closed or reopened for something else meanwhile keeps its own list.
        .then((participants) => current().target === target && patch({ participants }))
        .catch(
          (error: unknown) => current().target === target && patch({ participants: [], error: errorShapeOf(error) }),
        );
    },

    close() {
      if (current().isRunning) return;
      patch({ target: null, participants: null, result: null, error: null, progress: null });
    },

    async run(args) {
      const requestId = `export-${nextRequest++}`;
      patch({ isRunning: true, requestId, progress: null, result: null, error: null });
      try {
        const result = await client.request('export.run', { ...args, requestId });
        // An answer after the vault locked (or after another export) belongs to no dialog any more.
        if (current().requestId === requestId) patch({ isRunning: false, result });
        return result;
      } catch (error) {
        if (current().requestId === requestId) patch({ isRunning: false, error: errorShapeOf(error) });
        return null;
      }
    },

    async cancel() {
      try {
        await client.request('export.cancel', undefined);
      } catch {
        // The export's own answer reports how it ended.
      }
    },

    resetOnLock() {
      // Even while an export runs: the vault it reads is gone, and its answer is dropped by run() above.
      patch({ ...initial });
    },

    handleProgress(progress) {
      if (current().isRunning && (progress.requestId === null || progress.requestId === current().requestId))
        patch({ progress });
    },
  };
}

export const selectExportTarget = (state: AppState) => state.exporting.target;
export const selectExportParticipants = (state: AppState) => state.exporting.participants;
export const selectExportRunning = (state: AppState) => state.exporting.isRunning;
export const selectExportProgress = (state: AppState) => state.exporting.progress;
export const selectExportResult = (state: AppState) => state.exporting.result;
export const selectExportError = (state: AppState) => state.exporting.error;

/** The conversations whose people may appear in the export: the chat, or the chats of the search results shown. */
export function targetConversationIds(target: ExportTarget): number[] {
  return target.kind === 'search' ? target.conversationIds : [target.conversationId];
}

/** The scope part of `export.run`'s arguments: a selection is exact, a search is its query. */
export function targetScope(target: ExportTarget): Pick<ExportArgs, 'conversationIds' | 'messageIds' | 'query'> {
  switch (target.kind) {
    case 'conversation':
      return { conversationIds: [target.conversationId] };
    case 'messages':
      return { conversationIds: [target.conversationId], messageIds: [...target.messageIds] };
    case 'search':
      return { query: target.query };
  }
}

/** A file or folder name for the save dialog: the chat's name and today's date, without characters paths refuse. */
export function suggestedExportName(displayName: string, date: Date, format: 'folder' | 'zip'): string {
  const printable = Array.from(displayName, (ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
  const safe =
    printable
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60) || 'chat';
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${safe} ${day}${format === 'zip' ? '.zip' : ''}`;
}
