import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { AssistantSession, SessionEnd } from '../core/assistant/assistant-session';
import { MAX_PAGE } from '../core/assistant/scoped-archive';
import { LocketError } from '../core/errors';

export interface ServeOptions {
  /** The vault's auto-lock time: the session ends after this many minutes without a tool call; 0: never. */
  idleMinutes: number;
  stdin?: Readable;
  stdout?: Writable;
  /** Where a failure that is not a LocketError is noted (by its code only: never the question or the answer). */
  log?: (text: string) => void;
}

/** What a tool hands back: the answer, and how many messages it holds (the audit entry counts them). */
interface ToolAnswer {
  answer: unknown;
  messages: number;
}

const INSTRUCTIONS =
  'Locket serves part of a WeChat archive, read-only: only the conversations, dates and message kinds its owner ' +
  'granted. Start with list_conversations. Times are UTC (ISO 8601); the scope says the owner’s time zone. ' +
  'search_messages takes the query language of `locket search`: words, "phrases", -word, a OR b, from:, ' +
  'after:/before:/during: (dates in the scope’s time zone), type:, has:, is:sent|received. Results are exact.';

/**
 * Serves one assistant session over stdio with the MCP SDK: read-only tools over the session's scoped archive. The
 * returned promise settles when the session ends: the client closed its end (stdin ended), no tool was called for
 * the idle time, or the process was asked to stop. The caller then writes the audit entry and locks the vault.
 */
export async function serveAssistant(assistant: AssistantSession, options: ServeOptions): Promise<SessionEnd> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const archive = assistant.archive;
  const server = new McpServer({ name: 'locket', version: __LOCKET_VERSION__ }, { instructions: INSTRUCTIONS });

  let idleTimer: NodeJS.Timeout | null = null;
  let finish: (why: SessionEnd) => void = () => undefined;
  const ended = new Promise<SessionEnd>((resolve) => {
    let isEnded = false;
    finish = (why) => {
      if (isEnded) return;
      isEnded = true;
      resolve(why);
    };
  });
  const touch = () => {
    if (idleTimer) clearTimeout(idleTimer);
    if (options.idleMinutes > 0) idleTimer = setTimeout(() => finish('idle'), options.idleMinutes * 60_000);
  };

  const answer = async (run: () => Promise<ToolAnswer>) => {
    touch();
    try {
      const { answer: value, messages } = await run();
      assistant.record(messages);
      return { content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] };
    } catch (error) {
      assistant.record(0);
      // A LocketError's message is written for the caller and names nothing outside the scope; anything else is
      // answered neutrally, so no stack or internal detail reaches the assistant.
      const text = error instanceof LocketError ? error.message : 'The request failed inside Locket.';
      if (!(error instanceof LocketError)) options.log?.(`locket mcp: a tool failed (${(error as Error)?.name}).\n`);
      return { isError: true, content: [{ type: 'text' as const, text }] };
    }
  };
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  const id = z.number().int().nonnegative();
  const limit = z.number().int().min(1).max(MAX_PAGE).optional();
  const cursor = z.string().max(4096).optional();

  server.registerTool(
    'list_conversations',
    {
      description:
        'The scope this assistant was granted (dates, kinds, time zone, whether names are pseudonyms) and its ' +
        'conversations, each with the number of messages inside the scope.',
      annotations: readOnly,
    },
    () =>
      answer(async () => {
        const s = archive.scope;
        return {
          answer: {
            scope: {
              after: s.afterDate,
              before: s.beforeDate,
              kinds: s.kinds,
              timeZone: s.timeZone,
              pseudonymized: s.isPseudonymized,
            },
            conversations: await archive.conversations(),
          },
          messages: 0,
        };
      }),
  );
  server.registerTool(
    'read_messages',
    {
      description:
        'Messages of one conversation in a time window, oldest first (order "desc": newest first), a page at a ' +
        'time: pass the answer’s `next` as `cursor` for the following page.',
      inputSchema: {
        conversationId: id,
        after: z.string().max(64).optional().describe('ISO 8601 date or time, inclusive'),
        before: z.string().max(64).optional().describe('ISO 8601 date or time, exclusive'),
        order: z.enum(['asc', 'desc']).optional(),
        limit,
        cursor,
      },
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const page = await archive.messages(args);
        return { answer: page, messages: page.messages.length };
      }),
  );
  server.registerTool(
    'search_messages',
    {
      description:
        'Search the granted conversations, newest first, with the query language of `locket search`. `total` is ' +
        'exact on the last page, else null beside `atLeast`; pass `next` as `cursor` for more.',
      inputSchema: { query: z.string().max(2000), conversationId: id.optional(), limit, cursor },
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const page = await archive.search(args);
        return { answer: page, messages: page.messages.length };
      }),
  );
  server.registerTool(
    'message_statistics',
    {
      description: 'Messages per calendar month and per person, for the whole scope or one of its conversations.',
      inputSchema: {
        conversationId: id.optional(),
        timeZone: z.string().max(64).optional().describe('IANA time zone for the months; the scope’s by default'),
      },
      annotations: readOnly,
    },
    (args) => answer(async () => ({ answer: await archive.stats(args), messages: 0 })),
  );
  server.registerTool(
    'get_message',
    {
      description:
        'One message (by the id other answers give) with up to `before` and `after` messages of its conversation ' +
        'around it (5 each by default, at most 50); `anchorIndex` is its place in the list.',
      inputSchema: {
        messageId: id,
        before: z.number().int().min(0).max(50).optional(),
        after: z.number().int().min(0).max(50).optional(),
      },
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const context = await archive.message(args);
        return { answer: context, messages: context.messages.length };
      }),
  );

  const transport = new StdioServerTransport(stdin, stdout);
  transport.onclose = () => finish('client-closed');
  // The SDK's transport does not notice the client going away: its end of stdin closing is the disconnect.
  const onEnd = () => finish('client-closed');
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  const onSignal = () => finish('signal');
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  for (const signal of signals) process.once(signal, onSignal);
  touch();
  await server.connect(transport);

  const why = await ended;
  if (idleTimer) clearTimeout(idleTimer);
  for (const signal of signals) process.off(signal, onSignal);
  stdin.off('end', onEnd);
  stdin.off('close', onEnd);
  await server.close().catch(() => undefined);
  // Nothing more is read: without this a client that keeps its end open would keep the process alive after an idle end.
  if (stdin === process.stdin) stdin.destroy();
  return why;
}
