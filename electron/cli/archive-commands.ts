import type { MessageView } from '../ipc/contract';
import { LocketError } from '../core/errors';
import { writeJson } from './cli-io';
import { findConversation } from './find-conversation';
import { MIN_YEAR } from '../core/search/zoned-date';
import { passphraseOptions, type CliCommand } from './command';
import { terminalLine, terminalText } from './terminal-text';
import { unlockFromCli } from './vault-commands';

/** `2024-01-31` is local midnight; anything else must be an ISO 8601 date-time. Returns UTC seconds. */
export function parseDateOption(value: string, option: string): number {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = dateOnly
    ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])).getTime()
    : Date.parse(value);
  // `new Date(24, …)` is 1924: a year before 1000 is refused rather than read as another century.
  if (
    !Number.isFinite(ms) ||
    new Date(ms).getFullYear() < MIN_YEAR ||
    Number(/^\d{4}/.exec(value)?.[0] ?? MIN_YEAR) < MIN_YEAR
  )
    throw new LocketError(
      'invalid-argument',
      `--${option} takes a date like 2024-01-31 or 2024-01-31T18:00:00+08:00, not "${value}".`,
    );
  return Math.floor(ms / 1000);
}

function localTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const conversations: CliCommand = {
  name: 'conversations',
  usage: 'locket conversations VAULT [--passphrase-file FILE] [--json]',
  summary: 'List the conversations in the vault, most recent first.',
  options: passphraseOptions,
  positionals: [1, 1],
  async run(ctx) {
    await unlockFromCli(ctx);
    const list = await ctx.service['conversations.list']();
    if (ctx.json) return writeJson(ctx.io, list);
    for (const c of list) {
      if (ctx.io.stdoutClosed?.()) return;
      ctx.io.stdout(
        `${String(c.id).padStart(5)}  ${(c.isGroup ? '[group] ' : '') + terminalLine(c.displayName)}  ·  ${c.messageCount} messages, last ${c.lastMessageTime ? localTime(c.lastMessageTime) : '-'}  (${terminalLine(c.username)})\n`,
      );
    }
  },
};

const messages: CliCommand = {
  name: 'messages',
  usage:
    'locket messages VAULT [--conversation ID|USERNAME] [--after DATE] [--before DATE] [--passphrase-file FILE] [--json]',
  summary: 'Print messages in time order; with --json, one JSON object per line.',
  options: {
    ...passphraseOptions,
    conversation: { type: 'string' },
    after: { type: 'string' },
    before: { type: 'string' },
  },
  positionals: [1, 1],
  async run(ctx) {
    await unlockFromCli(ctx);
    const chosen = ctx.options.conversation as string | undefined;
    let conversationId: number | undefined;
    if (chosen !== undefined) {
      conversationId = findConversation(await ctx.service['conversations.list'](), chosen).id;
    }
    const after = ctx.options.after ? parseDateOption(ctx.options.after as string, 'after') : undefined;
    const before = ctx.options.before ? parseDateOption(ctx.options.before as string, 'before') : undefined;
    let cursor: { time: number; id: number } | undefined;
    do {
      const page = await ctx.service['messages.list']({ conversationId, after, before, cursor, limit: 1000 });
      for (const m of page.messages)
        ctx.io.stdout(
          ctx.json
            ? `${JSON.stringify(jsonLine(m))}\n`
            : `${localTime(m.time)}  ${m.isSelf ? 'me' : terminalLine(m.senderName ?? '')}: ${terminalText(m.text)}\n`,
        );
      // A reader that stopped (`| head`) ends the listing: nothing more would be seen.
      if (ctx.io.stdoutClosed?.()) return;
      cursor = page.next ?? undefined;
    } while (cursor);
  },
};

/** The JSON-lines record: documented in the README; ids are strings, times UTC seconds and ISO 8601. */
function jsonLine(m: MessageView): Record<string, unknown> {
  return {
    id: m.id,
    conversation: m.conversation,
    sender: m.sender,
    senderName: m.senderName,
    isSelf: m.isSelf,
    time: m.time,
    timeIso: new Date(m.time * 1000).toISOString(),
    kind: m.kind,
    text: m.text,
    serverId: m.serverId,
    payload: m.payload,
  };
}

export const archiveCommands: CliCommand[] = [conversations, messages];
