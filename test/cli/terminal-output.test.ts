/**
 * Issue 17, Low: the CLI printed terminal escape sequences and NULs from message text raw, and `| head` ended in
 * an EPIPE stack trace. Text output shows controls as `\u001b`-style escapes (newlines stay), --json stays exact,
 * and a reader that closes early ends the command quietly with exit 0.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, fitToWidth, terminalLine, terminalText } from '../../electron/cli/terminal-text';
import { run } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { locket } from '../helpers/cli';
import { sharedTempDir } from '../helpers/temp-dir';
import { message, TEST_PASSPHRASE, testKdf } from '../helpers/vault';
import { generateChatLabVariants } from '../fixtures/generate-chatlab-variants';

const PASS = { LOCKET_PASSPHRASE: TEST_PASSPHRASE };
const HOSTILE = 'clear\u001b[2Jbell\u0007nul\u0000rlo\u202etxt.exe\nsecond line';
const HOSTILE_SHOWN = 'clear\\u001b[2Jbell\\u0007nul\\u0000rlo\\u202etxt.exe\nsecond line';
const FILLERS = 3000;

let vault = '';

beforeAll(async () => {
  vault = join(sharedTempDir('locket-terminal-'), 'Terminal.locket');
  const { session } = await VaultSession.create(vault, TEST_PASSPHRASE, testKdf);
  await session.write((w) => {
    run(w.catalog, 'INSERT INTO conversations (id, username, display_name, is_group) VALUES (?, ?, ?, ?)', [
      1,
      'wxid_friend',
      'Friend\u001b]0;pwned\u0007\u009b31m',
      0,
    ]);
    run(w.catalog, "INSERT INTO contacts (username, nickname) VALUES ('wxid_friend', 'Eve\u001b[1A\nforged')");
  });
  await session.write((w) =>
    w.insertMessages([
      message(0, { sender: 'wxid_friend', isSent: false, text: HOSTILE }),
      ...Array.from({ length: FILLERS }, (_, i) => message(i + 1, { text: `filler ${i + 1} ${'x'.repeat(80)}` })),
    ]),
  );
  await session.write((w) => run(w.catalog, 'UPDATE conversations SET message_count = ? WHERE id = 1', [FILLERS + 1]));
  await session.lock();
});

describe('control characters from a source, in text output', () => {
  it('shows ESC, CSI, BEL, NUL, C1 controls and bidi overrides escaped; keeps newlines and tabs', () => {
    expect(terminalText(HOSTILE)).toBe(HOSTILE_SHOWN);
    expect(terminalText('a\u009b2Jb\u0085c\u200fd\u2066e\u2069\u007f')).toBe(
      'a\\u009b2Jb\\u0085c\\u200fd\\u2066e\\u2069\\u007f',
    );
    expect(terminalText('tab\there\r\nwindows line\rover')).toBe('tab\there\r\nwindows line\\u000dover');
    expect(terminalText('你好 🍲 C:\\Users\\me')).toBe('你好 🍲 C:\\Users\\me');
    expect(terminalLine('Eve\u001b[1A\nforged\tx')).toBe('Eve\\u001b[1A\\u000aforged\\u0009x');
  });

  it('locket messages prints the text escaped, its newlines as they are', async () => {
    const out = await locket(['messages', vault], PASS);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Eve\\u001b[1A\\u000aforged: ${HOSTILE_SHOWN}\n`);
    // eslint-disable-next-line no-control-regex -- nothing a terminal acts on gets through
    expect(out.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('locket messages --json keeps the text exact', async () => {
    const out = await locket(['messages', vault, '--json'], PASS);
    const first = JSON.parse(out.stdout.split('\n')[0]!) as { text: string };
    expect(first.text).toBe(HOSTILE);
  });

  it('locket conversations and search escape names and snippets, and forge no lines', async () => {
    const list = await locket(['conversations', vault], PASS);
    expect(list.stdout).toContain('Friend\\u001b]0;pwned\\u0007\\u009b31m');
    const found = await locket(['search', vault, 'clear'], PASS);
    expect(found.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the «match» markers are not controls
    expect(found.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(found.stdout).toContain('\\u001b[2J');
    const json = await locket(['search', vault, 'clear', '--json'], PASS);
    expect((JSON.parse(json.stdout.split('\n')[0]!) as { text: string }).text).toBe(HOSTILE);
  });
});

describe('a reader that closes early (`locket messages VAULT | head`)', () => {
  it('ends the command quietly with exit 0: no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, ['bin/locket.cjs', 'messages', vault], {
      env: { ...process.env, ...PASS, NODE_CHANNEL_FD: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -n 1`: read the first chunk, then close the pipe while the CLI still has ~300 KB to write.
    const firstChunk = await new Promise<string>((done) =>
      child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8'))),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
    expect(firstChunk).toContain('\\u001b[2J');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe('tables with Chinese names', () => {
  it('fits a text to a number of terminal columns: CJK and emoji count two, a longer text is cut with …', () => {
    expect(displayWidth('技术分享群 🚲 ab')).toBe(16);
    expect(fitToWidth('技术分享群', 12)).toBe('技术分享群  ');
    expect(fitToWidth('周末骑行群周末骑行群', 9)).toBe('周末骑行…');
    expect(fitToWidth('周末骑行群周末骑行群', 10)).toBe('周末骑行… ');
    // A path keeps its end, where the file name is.
    expect(fitToWidth('/导出/很长的路径/chat.csv [chatlab]', 16, 'end')).toBe('…t.csv [chatlab]');
    expect(fitToWidth('/导出/很长的路径/聊天记录.csv [chatlab]', 20, 'end')).toBe('…记录.csv [chatlab] ');
    for (const text of ['a', '技术', '长'.repeat(50), `${'x'.repeat(40)}🚲`]) {
      expect(displayWidth(fitToWidth(text, 20))).toBe(20);
    }
  });

  it('locket import lines its columns up under Chinese names, with names from the source escaped', async () => {
    const root = sharedTempDir('locket-import-table-');
    const files = generateChatLabVariants(join(root, 'exports'));
    // A chat name that tries to move the cursor and forge a line.
    const hostile = join(root, 'hostile.json');
    writeFileSync(
      hostile,
      readFileSync(files.specPrivateJson, 'utf8').replace('与小鹿的对话', '与小鹿\\u001b[1A\\n的对话'),
    );
    const importVault = join(root, 'Table.locket');
    expect((await locket(['init', importVault], PASS)).code).toBe(0);
    const out = await locket(['import', importVault, files.specGroupJson, files.qqntJsonl, hostile], PASS);
    expect(out.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- no control character reaches the terminal
    expect(out.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const table = out.stdout
      .split('\n\n')
      .find((block) => block.startsWith('Conversation'))!
      .split('\n');
    expect(table.length).toBeGreaterThanOrEqual(4);
    expect(table.some((line) => line.includes('与小鹿\\u001b[1A\\u000a的对话'))).toBe(true);
    // Every row's `new` count ends at the header's column, whatever the name's characters.
    const end = displayWidth(table[0]!.slice(0, table[0]!.indexOf('new') + 3));
    for (const line of table.slice(1)) {
      const upToNew = /^(.*? +\d+) +\d+ +\d+( {2}\(.*\))?$/.exec(line)?.[1] ?? '';
      expect(displayWidth(upToNew), line).toBe(end);
    }
  });
});
