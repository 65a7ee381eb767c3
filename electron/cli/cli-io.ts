import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { LocketError } from '../core/errors';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isInteractive: boolean;
  /** Asks on the terminal without echoing what is typed. */
  promptHidden: (question: string) => Promise<string>;
  /**
   * True once whatever reads standard output has gone (`locket messages … | head` after its ten lines): listings
   * stop there. Writes after that are dropped.
   */
  stdoutClosed?: () => boolean;
}

/** A stream whose reader went away: EPIPE (a closed pipe), or the stream destroyed after it. */
function isClosedReader(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET';
}

export function processIo(): CliIo {
  let stdoutClosed = false;
  let stderrClosed = false;
  // A reader that closes early is normal in a pipeline, not an error: without these listeners Node reports the
  // EPIPE as an uncaught exception with a stack trace. The command ends quietly and the exit code stays its own.
  process.stdout.on('error', (error) => {
    if (!isClosedReader(error)) throw error;
    stdoutClosed = true;
  });
  process.stderr.on('error', (error) => {
    if (!isClosedReader(error)) throw error;
    stderrClosed = true;
  });
  const closed = () => stdoutClosed || Boolean(process.stdout.destroyed || process.stdout.errored);
  return {
    stdout: (text) => {
      if (!closed()) process.stdout.write(text);
    },
    stderr: (text) => {
      if (!stderrClosed && !process.stderr.destroyed) process.stderr.write(text);
    },
    env: process.env,
    isInteractive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    promptHidden,
    stdoutClosed: closed,
  };
}

function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
    rl.on('SIGINT', () => {
      rl.close();
      reject(new LocketError('cancelled', 'Cancelled.'));
    });
  });
}

export interface SecretSource {
  /** Option holding a file path, e.g. "passphrase-file". */
  fileOption: string;
  envVar: string;
  prompt: string;
  /** Ask twice and compare (when setting a new secret). */
  confirm?: boolean;
  what: string;
}

/** A secret from a file (first line), then the environment (for scripts), then a hidden prompt. */
export async function readSecret(io: CliIo, options: Record<string, unknown>, source: SecretSource): Promise<string> {
  const file = options[source.fileOption];
  if (typeof file === 'string') {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new LocketError('invalid-argument', `Could not read the ${source.what} from ${file}.`);
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  const fromEnv = io.env[source.envVar];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.isInteractive) {
    throw new LocketError(
      'invalid-argument',
      `No ${source.what} given: use --${source.fileOption} FILE or set ${source.envVar} (there is no terminal to ask on).`,
    );
  }
  const first = await io.promptHidden(source.prompt);
  if (source.confirm) {
    const second = await io.promptHidden(`Repeat the ${source.what}: `);
    if (first !== second)
      throw new LocketError('invalid-argument', `The two ${source.what}s differ. Nothing was changed.`);
  }
  return first;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
