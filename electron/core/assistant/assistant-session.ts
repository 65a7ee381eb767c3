import { appendAudit } from '../audit/audit-log';
import type { VaultSession } from '../session/vault-session';
import type { AssistantScope, ScopeGrant } from './assistant-scope';
import { resolveScope } from './assistant-scope';
import { ScopedArchive } from './scoped-archive';

/** Why a session ended, as its audit entry says. */
export type SessionEnd = 'client-closed' | 'idle' | 'signal' | 'error';

/**
 * One assistant session on an unlocked vault: the scoped archive it reads through, the counts its audit entry
 * records (tool calls and messages returned; never what was asked or answered), and that entry, written once when
 * the session ends.
 */
export class AssistantSession {
  private toolCalls = 0;
  private messagesReturned = 0;
  private isFinished = false;
  readonly startedAt: number;

  private constructor(
    private readonly session: VaultSession,
    readonly archive: ScopedArchive,
    private readonly scopeName: string | null,
    now: number,
  ) {
    this.startedAt = now;
  }

  static async start(
    session: VaultSession,
    grant: ScopeGrant,
    scopeName: string | null,
    now = Date.now(),
  ): Promise<AssistantSession> {
    const scope = resolveScope(session.catalog, grant);
    return new AssistantSession(session, await ScopedArchive.open(session, scope), scopeName, now);
  }

  get scope(): AssistantScope {
    return this.archive.scope;
  }

  /** Counts one answered tool call and the messages it handed over. */
  record(messages: number): void {
    this.toolCalls++;
    this.messagesReturned += messages;
  }

  /** Writes the session's audit entry (once). */
  async finish(endedBy: SessionEnd, now = Date.now()): Promise<void> {
    if (this.isFinished || !this.session.isUnlocked) return;
    this.isFinished = true;
    const s = this.scope;
    await this.session.write(async (w) => {
      await appendAudit(
        w,
        'mcp-session',
        {
          scope: this.scopeName,
          conversations: [...s.conversationIds],
          after: s.afterDate,
          before: s.beforeDate,
          kinds: s.kinds ? [...s.kinds] : null,
          timeZone: s.timeZone,
          pseudonymized: s.isPseudonymized,
          startedAt: this.startedAt,
          endedAt: now,
          endedBy,
          toolCalls: this.toolCalls,
          messagesReturned: this.messagesReturned,
        },
        now,
      );
    });
  }
}
