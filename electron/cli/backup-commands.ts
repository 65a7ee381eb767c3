import { resolve } from 'node:path';
import type { CheckReport } from '../ipc/contract';
import { LocketError } from '../core/errors';
import { readSecret, writeJson, type CliIo } from './cli-io';
import { passphraseOptions, type CliCommand } from './command';
import { renderFileProgress, withProgressLine } from './progress-bar';
import { terminalLine } from './terminal-text';
import { unlockFromCli } from './vault-commands';

const PASSPHRASE = {
  fileOption: 'passphrase-file',
  envVar: 'LOCKET_PASSPHRASE',
  prompt: 'Passphrase: ',
  what: 'passphrase',
} as const;

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

const backup: CliCommand = {
  name: 'backup',
  usage: 'locket backup VAULT DEST [--passphrase-file FILE] [--json]',
  summary:
    'Mirror the vault to a folder (another drive, a NAS, a synced folder): copies only the files the backup lacks, writes its catalog and header last, then removes what the vault no longer holds (wiped data included). The folder opens as the vault with the same passphrase. Ctrl-C stops between files; run it again to resume.',
  options: passphraseOptions,
  positionals: [2, 2],
  async run(ctx) {
    await unlockFromCli(ctx);
    const path = resolve(ctx.positionals[1]!);
    const result = await withProgressLine(
      ctx,
      'backup.progress',
      (p) => renderFileProgress('Backing up', p),
      () => ctx.service['backup.run']({ path }),
      () => ctx.service['backup.cancel'](),
    );
    if (ctx.json) return writeJson(ctx.io, result);
    const lines = [
      `Backed up to ${terminalLine(result.path)}: ${result.filesCopied} files copied (${megabytes(result.bytesCopied)}), ${result.filesKept} already there, ${result.filesRemoved} removed.`,
      `The backup holds ${result.files} files, ${megabytes(result.bytes)}, at generation ${result.generation}. It opens with the vault's passphrase: locket info ${terminalLine(result.path)}`,
    ];
    if (result.wipesCleared.length > 0)
      lines.push(
        `Wiped data is now gone from this backup too (wipes recorded as audit entries ${result.wipesCleared.map((s) => `#${s}`).join(', ')}; this backup is audit entry #${result.auditSequence}).`,
      );
    ctx.io.stdout(`${lines.join('\n')}\n`);
  },
};

const restore: CliCommand = {
  name: 'restore',
  usage: 'locket restore BACKUP DEST [--passphrase-file FILE] [--json]',
  summary:
    'Copy a backup folder into a new or empty folder, then open it with the passphrase and check every file. Never writes over a vault.',
  options: passphraseOptions,
  positionals: [2, 2],
  async run(ctx) {
    const passphrase = await readSecret(ctx.io, ctx.options, PASSPHRASE);
    const result = await ctx.service['backup.restore']({
      backupPath: resolve(ctx.positionals[0]!),
      path: resolve(ctx.positionals[1]!),
      passphrase,
    });
    if (ctx.json) return writeJson(ctx.io, result);
    const lines = [
      `Restored ${result.messages.toLocaleString('en-US')} messages (${result.files} files, ${megabytes(result.bytes)}) to ${terminalLine(result.path)}; every file checked.`,
    ];
    if (result.newerGenerationSeen !== null)
      lines.push(
        `This computer had seen the vault at generation ${result.newerGenerationSeen}; the backup is generation ${result.generation}: what was committed after the backup is not in the restored vault.`,
        'From now on the restored vault is the one this computer expects (no rollback warning when it opens).',
      );
    ctx.io.stdout(`${lines.join('\n')}\n`);
  },
};

function printCheck(io: CliIo, report: CheckReport): void {
  const lines = [
    `Checked ${terminalLine(report.path)} (generation ${report.generation}): ${report.shards} shards with ${report.messages.toLocaleString('en-US')} messages, ${report.mediaFiles} media files, ${megabytes(report.bytes)}, audit log of ${report.auditEntries} entries.`,
  ];
  if (report.isIntact) lines.push('No problems: every file is present, authentic and what the catalog says.');
  else {
    lines.push(`${report.problems.length} problem(s):`);
    for (const p of report.problems) lines.push(`  ${terminalLine(p.file)}: ${p.problem} — ${terminalLine(p.detail)}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
}

const check: CliCommand = {
  name: 'check',
  usage: 'locket check VAULT [--passphrase-file FILE] [--json]',
  summary:
    'Scrub a vault or backup folder with its passphrase: every file present, authentic and matching the catalog (message counts, media sizes and hashes), no unreferenced files, the audit chain intact. Exit 4 names each problem.',
  options: passphraseOptions,
  positionals: [1, 1],
  async run(ctx) {
    const passphrase = await readSecret(ctx.io, ctx.options, PASSPHRASE);
    const path = resolve(ctx.positionals[0]!);
    const report = await withProgressLine(
      ctx,
      'vault.checkProgress',
      (p) => renderFileProgress('Checking', p),
      () => ctx.service['vault.check']({ path, passphrase }),
      () => ctx.service['vault.cancelCheck'](),
    );
    if (ctx.json) writeJson(ctx.io, report);
    else printCheck(ctx.io, report);
    if (!report.isIntact) {
      const first = report.problems[0]!;
      throw new LocketError(
        'vault-corrupt',
        `${report.problems.length} problem(s) found, first ${first.file} (${first.problem}).`,
        { problems: report.problems.length },
      );
    }
  },
};

export const backupCommands: CliCommand[] = [backup, restore, check];
