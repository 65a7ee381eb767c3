import { join } from 'node:path';
import type { ServiceContext } from '../service-context';
import { SEEN_GENERATIONS_FILE, defaultConfigDir } from './seen-generations';
import type { SessionOptions } from './vault-session';

/** The options every vault the service opens gets: the host's KDF runner and the record of generations seen. */
export function serviceSessionOptions(ctx: ServiceContext): SessionOptions {
  const configDir = ctx.options.configDir === undefined ? defaultConfigDir() : ctx.options.configDir;
  const seenGenerationsFile =
    ctx.options.sessionOptions?.seenGenerationsFile ?? (configDir ? join(configDir, SEEN_GENERATIONS_FILE) : undefined);
  const runKdf = ctx.options.runKdf ?? ctx.options.sessionOptions?.runKdf;
  return {
    ...ctx.options.sessionOptions,
    ...(runKdf ? { runKdf } : {}),
    ...(seenGenerationsFile ? { seenGenerationsFile } : {}),
  };
}
