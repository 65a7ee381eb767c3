import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../../electron/ipc/contract';
import { startAppStore } from '../../store/app-store';
import { fakeClient, settle, testStore } from '../../store/fake-client';
import {
  selectExportProgress,
  selectExportResult,
  suggestedExportName,
  targetConversationIds,
  targetScope,
} from './export-slice';

const RESULT: ExportResult = {
  bags: [{ path: '/x/bag', identifier: 'id', messages: 3, files: 4, manifestSha256: 'h' }],
  pdf: 'not requested',
  messages: 3,
  mediaFiles: 1,
  missingMedia: 0,
  auditSequence: 9,
};

describe('export slice', () => {
  it('runs with a request id, shows its own progress, and keeps the result', async () => {
    const client = fakeClient();
    client.handle('vault.status', () => ({ state: 'none' }) as never);
    client.handle('conversations.participants', () => [
      { username: 'wxid_lena', displayName: 'Lena', isOwner: false, messages: 3 },
    ]);
    let finish: () => void = () => undefined;
    client.handle('export.run', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return RESULT;
    });
    const store = testStore(client);
    startAppStore(store, client);
    store.getState().exporting.open({ kind: 'conversation', conversationId: 4 });
    await settle();
    expect(store.getState().exporting.participants?.map((p) => p.displayName)).toEqual(['Lena']);
    expect(client.calls.find((c) => c.name === 'conversations.participants')?.args).toEqual({ conversationIds: [4] });
    const running = store.getState().exporting.run({ conversationIds: [4], outputPath: '/x/bag' });
    const requestId = store.getState().exporting.requestId;
    expect((client.calls.find((c) => c.name === 'export.run')?.args as { requestId: string }).requestId).toBe(
      requestId,
    );
    client.emit('export.progress', {
      requestId: 'other',
      phase: 'writing',
      messages: 99,
      total: 100,
      part: 1,
      bytes: 0,
    });
    expect(selectExportProgress(store.getState())).toBeNull();
    client.emit('export.progress', { requestId, phase: 'writing', messages: 1, total: 3, part: 1, bytes: 10 });
    expect(selectExportProgress(store.getState())?.messages).toBe(1);
    // The dialog stays open while the export runs.
    store.getState().exporting.close();
    expect(store.getState().exporting.target).toEqual({ kind: 'conversation', conversationId: 4 });
    finish();
    await running;
    expect(selectExportResult(store.getState())?.bags[0]?.path).toBe('/x/bag');
  });

  it('forgets its target and the people in it when the vault locks, even mid-export, and drops the late answer', async () => {
    const client = fakeClient();
    client.handle('vault.status', () => ({ state: 'none' }) as never);
    client.handle('conversations.participants', () => [
      { username: 'wxid_lena', displayName: 'Lena', isOwner: false, messages: 3 },
    ]);
    let finish: () => void = () => undefined;
    client.handle('export.run', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return RESULT;
    });
    const store = testStore(client);
    startAppStore(store, client);
    store.getState().exporting.open({ kind: 'conversation', conversationId: 4 });
    await settle();
    const running = store.getState().exporting.run({ conversationIds: [4], outputPath: '/x/bag' });
    client.emit('vault.locked', { reason: 'idle' });
    expect(store.getState().exporting).toMatchObject({ target: null, participants: null, isRunning: false });
    finish();
    await running;
    expect(selectExportResult(store.getState())).toBeNull();
    expect(store.getState().exporting.isRunning).toBe(false);
  });

  it('turns each target into its scope: a chat, exactly the chosen messages, or the search query', () => {
    expect(targetScope({ kind: 'conversation', conversationId: 4 })).toEqual({ conversationIds: [4] });
    expect(targetScope({ kind: 'messages', conversationId: 4, messageIds: [9, 7] })).toEqual({
      conversationIds: [4],
      messageIds: [9, 7],
    });
    const search = { kind: 'search', query: '合同 from:Lena', total: 12, conversationIds: [4, 5] } as const;
    expect(targetScope({ ...search, conversationIds: [...search.conversationIds] })).toEqual({
      query: '合同 from:Lena',
    });
    expect(targetConversationIds({ ...search, conversationIds: [4, 5] })).toEqual([4, 5]);
  });

  it('suggests a safe name for the save dialog', () => {
    expect(suggestedExportName('A/B: "C"', new Date(2026, 10, 29), 'zip')).toBe('A B C 2026-11-29.zip');
    expect(suggestedExportName('相亲相爱一家人', new Date(2026, 0, 5), 'folder')).toBe('相亲相爱一家人 2026-01-05');
  });
});
