import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../../electron/ipc/contract';
import { startAppStore } from '../../store/app-store';
import { fakeClient, testStore } from '../../store/fake-client';
import { selectExportProgress, selectExportResult, suggestedExportName } from './export-slice';

const RESULT: ExportResult = { bags: [{ path: '/x/bag', identifier: 'id', messages: 3, files: 4, manifestSha256: 'h' }], pdf: 'not requested', messages: 3, mediaFiles: 1, missingMedia: 0, auditSequence: 9 };

describe('export slice', () => {
  it('runs with a request id, shows its own progress, and keeps the result', async () => {
    const client = fakeClient();
    client.handle('vault.status', () => ({ state: 'none' }) as never);
    let finish: () => void = () => undefined;
    client.handle('export.run', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return RESULT;
    });
    const store = testStore(client);
    startAppStore(store, client);
    store.getState().exporting.open(4);
    const running = store.getState().exporting.run({ conversationIds: [4], outputPath: '/x/bag' });
    const requestId = store.getState().exporting.requestId;
    expect((client.calls.find((c) => c.name === 'export.run')?.args as { requestId: string }).requestId).toBe(requestId);
    client.emit('export.progress', { requestId: 'other', phase: 'writing', messages: 99, total: 100, part: 1, bytes: 0 });
    expect(selectExportProgress(store.getState())).toBeNull();
    client.emit('export.progress', { requestId, phase: 'writing', messages: 1, total: 3, part: 1, bytes: 10 });
    expect(selectExportProgress(store.getState())?.messages).toBe(1);
    // The dialog stays open while the export runs.
    store.getState().exporting.close();
    expect(store.getState().exporting.conversationId).toBe(4);
    finish();
    await running;
    expect(selectExportResult(store.getState())?.bags[0]?.path).toBe('/x/bag');
  });

  it('suggests a safe name for the save dialog', () => {
    expect(suggestedExportName('A/B: "C"', new Date(2026, 10, 29), 'zip')).toBe('A B C 2026-11-29.zip');
    expect(suggestedExportName('相亲相爱一家人', new Date(2026, 0, 5), 'folder')).toBe('相亲相爱一家人 2026-01-05');
  });
});
