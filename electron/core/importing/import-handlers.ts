import { join, resolve } from 'node:path';
import type { DetectedSource, SourceFormat, UnrecognizedFileReport } from '../../ipc/contract';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { checkTimeZone } from '../time-zones';
import { resolveTimeZone } from './exports/local-time';
import type { ReaderOptions, SourceFormatEntry } from './model';
import { finishSearchIndex, importSources, type ImportSource } from './pipeline/import-sources';
import { previousRead } from './pipeline/source-marks';
import { planImport, type ImportPlan } from './plan-import';
import { openReader } from './read-in-thread';
import { sourceFormats } from './source-formats';
import type { VaultSession } from '../session/vault-session';

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
function readerOptions(
  args: { account?: unknown; timeZone?: unknown; owner?: unknown },
  known: { username?: string; name?: string | null } | null,
): ReaderOptions {
  const account = optionalText(args.account, 'The account');
  const timeZone = optionalText(args.timeZone, 'The time zone');
  const owner = optionalText(args.owner, 'The owner');
  return {
    ...(account ? { account } : {}),
    ...(timeZone ? { timeZone: checkTimeZone(timeZone) } : {}),
    ...(owner ? { owner } : {}),
    ...(known?.username ? { knownOwner: known.username } : {}),
    ...(known?.name ? { knownOwnerName: known.name } : {}),
  };
}

/** How many files of an export folder are described (read through) when detected; the rest are only recognized. */
const FOLDER_FILES_DESCRIBED = 20;

/** What `import.detect` says of one chosen path: a source, a folder of export files, or a folder of accounts. */
async function describePlan(path: string, plan: ImportPlan): Promise<DetectedSource> {
  if (plan.sources.length === 0) {
    const entry = plan.accountFormat!;
    return {
      path,
      format: entry.format,
      formatName: `${entry.name}, ${plan.accounts.length} accounts`,
      owner: null,
      ownerName: null,
      estimatedMessages: null,
      accounts: plan.accounts,
      storesLocalTimes: false,
    };
  }
  if (!plan.isExportFolder) {
    const { entry, path: sourcePath } = plan.sources[0]!;
    const accounts = plan.accounts.length > 0 ? plan.accounts : ((await entry.listAccounts?.(sourcePath)) ?? []);
    // A source with several accounts cannot be described until one is chosen.
    const description =
      accounts.length <= 1
        ? await describeSource(entry, sourcePath)
        : { owner: null, ownerName: null, estimatedMessages: null };
    return {
      path,
      format: entry.format,
      formatName: entry.name,
      ...description,
      accounts,
      storesLocalTimes: entry.storesLocalTimes,
    };
  }
  const formats: Partial<Record<SourceFormat, number>> = {};
  for (const { entry } of plan.sources) formats[entry.format] = (formats[entry.format] ?? 0) + 1;
  let owner: string | null = null;
  let ownerName: string | null = null;
  let estimatedMessages: number | null = 0;
  for (const [i, { entry, path: file }] of plan.sources.entries()) {
    if (i >= FOLDER_FILES_DESCRIBED) {
      estimatedMessages = null;
      break;
    }
    const d = await describeSource(entry, file);
    owner ??= d.owner;
    ownerName ??= d.ownerName;
    estimatedMessages =
      estimatedMessages === null || d.estimatedMessages === null ? null : estimatedMessages + d.estimatedMessages;
  }
  return {
    path,
    format: 'export-folder',
    formatName: `Folder of export files: ${Object.entries(formats)
      .map(([format, n]) => `${n} ${sourceFormats.find((e) => e.format === format)?.name ?? format}`)
      .join(', ')}`,
    owner,
    ownerName,
    estimatedMessages,
    accounts: [],
    storesLocalTimes: plan.sources.some((s) => s.entry.storesLocalTimes),
    contents: { formats, unrecognizedFiles: plan.unrecognized.length },
  };
}

