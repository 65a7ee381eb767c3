import type { ParseArgsConfig } from 'node:util';
import type { LocketService } from '../core/service';
import type { CliIo } from './cli-io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  io: CliIo;
  service: LocketService;
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
  json: boolean;
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
