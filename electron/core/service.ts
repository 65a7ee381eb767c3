import { isAbsolute } from 'node:path';
import type { LocketApi } from '../ipc/contract';
import { conversationsHandlers } from './archive/conversations-handlers';
import { messagesHandlers } from './archive/messages-handlers';
import { AssistantSession } from './assistant/assistant-session';
import type { ScopeGrant } from './assistant/assistant-scope';
import { namedScopeGrant } from './assistant/named-scopes';
import { auditHandlers } from './audit/audit-handlers';
import { backupHandlers } from './backup/backup-handlers';
import { vaultChecks } from './check/check-handlers';
import { createDemoVault } from './demo/create-demo-vault';
import { LocketError } from './errors';
import { bagsHandlers } from './evidence/bags-handlers';
import { exportHandlers } from './evidence/export-handlers';
import { combineHandlers, type AnyHandlerGroup } from './handlers';
import { importHandlers } from './importing/import-handlers';
import { mediaHandlers } from './media/media-handlers';
import { writeMediaCopy } from './media/write-media-copy';
import { certificatesHandlers } from './retention/certificates-handlers';
import { holdsHandlers } from './retention/holds-handlers';
import { retentionHandlers } from './retention/retention-handlers';
import { wipeHandlers } from './retention/wipe-handlers';
import { searchHandlers } from './search/search-handlers';
import { ServiceContext, type ServiceOptions } from './service-context';
import { settingsHandlers } from './settings/settings-handlers';
import { statsHandlers } from './stats/stats-handlers';
import { vaultHandlers } from './session/vault-handlers';

export type { ServiceOptions } from './service-context';

export interface LocketService extends LocketApi {
  /** Locks the open vault (keys wiped) before the host exits. */
  dispose(): Promise<void>;
  /**
   * Streams a decrypted copy of a media item to a path the main process chose, for opening it in another program.
   * Not a contract request on purpose: the renderer must never name a path to write decrypted data to.
   */
  writeMediaCopy(args: { mediaId: string; path: string }): Promise<{ byteSize: number }>;
  /**
   * Starts an assistant session on the unlocked vault (`locket mcp`): a grant from the command line, or a scope saved
   * in the vault by its name. Not a contract request on purpose: only the MCP server, in its own process, reads
   * through it, and the app's page has no use for a scoped reader.
   */
  startAssistantSession(args: { grant: ScopeGrant } | { scopeName: string }): Promise<AssistantSession>;
}

/** One group per request prefix, each from the folder of its domain. */
export function handlerGroups(ctx: ServiceContext): AnyHandlerGroup[] {
  return [
    vaultHandlers(ctx, (path) => createDemoVault(ctx, path), vaultChecks(ctx)),
    importHandlers(ctx),
    conversationsHandlers(ctx),
    messagesHandlers(ctx),
    searchHandlers(ctx),
    mediaHandlers(ctx),
    retentionHandlers(ctx),
    holdsHandlers(ctx),
    wipeHandlers(ctx),
    auditHandlers(ctx),
    certificatesHandlers(ctx),
    settingsHandlers(ctx),
    exportHandlers(ctx),
    bagsHandlers(),
    statsHandlers(ctx),
    backupHandlers(ctx),
  ];
}

/** The one Locket service: the same object runs in the app's vault worker, in the CLI and in tests. */
export function createLocketService(options: ServiceOptions = {}): LocketService {
  const ctx = new ServiceContext(options);
  const api = combineHandlers(handlerGroups(ctx));
  return {
    ...api,
    async writeMediaCopy({ mediaId, path }) {
      if (typeof path !== 'string' || !isAbsolute(path))
        throw new LocketError('invalid-argument', 'A copy of a media item is written only to an absolute path.');
      return writeMediaCopy(ctx.requireSession(), mediaId, path);
    },
    async startAssistantSession(args) {
      const session = ctx.requireSession();
      const isNamed = 'scopeName' in args;
      const grant = isNamed ? namedScopeGrant(session, args.scopeName) : args.grant;
      return AssistantSession.start(session, grant, isNamed ? args.scopeName : null);
    },
    async dispose() {
      await ctx.session?.lock();
      ctx.session = null;
    },
  };
}
