import { resolve } from 'node:path';
import type { DetectedSource } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { detectSource } from './detect-source';
import { finishSearchIndex, importSources } from './pipeline/import-sources';
import { openReader } from './read-in-thread';

function assertPaths(paths: unknown): asserts paths is string[] {
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p.trim() !== '')) {
    throw new LocketError('invalid-argument', 'Choose at least one backup folder or export file to import.');
  }
}

export function importHandlers(ctx: ServiceContext): HandlerGroup {
  let running: AbortController | null = null;
  // Once the import is saving, it can no longer be cancelled: the commit finishes (FORMAT.md, "Commits"). Its
  // indexing phase, after that commit, can be again: a cancel there keeps the messages and postpones the index.
  let isCommitting = false;
  /** Runs one import (or the rest of one's indexing) at a time; `import.cancel` aborts its signal. */
  const runAlone = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running) throw new LocketError('vault-busy', 'An import is already running. Wait for it or cancel it first.');
    const controller = new AbortController();
    running = controller;
    isCommitting = false;
    try {
      return await work(controller.signal);
    } finally {
      running = null;
    }
  };
  return {
    async 'import.detect'({ paths }) {
      assertPaths(paths);
      const found: DetectedSource[] = [];
      for (const path of paths.map((p) => resolve(p))) {
        const entry = await detectSource(path);
        const accounts = (await entry.listAccounts?.(path)) ?? [];
        let owner = null;
        let ownerName = null;
        let estimatedMessages = null;
        // A source with several accounts cannot be described until one is chosen.
        if (accounts.length <= 1) {
          const reader = entry.open(path, {});
          try {
            ({ owner, ownerName, estimatedMessages } = await reader.describe());
          } finally {
            await reader.close();
          }
        }
        found.push({ path, format: entry.format, formatName: entry.name, owner, ownerName, estimatedMessages, accounts });
      }
      return found;
    },

    async 'import.run'({ paths, account }) {
      assertPaths(paths);
      const session = ctx.requireSession();
      return runAlone(async (signal) => {
        const sources = [];
        for (const path of paths.map((p) => resolve(p))) {
          const entry = await detectSource(path);
          sources.push({ path, reader: openReader(entry, path, account ? { account } : {}, ctx.options.readerThreadFile) });
        }
        return importSources(session, sources, {
          signal,
          onProgress: (p) => {
            isCommitting = p.phase === 'committing';
            ctx.emit('import.progress', p);
          },
        });
      });
    },

    async 'import.finishIndex'() {
      const session = ctx.requireSession();
      return runAlone(async (signal) => ({ searchIndexPending: await finishSearchIndex(session, { signal, onProgress: (p) => ctx.emit('import.progress', p) }) }));
    },

    async 'import.cancel'() {
      if (!running || isCommitting) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  };
}
