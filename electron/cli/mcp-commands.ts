import type { ScopeGrant } from '../core/assistant/assistant-scope';
import type { SessionEnd } from '../core/assistant/assistant-session';
import { LocketError } from '../core/errors';
import { passphraseOptions, type CliCommand } from './command';
import { unlockFromCli } from './vault-commands';

function list(value: string | boolean | undefined | string[]): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

const mcp: CliCommand = {
  name: 'mcp',
  usage:
    'locket mcp VAULT (--conversation ID|USERNAME ... | --scope NAME) [--after DATE] [--before DATE] [--kind KIND ...]\n' +
    '         [--time-zone TZ] [--pseudonymize] [--passphrase-file FILE]',
  summary:
    'Serve the granted conversations to an AI assistant (Model Context Protocol over stdio), read-only. Nothing ' +
    'outside the scope is visible; each session is an audit entry; the vault locks when the client disconnects ' +
    'or after the auto-lock time without a request.',
  options: {
    ...passphraseOptions,
    conversation: { type: 'string', multiple: true },
    scope: { type: 'string' },
    after: { type: 'string' },
    before: { type: 'string' },
    kind: { type: 'string', multiple: true },
    'time-zone': { type: 'string' },
    pseudonymize: { type: 'boolean' },
  },
  positionals: [1, 1],
  async run(ctx) {
    const o = ctx.options as Record<string, string | boolean | undefined | string[]>;
    const scopeName = typeof o.scope === 'string' ? o.scope : null;
    const conversations = list(o.conversation);
    const hasGrantOptions =
      conversations.length > 0 ||
      [o.after, o.before, o['time-zone'], o.pseudonymize].some((v) => v !== undefined) ||
      list(o.kind).length > 0;
    if (scopeName !== null && hasGrantOptions)
      throw new LocketError(
        'invalid-argument',
        '--scope names a scope saved in the vault; it cannot be combined with --conversation, --after, --before, --kind, --time-zone or --pseudonymize.',
      );
    if (scopeName === null && conversations.length === 0)
      throw new LocketError(
        'invalid-argument',
        'Grant the assistant something: --conversation ID (repeat it for more) or --scope NAME (saved in Settings → AI access).',
      );
    const grant: ScopeGrant = {
      conversations,
      after: typeof o.after === 'string' ? o.after : null,
      before: typeof o.before === 'string' ? o.before : null,
      kinds: list(o.kind).flatMap((k) => k.split(',')),
      timeZone: typeof o['time-zone'] === 'string' ? o['time-zone'] : null,
      pseudonymize: o.pseudonymize === true,
    };
    await unlockFromCli(ctx);
    const session = await ctx.service.startAssistantSession(scopeName === null ? { grant } : { scopeName });
    const { autoLockMinutes } = await ctx.service['settings.get']();
    // Standard output is the protocol's: every word for a person goes to standard error.
    ctx.io.stderr(
      `locket mcp: serving ${session.scope.conversationIds.length} conversation(s)${session.scope.isPseudonymized ? ', pseudonymized' : ''}, read-only.\n`,
    );
    // Loaded only here: the SDK and zod take about a second to load, which no other command should pay.
    const { serveAssistant } = await import('./assistant-server');
    let why: SessionEnd;
    try {
      why = await serveAssistant(session, { idleMinutes: autoLockMinutes, log: ctx.io.stderr });
    } catch (error) {
      // The session is audited however it ends: what it read so far is counted.
      await session.finish('error');
      throw error;
    }
    await session.finish(why);
    ctx.io.stderr(
      `locket mcp: session ended (${why === 'idle' ? `no request for ${autoLockMinutes} minutes` : why === 'signal' ? 'stopped' : 'the client disconnected'}); the vault is locked.\n`,
    );
  },
};

export const mcpCommands: CliCommand[] = [mcp];
