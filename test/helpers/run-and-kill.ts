import { spawn } from 'node:child_process';

export interface ChildRun {
  /** The last number the child printed as `committed N`. */
  lastCommitted: number;
  /** The last number it printed as `committing N`. */
  lastStarted: number;
  /** Milliseconds from `ready` to its first `committed` line, when it printed one. */
  firstCommitMs: number | null;
}

/**
 * Runs a TypeScript child script, kills it with SIGKILL `delayMs` after it prints `ready` (or as soon as its first
 * commit is acknowledged, with 'first-commit'), and reports how far its numbered commits got (`committing N` before
 * a commit, `committed N` after).
 */
export function runAndKill(script: string, args: string[], delayMs: number | 'first-commit'): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Without this the child would attach to the test worker's own IPC channel (inherited from vitest's fork).
      env: { ...process.env, NODE_CHANNEL_FD: undefined, NODE_CHANNEL_SERIALIZATION_MODE: undefined },
    });
    const run: ChildRun = { lastCommitted: -1, lastStarted: -1, firstCommitMs: null };
    let readyAt = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') {
          readyAt = performance.now();
          if (delayMs !== 'first-commit') setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
        const [word, number] = line.split(' ');
        if (word === 'committing') run.lastStarted = Number(number);
        if (word === 'committed') {
          run.lastCommitted = Number(number);
          if (run.firstCommitMs === null) {
            run.firstCommitMs = performance.now() - readyAt;
            if (delayMs === 'first-commit') child.kill('SIGKILL');
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(run);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * A window for random kill points that spans several of the child's commits on this machine, however loaded: the
 * time from `ready` to the first acknowledged commit, measured once in the same run, times `commits`, and never
 * shorter than `floorMs`. A fixed window let a slow machine kill every child before its first commit, so a run
 * proved nothing about commits.
 */
export async function killWindowMs(script: string, args: string[], commits: number, floorMs: number): Promise<number> {
  const { firstCommitMs } = await runAndKill(script, args, 'first-commit');
  return Math.max(floorMs, Math.ceil((firstCommitMs ?? 0) * commits));
}
