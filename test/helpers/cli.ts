import type { CliIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/run-cli';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * Runs the CLI in-process with captured output; given `answers`, as on a terminal (prompts, progress lines). Vaults
 * use the format's floor KDF settings so the specs stay fast; `bin/locket.cjs` itself is exercised by the spec that
 * spawns it.
 */
export async function locket(
  args: string[],
  env: Record<string, string> = {},
  answers: string[] = [],
  /** Sees stderr as it is written (a progress line), to act at a point of the run. */
  onStderr?: (text: string) => void,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => {
      stderr += t;
      onStderr?.(t);
    },
    env,
    isInteractive: answers.length > 0,
    promptHidden: async (question) => {
      stderr += question;
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected prompt: ${question}`);
      return answer;
    },
  };
  const code = await runCli(args, io, { sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
