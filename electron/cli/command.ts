import type { ParseArgsConfig } from 'node:util';
import type { EventName, Events } from '../ipc/contract';
import type { LocketService } from '../core/service';
import type { CliIo } from './cli-io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  io: CliIo;
  service: LocketService;
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
  json: boolean;
  /** Subscribes to the service's events (import progress) for the duration of the command. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec;
  /** How many positionals the command takes at least and at most. */
  positionals: [min: number, max: number];
  run(ctx: CommandContext): Promise<void>;
}

export const passphraseOptions: OptionSpec = {
  'passphrase-file': { type: 'string' },
};
