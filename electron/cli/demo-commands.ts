import { join, resolve } from 'node:path';
import { writeJson } from './cli-io';
import type { CliCommand } from './command';

/** What the quick start shows next: every line runs against the demo vault as printed (test/cli/readme-commands). */
export function nextSteps(vault: string, conversation: string): string[] {
  const v = JSON.stringify(vault);
  return [
    `export LOCKET_PASSPHRASE="locket demo"   # demo vaults only: never put real data in one`,
    `npx locket info ${v}`,
    `npx locket conversations ${v}`,
    `npx locket search ${v} "今天晚上"`,
    `npx locket search ${v} "from:Lena has:image"`,
    `npx locket retention show ${v}`,
    `npx locket hold add ${v} --name "Case 17" --reason "Contract dispute" --by "Legal" --conversation ${conversation}`,
    `npx locket wipe ${v} --expired --dry-run`,
    `npx locket audit ${v} --verify`,
  ];
}

const demo: CliCommand = {
  name: 'demo',
  usage: 'locket demo [DIR] [--json]',
  summary:
    'Create a throwaway demo vault from the bundled sample archive (passphrase "locket demo") and show what to try.',
  options: {},
  positionals: [0, 1],
  async run(ctx) {
    const vault = resolve(ctx.positionals[0] ?? 'Locket Demo.locket');
    const result = await ctx.service['vault.createDemo']({ path: vault });
    const business = (await ctx.service['conversations.list']()).find((c) => c.username === 'wxid_demo_chen');
    const steps = nextSteps(vault, business?.username ?? 'wxid_demo_chen');
    if (ctx.json)
      return writeJson(ctx.io, { vault, passphrase: result.passphrase, imported: result.report.imported, next: steps });
    ctx.io.stdout(
      `Created the demo vault ${vault}\n` +
        `It holds ${result.report.imported} synthetic messages in ${result.report.conversations.length} chats (a family group, a friend, a customer).\n` +
        `Its passphrase is "${result.passphrase}". It is a demo: never put real data in it.\n\nTry next:\n\n` +
        steps.map((s) => `  ${s}`).join('\n') +
        '\n',
    );
  },
};

export const demoCommands: CliCommand[] = [demo];

/** resources/sample/<account> relative to this file, both in the source tree (electron/cli) and built (out/cli). */
export function bundledSamplePath(): string {
  return join(__dirname, '..', '..', 'resources', 'sample', 'wxid_locket_demo');
}
