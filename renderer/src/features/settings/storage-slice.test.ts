import { describe, expect, it } from 'vitest';
import type { CompactReport, CompactStatus } from '../../../../electron/ipc/contract';
import { fakeClient, locketError, testStore } from '../../store/fake-client';
import { compactionRatio, selectIsOtherChangeRunning, selectStorage } from './storage-slice';

const OLD: CompactStatus = {
  files: 5,
  bytes: 4_000_000,
  uncompressedFiles: 5,
  uncompressedBytes: 4_000_000,
  outdatedFiles: 0,
  outdatedBytes: 0,
};
const DONE: CompactStatus = {
  files: 5,
  bytes: 500_000,
  uncompressedFiles: 0,
  uncompressedBytes: 0,
  outdatedFiles: 0,
  outdatedBytes: 0,
};
const REPORT: CompactReport = { shardsRewritten: 4, filesRewritten: 5, bytesBefore: 4_000_000, bytesAfter: 500_000 };

describe('storage slice', () => {
  it('compacts with its own progress, keeps the sizes before and after, and measures the vault again', async () => {
    const client = fakeClient();
    let status = OLD;
    client.handle('vault.compactStatus', () => status);
    client.handle('vault.compact', ({ requestId }) => {
      const progress = {
        phase: 'rewriting' as const,
        files: 2,
        totalFiles: 5,
        bytes: 1_000_000,
        totalBytes: 4_000_000,
      };
      store.getState().storage.handleProgress({ requestId: requestId!, ...progress });
      store.getState().storage.handleProgress({ requestId: 'someone else', ...progress, files: 4 });
      expect(selectStorage(store.getState())).toMatchObject({ isCompacting: true, progress: { files: 2 } });
      status = DONE;
      return REPORT;
    });
    const store = testStore(client);
    await store.getState().storage.load();
    expect(selectStorage(store.getState()).status).toEqual(OLD);
    await store.getState().storage.compact();
    expect(client.calls.find((c) => c.name === 'vault.compact')?.args).toEqual({ requestId: 'compact-1' });
    expect(selectStorage(store.getState())).toMatchObject({ isCompacting: false, result: REPORT, status: DONE });
    expect(compactionRatio(REPORT)).toBe(8);
    expect(compactionRatio({ ...REPORT, filesRewritten: 0 })).toBeNull();
    store.getState().storage.clearResult();
    expect(selectStorage(store.getState()).result).toBeNull();
  });

  it('keeps a cancel or a refusal as its error, and what is left to compact', async () => {
    const client = fakeClient();
    client.handle('vault.compactStatus', () => OLD);
    client.handle('vault.compact', () => Promise.reject(locketError('cancelled', 'Compacting was cancelled.')));
    client.handle('vault.cancelCompact', () => ({ cancelled: true }));
    const store = testStore(client);
    await store.getState().storage.compact();
    await store.getState().storage.cancel();
    expect(selectStorage(store.getState())).toMatchObject({ isCompacting: false, result: null, status: OLD });
    expect(selectStorage(store.getState()).error?.code).toBe('cancelled');
    expect(client.calls.map((c) => c.name)).toContain('vault.cancelCompact');
    client.handle('vault.compact', () => Promise.reject(locketError('vault-busy', 'An import is running.')));
    await store.getState().storage.compact();
    expect(selectStorage(store.getState()).error?.code).toBe('vault-busy');
  });

  it('waits while an import, a backup or a retention change runs from this window', () => {
    const store = testStore(fakeClient());
    expect(selectIsOtherChangeRunning(store.getState())).toBe(false);
    store.setState((s) => ({ backup: { ...s.backup, isBackingUp: true } }));
    expect(selectIsOtherChangeRunning(store.getState())).toBe(true);
    store.setState((s) => ({ backup: { ...s.backup, isBackingUp: false }, retention: { ...s.retention, busy: true } }));
    expect(selectIsOtherChangeRunning(store.getState())).toBe(true);
    store.setState((s) => ({
      retention: { ...s.retention, busy: false },
      imports: { ...s.imports, stage: 'running' },
    }));
    expect(selectIsOtherChangeRunning(store.getState())).toBe(true);
  });
});
