import type { SearchCursor, SearchHit, SearchPage } from '../ipc/contract';
import { LocketError } from '../core/errors';
import type { CliIo } from './cli-io';
import { findConversation } from './find-conversation';
import { passphraseOptions, type CliCommand } from './command';
import { terminalLine, terminalText } from './terminal-text';
import { unlockFromCli } from './vault-commands';

const DEFAULT_LIMIT = 50;
/** The service's largest page: longer listings are fetched page by page. */
const PAGE_SIZE = 500;

function localTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Bold only on a terminal (and never with NO_COLOR; FORCE_COLOR asks for it anyway). Elsewhere, where escape codes
 * would end up in a file, the match is put in «guillemets», which survive any pipe and rarely occur in chats.
 */
function markMatches(io: CliIo, snippet: SearchHit['snippet']): string {
  const useAnsi =
    io.env.NO_COLOR === undefined &&
    (io.env.FORCE_COLOR !== undefined || (io.isInteractive && Boolean(process.stdout.isTTY)));
  const [open, close] = useAnsi ? ['\u001b[1m', '\u001b[22m'] : ['«', '»'];
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    // Each piece is escaped on its own: the highlights index the text as stored.
    out += terminalText(snippet.text.slice(at, start)) + open + terminalText(snippet.text.slice(start, end)) + close;
    at = end;
  }
  return out + terminalText(snippet.text.slice(at));
}

/** The JSON-lines record of a result: the message (as `locket messages --json` prints it) and its snippet. */
function jsonLine(hit: SearchHit, conversationName: string | undefined): Record<string, unknown> {
  const m = hit.message;
  return {
    id: m.id,
    conversationId: m.conversationId,
    conversation: m.conversation,
    conversationName: conversationName ?? m.conversation,
    sender: m.sender,
    senderName: m.senderName,
    isSelf: m.isSelf,
    time: m.time,
    timeIso: new Date(m.time * 1000).toISOString(),
    kind: m.kind,
    text: m.text,
    snippet: hit.snippet,
  };
}

const search: CliCommand = {
  name: 'search',
  usage:
    'locket search VAULT QUERY [--conversation ID|USERNAME] [--limit N] [--count] [--passphrase-file FILE] [--json]',
  summary:
    'Search every conversation, newest first: words, "phrases", -word, a OR b, from: in: after: before: during: type: has: is:. ' +
    'Stops once N are found; --count also counts every match (decrypting the whole vault). ' +
    'Put -- before a QUERY that starts with -.',
  options: {
    ...passphraseOptions,
    conversation: { type: 'string' },
    limit: { type: 'string' },
    count: { type: 'boolean' },
  },
  positionals: [2, 2],
  async run(ctx) {
    const limitText = (ctx.options.limit as string | undefined) ?? String(DEFAULT_LIMIT);
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1)
      throw new LocketError(
        'invalid-argument',
        `--limit takes a whole number of results, 1 or more; not "${limitText}".`,
      );
    await unlockFromCli(ctx);
    const conversations = await ctx.service['conversations.list']();
    const names = new Map(conversations.map((c) => [c.id, c.displayName]));
    const chosen = ctx.options.conversation as string | undefined;
    let conversationId: number | undefined;
    if (chosen !== undefined) {
      conversationId = findConversation(conversations, chosen).id;
    }

    // Results are printed as each shard yields them, so the newest show before the whole vault is searched.
    const requestId = 'cli';
    let printed = 0;
    ctx.on('search.results', (event) => {
      if (event.requestId !== requestId) return;
      for (const hit of event.results) {
        if (printed >= limit) return;
        printed++;
        const m = hit.message;
        const name = names.get(m.conversationId) ?? m.conversation;
        ctx.io.stdout(
          ctx.json
            ? `${JSON.stringify(jsonLine(hit, name))}\n`
            : `${localTime(m.time)}  ${terminalLine(name)}  ·  ${m.isSelf ? 'me' : terminalLine(m.senderName ?? '-')}: ${markMatches(ctx.io, hit.snippet)}\n`,
        );
      }
    });
    let cursor: SearchCursor | undefined;
    let page: SearchPage;
    do {
      page = await ctx.service['search.query']({
        query: ctx.positionals[1]!,
        conversationId,
        limit: Math.min(PAGE_SIZE, limit - printed),
        cursor,
        requestId,
      });
      cursor = page.next ?? undefined;
    } while (cursor && printed < limit && !ctx.io.stdoutClosed?.());
    // The search stopped once N were found; counting the rest decrypts every older shard, so only when asked.
    let total = page.total;
    if (total === null && ctx.options.count === true && cursor && !ctx.io.stdoutClosed?.())
      ({ total } = await ctx.service['search.count']({ query: ctx.positionals[1]!, conversationId, cursor }));
    const summary =
      total === null
        ? `More than ${printed} ${printed === 1 ? 'match' : 'matches'}, newest ${printed} shown (--count counts them all).\n`
        : `${total} ${total === 1 ? 'match' : 'matches'}${printed < total ? `, newest ${printed} shown` : ''}.\n`;
    // JSON lines stay pure results; the count goes beside them.
    if (ctx.json) ctx.io.stderr(summary);
    else ctx.io.stdout(summary);
  },
};

export const searchCommands: CliCommand[] = [search];
