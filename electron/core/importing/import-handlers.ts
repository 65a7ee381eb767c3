import { resolve } from 'node:path';
import type { DetectedSource } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { detectSource } from './detect-source';
import { finishSearchIndex, importSources } from './pipeline/import-sources';
import { resolveTimeZone } from './exports/local-time';
import { openReader } from './read-in-thread';
import type { ReaderOptions } from './source-formats';
import { checkTimeZone } from '../time-zones';

function assertPaths(paths: unknown): asserts paths is string[] {
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p.trim() !== '')) {
    throw new LocketError('invalid-argument', 'Choose at least one backup folder or export file to import.');
  }
}

function optionalText(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LocketError('invalid-argument', `${what} must be text.`);
  return value.trim() || undefined;
}

/**
 * The person's options, checked before anything is read (an unknown zone is refused here, not mid-import), and the
 * vault's owner from earlier imports for exports that name none.
 */
function readerOptions(args: { account?: unknown; timeZone?: unknown; owner?: unknown }, knownOwner: string | undefined): ReaderOptions {
  const account = optionalText(args.account, 'The account');
  const timeZone = optionalText(args.timeZone, 'The time zone');
  const owner = optionalText(args.owner, 'The owner');
  return {
    ...(account ? { account } : {}),
    ...(timeZone ? { timeZone: checkTimeZone(timeZone) } : {}),
    ...(owner ? { owner } : {}),
    ...(knownOwner ? { knownOwner } : {}),
  };
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
        found.push({ path, format: entry.format, formatName: entry.name, owner, ownerName, estimatedMessages, accounts, storesLocalTimes: entry.storesLocalTimes });
      }
      return found;
    },

    async 'import.run'({ paths, account, timeZone, owner }) {
      assertPaths(paths);
      const session = ctx.requireSession();
      const options = readerOptions({ account, timeZone, owner }, session.setting<{ username?: string } | null>('owner', null)?.username);
      return runAlone(async (signal) => {
        const sources = [];
        for (const path of paths.map((p) => resolve(p))) {
          const entry = await detectSource(path);
          const zone = entry.storesLocalTimes ? { timeZone: resolveTimeZone(options.timeZone) } : {};
          sources.push({ path, reader: openReader(entry, path, options, ctx.options.readerThreadFile), ...zone });
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
