/** Small helpers for `npm run bench`: every figure is printed beside a baseline measured in the same run. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(fn));
  return median(times);
}

export function heading(title: string): void {
  console.log(`\n## ${title}`);
}

export function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(52)} ${value}`);
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * Runs `file` again in a child process (by tsx) with `step` as JSON in the environment variable `variable`, and reads
 * back the figures the child prints as one JSON line: each step of a bench then starts cold, and its peak memory is
 * its own.
 */
export function runStepInChild<T>(file: string, variable: string, step: { kind: string }): T {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), file], {
    encoding: 'utf8',
    env: { ...process.env, [variable]: JSON.stringify(step) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line)
    throw new Error(`the ${step.kind} step failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(line) as T;
}
