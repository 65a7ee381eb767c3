import type { MessageStats } from '../ipc/contract';
import { LocketError } from '../core/errors';
import { checkTimeZone } from '../core/time-zones';
import { hostTimeZone } from '../common/zoned-time';
import { writeJson } from './cli-io';
import { findConversation } from './find-conversation';
import { passphraseOptions, type CliCommand } from './command';
import { displayWidth, fitToWidth, terminalLine } from './terminal-text';
import { unlockFromCli } from './vault-commands';

/** The widest bar drawn in the text output, in characters. */
const BAR_WIDTH = 40;

function bar(value: number, max: number): string {
  if (value === 0 || max === 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * BAR_WIDTH)));
}

/** Two aligned tables (per month, per person) with a bar each, for reading on a terminal. */
function printStats(write: (text: string) => void, title: string, stats: MessageStats): void {
  const lines = [`${terminalLine(title)}: ${stats.total} messages (months in ${stats.timeZone})`, '', 'Per month'];
  const monthMax = Math.max(0, ...stats.months.map((m) => m.messages));
  const width = String(monthMax).length;
  for (const m of stats.months)
    lines.push(`  ${m.month}  ${String(m.messages).padStart(width)}  ${bar(m.messages, monthMax)}`);
  lines.push('', 'Per person');
  const people = [
    ...stats.senders.map((s) => ({
      name: terminalLine(s.isSelf ? `${s.displayName} (me)` : s.displayName),
      messages: s.messages,
    })),
    ...(stats.others.people > 0 ? [{ name: `${stats.others.people} others`, messages: stats.others.messages }] : []),
    ...(stats.withoutSender > 0 ? [{ name: '(no sender: system notices)', messages: stats.withoutSender }] : []),
  ];
  const personMax = Math.max(0, ...people.map((p) => p.messages));
  const nameWidth = Math.max(0, ...people.map((p) => displayWidth(p.name)));
  for (const p of people)
    lines.push(
      `  ${fitToWidth(p.name, nameWidth)}  ${String(p.messages).padStart(String(personMax).length)}  ${bar(p.messages, personMax)}`,
    );
  write(`${lines.join('\n')}\n`);
}

const stats: CliCommand = {
  name: 'stats',
  usage: 'locket stats VAULT [--conversation ID|USERNAME] [--time-zone TZ] [--top N] [--passphrase-file FILE] [--json]',
  summary: 'Messages per month and per person, for the whole vault or one conversation.',
  options: {
    ...passphraseOptions,
    conversation: { type: 'string' },
    'time-zone': { type: 'string' },
    top: { type: 'string' },
  },
  positionals: [1, 1],
  async run(ctx) {
    const topText = ctx.options.top as string | undefined;
    if (topText !== undefined && !/^\d+$/.test(topText))
      throw new LocketError('invalid-argument', `--top takes a whole number of people, 1 to 50; not "${topText}".`);
    const zoneOption = ctx.options['time-zone'];
    const timeZone = typeof zoneOption === 'string' ? checkTimeZone(zoneOption) : hostTimeZone();
    await unlockFromCli(ctx);
    const chosen = ctx.options.conversation as string | undefined;
    const conversation =
      chosen === undefined ? null : findConversation(await ctx.service['conversations.list'](), chosen);
    const result = await ctx.service['stats.messages']({
      ...(conversation ? { conversationId: conversation.id } : {}),
      timeZone,
      ...(topText !== undefined ? { topSenders: Number(topText) } : {}),
    });
    if (ctx.json) return writeJson(ctx.io, result);
    printStats(ctx.io.stdout, conversation ? conversation.displayName : 'The vault', result);
  },
};

export const statsCommands: CliCommand[] = [stats];
