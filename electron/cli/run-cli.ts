import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import { LocketError } from '../core/errors';
import { createLocketService, type ServiceOptions } from '../core/service';
import type { CliIo } from './cli-io';
import type { CliCommand } from './command';
import { ExitCode, exitCodeFor } from './exit-codes';
import { archiveCommands } from './archive-commands';
import { backupCommands } from './backup-commands';
import { evidenceCommands } from './evidence-commands';
import { bundledSamplePath, demoCommands } from './demo-commands';
import { importCommands } from './import-commands';
import { mcpCommands } from './mcp-commands';
import { retentionCommands } from './retention-commands';
import { searchCommands } from './search-commands';
import { statsCommands } from './stats-commands';
import { vaultCommands } from './vault-commands';

export const commands: CliCommand[] = [
  ...vaultCommands,
  ...importCommands,
  ...archiveCommands,
  ...retentionCommands,
  ...searchCommands,
  ...statsCommands,
  ...demoCommands,
  ...evidenceCommands,
  ...backupCommands,
  ...mcpCommands,
];

export function usageText(): string {
  const lines = ['Usage: locket <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push(
    '',
    'Secrets are read from --passphrase-file / --new-passphrase-file / --recovery-code-file (first line),',
    'else from LOCKET_PASSPHRASE / LOCKET_NEW_PASSPHRASE / LOCKET_RECOVERY_CODE (meant for scripts),',
    'else asked for on the terminal without echo.',
    'Every command takes --json for machine-readable output. Exit codes are listed in the README.',
  );
  return `${lines.join('\n')}\n`;
}

/** A usage error: on stderr with the usage line, and with --json also as `{"error": …}` on stdout, like other errors. */
function usageError(io: CliIo, name: string, message: string, usage: string, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify({ error: { code: 'invalid-argument', message } }, null, 2)}\n`);
  io.stderr(`locket ${name}: ${message}\nUsage: ${usage}\n`);
  return ExitCode.usage;
}

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, serviceOptions: ServiceOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usageText());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${__LOCKET_VERSION__}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`locket: unknown command "${name}"\n\n${usageText()}`);
    return ExitCode.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(io, name, (error as Error).message, command.usage, rest.includes('--json'));
  }
  if (parsed.values.help) {
    io.stdout(`Usage: ${command.usage}\n${command.summary}\n`);
    return ExitCode.ok;
  }
  const [min, max] = command.positionals;
  const json = Boolean(parsed.values.json);
  if (parsed.positionals.length < min || parsed.positionals.length > max)
    return usageError(io, name, 'wrong number of arguments', command.usage, json);
  const events = new EventEmitter();
  const service = createLocketService({
    samplePath: bundledSamplePath(),
    ...serviceOptions,
    emit: (event, payload) => events.emit(event, payload),
  });
  try {
    await command.run({
      io,
      service,
      positionals: parsed.positionals,
      options: parsed.values as Record<string, string | boolean | undefined>,
      json,
      on: (event, listener) => events.on(event, listener),
    });
    return ExitCode.ok;
  } catch (error) {
    const shape =
      error instanceof LocketError
        ? error.toShape()
        : { code: 'internal' as const, message: `Unexpected error: ${(error as Error)?.message ?? String(error)}` };
    if (json) io.stdout(`${JSON.stringify({ error: shape }, null, 2)}\n`);
    io.stderr(`locket ${name}: ${shape.message}\n`);
    return exitCodeFor(shape.code);
  } finally {
    await service.dispose();
  }
}
