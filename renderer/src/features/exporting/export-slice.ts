import type { ErrorShape, ExportArgs, ExportProgress, ExportResult } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext } from '../../store/app-store';

export interface ExportSlice {
  /** The conversation the export dialog is open for; null when closed. */
  conversationId: number | null;
  isRunning: boolean;
  requestId: string | null;
  progress: ExportProgress | null;
  result: ExportResult | null;
  error: ErrorShape | null;
  open(conversationId: number): void;
  close(): void;
  /** Runs the export to a path the person chose in the save dialog. */
  run(args: Omit<ExportArgs, 'requestId'>): Promise<ExportResult | null>;
  cancel(): Promise<void>;
  handleProgress(progress: ExportProgress): void;
}

let nextRequest = 1;

export function createExportSlice(ctx: SliceContext): ExportSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<ExportSlice>) => patchSlice(ctx, 'exporting', p);
  const current = () => ctx.get().exporting;
  return {
    conversationId: null,
    isRunning: false,
    requestId: null,
    progress: null,
    result: null,
    error: null,

    open(conversationId) {
      if (current().isRunning) return;
      patch({ conversationId, result: null, error: null, progress: null });
    },

    close() {
      if (current().isRunning) return;
      patch({ conversationId: null, result: null, error: null, progress: null });
    },

    async run(args) {
      const requestId = `export-${nextRequest++}`;
      patch({ isRunning: true, requestId, progress: null, result: null, error: null });
      try {
        const result = await client.request('export.run', { ...args, requestId });
        patch({ isRunning: false, result });
        return result;
      } catch (error) {
        patch({ isRunning: false, error: errorShapeOf(error) });
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

    handleProgress(progress) {
      if (current().isRunning && (progress.requestId === null || progress.requestId === current().requestId)) patch({ progress });
    },
  };
}

export const selectExportConversationId = (state: AppState) => state.exporting.conversationId;
export const selectExportRunning = (state: AppState) => state.exporting.isRunning;
export const selectExportProgress = (state: AppState) => state.exporting.progress;
export const selectExportResult = (state: AppState) => state.exporting.result;
export const selectExportError = (state: AppState) => state.exporting.error;

/** A file or folder name for the save dialog: the chat's name and today's date, without characters paths refuse. */
export function suggestedExportName(displayName: string, date: Date, format: 'folder' | 'zip'): string {
  const printable = Array.from(displayName, (ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'chat';
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${safe} ${day}${format === 'zip' ? '.zip' : ''}`;
}