async function describeSource(
  entry: SourceFormatEntry,
  path: string,
): Promise<Pick<DetectedSource, 'owner' | 'ownerName' | 'estimatedMessages'>> {
  const reader = entry.open(path, {});
  try {
    const { owner, ownerName, estimatedMessages } = await reader.describe();
    return { owner, ownerName, estimatedMessages };
  } finally {
    await reader.close();
  }
}

function accountNeeded(path: string, ids: string[]): LocketError {
  return new LocketError(
    'source-account-ambiguous',
    `${path} holds ${ids.length} WeChat accounts (${ids.join(', ')}). Choose the one to import.`,
    { path, accounts: ids.join(',') },
  );
}

export function importHandlers(ctx: ServiceContext) {
  let running: AbortController | null = null;
  // Once the import is saving, it can no longer be cancelled: the commit finishes (FORMAT.md, "Commits"). Its
  // indexing phase, after that commit, can be again: a cancel there keeps the messages and postpones the index.
  let isCommitting = false;
  /**
   * Runs one import (or the rest of one's indexing) at a time; `import.cancel` aborts its signal. It counts as a
   * change from its start (hashing the sources comes before its first write), so compaction does not start beside it.
   */
  const runAlone = async <T>(session: VaultSession, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running) throw new LocketError('vault-busy', 'An import is already running. Wait for it or cancel it first.');
    const controller = new AbortController();
    running = controller;
    isCommitting = false;
    try {
      return await session.asChange(() => work(controller.signal));
    } finally {
      running = null;
    }
  };
  return handlerGroup('import', {
    async 'import.detect'({ paths }) {
      assertPaths(paths);
      const found: DetectedSource[] = [];
      for (const path of paths.map((p) => resolve(p))) found.push(await describePlan(path, await planImport(path)));
      return found;
    },

    async 'import.run'({ paths, account, timeZone, owner, full }) {
      assertPaths(paths);
      const session = ctx.requireSession();
      const options = readerOptions(
        { account, timeZone, owner },
        session.setting<{ username?: string; name?: string | null } | null>('owner', null),
      );
      return runAlone(session, async (signal) => {
        const sources: ImportSource[] = [];
        const unrecognized: UnrecognizedFileReport[] = [];
        for (const chosen of paths.map((p) => resolve(p))) {
          const plan = await planImport(chosen, options.account);
          if (plan.sources.length === 0)
            throw accountNeeded(
              chosen,
              plan.accounts.map((a) => a.id),
            );
          for (const { path, entry } of plan.sources) {
            const zone = entry.storesLocalTimes ? { timeZone: resolveTimeZone(options.timeZone) } : {};
            // What earlier imports read of this source, so that only what is new is read again (`--full`: all).
            const previous =
              full === true ? null : await previousRead(session.catalog, entry.format, path, options.account);
            sources.push({
              path,
              reader: openReader(
                entry,
                path,
                previous ? { ...options, previous } : options,
                ctx.options.readerThreadFile,
              ),
              ...(previous ? { previous } : {}),
              ...(options.account ? { account: options.account } : {}),
              ...zone,
              ...(plan.isExportFolder ? { folder: chosen } : {}),
            });
          }
          unrecognized.push(...plan.unrecognized.map((u) => ({ ...u, path: join(chosen, u.path) })));
        }
        return importSources(session, sources, {
          unrecognized,
          signal,
          ...(full === true ? { full: true } : {}),
          onProgress: (p) => {
            isCommitting = p.phase === 'committing';
            ctx.emit('import.progress', p);
          },
        });
      });
    },

    async 'import.finishIndex'() {
      const session = ctx.requireSession();
      return runAlone(session, async (signal) => ({
        searchIndexPending: await finishSearchIndex(session, {
          signal,
          onProgress: (p) => ctx.emit('import.progress', p),
        }),
      }));
    },

    async 'import.cancel'() {
      if (!running || isCommitting) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  });
}
