import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locket } from '../helpers/cli';

const repo = process.cwd();

/** The README's `sh` code blocks, line by line, without comments; `npm …` lines are CI's to run. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map(stripComment)
    .filter((l) => l && !l.startsWith('npm '));
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i).trim();
  }
  return line.trim();
}

/** Splits a command line as a POSIX shell would for the quoting the README uses. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let hasWord = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      hasWord = true;
    } else if (c === ' ') {
      if (hasWord || current) words.push(current);
      current = '';
      hasWord = false;
    } else current += c;
  }
  if (hasWord || current) words.push(current);
  return words;
}

describe('the README', () => {
  it('every locket command in it runs, in order, against the demo vault and the sample archive', async () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(20);
    const work = mkdtempSync(join(tmpdir(), 'locket-readme-'));
    symlinkSync(join(repo, 'resources'), join(work, 'resources'));
    const env: Record<string, string> = {};
    const previous = process.cwd();
    process.chdir(work);
    try {
      for (const line of commands) {
        const words = shellWords(line);
        if (words[0] === 'export') {
          const [name, ...value] = words[1]!.split('=');
          env[name!] = value.join('=');
          continue;
        }
        expect(words.slice(0, 2), line).toEqual(['npx', 'locket']);
        // Prompts cannot be answered here: a new passphrase repeats the current one, so later lines still unlock.
        const run = await locket(words.slice(2), { ...env, LOCKET_NEW_PASSPHRASE: env.LOCKET_PASSPHRASE ?? '' });
        expect({ line, code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
        expect(run.stdout.length, line).toBeGreaterThan(0);
        const code = /Recovery code[^\n]*\n\n\s+([0-9A-Z-]{39})/.exec(run.stdout)?.[1];
        if (code) env.LOCKET_RECOVERY_CODE = code;
        if (words[2] === 'search' && words[4] === '今天晚上') expect(run.stdout).toMatch(/今天晚上/);
        if (words[2] === 'demo') expect(run.stdout).toContain('locket demo');
      }
    } finally {
      process.chdir(previous);
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
