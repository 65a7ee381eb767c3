import { spawn } from 'node:child_process';

export interface ChildRun {
  /** The last number the child printed as `committed N`. */
  lastCommitted: number;
  /** The last number it printed as `committing N`. */
  lastStarted: number;
}

/**
 * Runs a TypeScript child script, kills it with SIGKILL `delayMs` after it prints `ready`, and reports how far its
 * numbered commits got (`committing N` before a commit, `committed N` after).
 */
export function runAndKill(script: string, args: string[], delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Without this the child would attach to the test worker's own IPC channel (inherited from vitest's fork).
      env: { ...process.env, NODE_CHANNEL_FD: undefined, NODE_CHANNEL_SERIALIZATION_MODE: undefined },
    });
    const run: ChildRun = { lastCommitted: -1, lastStarted: -1 };
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        const [word, number] = line.split(' ');
        if (word === 'committing') run.lastStarted = Number(number);
        if (word === 'committed') run.lastCommitted = Number(number);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(run);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}
