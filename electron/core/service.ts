import type { LocketApi } from '../ipc/contract';
import { archiveHandlers } from './archive/archive-handlers';
import { demoHandlers } from './demo/demo-handlers';
import { evidenceHandlers } from './evidence/evidence-handlers';
import { combineHandlers } from './handlers';
import { importHandlers } from './importing/import-handlers';
import { mediaHandlers } from './media/media-handlers';
import { writeMediaCopy } from './media/write-media-copy';
import { retentionHandlers } from './retention/retention-handlers';
import { searchHandlers } from './search/search-handlers';
import { ServiceContext, type ServiceOptions } from './service-context';
import { settingsHandlers } from './settings/settings-handlers';
import { statsHandlers } from './stats/stats-handlers';
import { vaultHandlers } from './vault/vault-handlers';

export type { ServiceOptions } from './service-context';

export interface LocketService extends LocketApi {
  /** Locks the open vault (keys wiped) before the host exits. */
  dispose(): Promise<void>;
  /**
   * Streams a decrypted copy of a media item to a path the main process chose, for opening it in another program.
   * Not a contract request on purpose: the renderer must never name a path to write decrypted data to.
   */
  writeMediaCopy(args: { mediaId: string; path: string }): Promise<{ byteSize: number }>;
}

/** The one Locket service: the same object runs in the app's vault worker, in the CLI and in tests. */
export function createLocketService(options: ServiceOptions = {}): LocketService {
  const ctx = new ServiceContext(options);
  const api = combineHandlers([
    vaultHandlers(ctx),
    demoHandlers(ctx),
    importHandlers(ctx),
    archiveHandlers(ctx),
    mediaHandlers(ctx),
    retentionHandlers(ctx),
    searchHandlers(ctx),
    settingsHandlers(ctx),
    evidenceHandlers(ctx),
    statsHandlers(ctx),
  ]);
  return {
    ...api,
    async writeMediaCopy({ mediaId, path }) {
      return writeMediaCopy(ctx.requireSession(), mediaId, path);
    },
    async dispose() {
      await ctx.session?.lock();
      ctx.session = null;
    },
  };
}
