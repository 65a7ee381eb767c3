import type { BackupSummary, CompactProgress, CompactReport, KdfStrength, VaultStatus } from '../ipc/contract';
import { LocketError } from '../core/errors';
import { readSecret, writeJson, type CliIo } from './cli-io';
import { passphraseOptions, type CliCommand, type CommandContext } from './command';
import { renderFileProgress, withProgressLine } from './progress-bar';
import { terminalLine } from './terminal-text';

const PASSPHRASE = {
  fileOption: 'passphrase-file',
  envVar: 'LOCKET_PASSPHRASE',
  prompt: 'Passphrase: ',
  what: 'passphrase',
} as const;
const NEW_PASSPHRASE = {
  fileOption: 'new-passphrase-file',
  envVar: 'LOCKET_NEW_PASSPHRASE',
  prompt: 'New passphrase: ',
  what: 'new passphrase',
  confirm: true,
} as const;
const RECOVERY_CODE = {
  fileOption: 'recovery-code-file',
  envVar: 'LOCKET_RECOVERY_CODE',
  prompt: 'Recovery code: ',
  what: 'recovery code',
} as const;

/** Unlocks the vault named by the first positional with the passphrase from file, environment or prompt. */
export async function unlockFromCli(ctx: CommandContext): Promise<VaultStatus> {
  const passphrase = await readSecret(ctx.io, ctx.options, PASSPHRASE);
  return ctx.service['vault.unlock']({ path: ctx.positionals[0]!, passphrase });
}

/** The search index's state, as `import`, `index` and `info` print it. */
export function searchIndexState(pending: number): string {
  return pending > 0
    ? `${pending.toLocaleString('en-US')} messages still to index (search finds them all the same, more slowly; \`locket index\` or the next import indexes them)`
    : 'complete';
}

/** Lines for `locket info`: backup folders that still hold wiped data. */
function backupsHoldingLines(backups: readonly BackupSummary[]): string[] {
  return backups.map(
    (b) =>
      `           ${terminalLine(b.path)} (last backup ${new Date(b.madeAt).toISOString()}; ${b.pendingWipes.length} wipe(s) since; run locket backup VAULT ${terminalLine(b.path)})`,
  );
}

function printStatus(io: CliIo, status: VaultStatus): void {
  const lines = [
    `Vault      ${terminalLine(status.path)}`,
    `Id         ${status.vaultId}`,
    `Format     version ${status.formatVersion}`,
    `Created    ${status.createdAt ? new Date(status.createdAt).toISOString() : '-'}`,
    `Key        Argon2id, ${status.kdf?.opsLimit} passes, ${(status.kdf?.memLimitKiB ?? 0) / 1024} MiB`,
  ];
  if (status.counts) {
    lines.push(
      `Contents   ${status.counts.conversations} conversations, ${status.counts.messages} messages in ${status.counts.shards} shards, ${status.counts.mediaFiles} media files`,
      `Index      ${searchIndexState(status.counts.unindexedMessages)}`,
    );
  }
  lines.push(`Auto-lock  ${status.autoLockMinutes ? `after ${status.autoLockMinutes} idle minutes` : 'off'}`);
  lines.push(`Signing    Ed25519 key, fingerprint ${status.signingKeyFingerprint}`);
  if (status.rollbackWarning) lines.push(`Warning    ${terminalLine(status.rollbackWarning)}`);
  if (status.backupNote) lines.push(`Backup     ${terminalLine(status.backupNote)}`);
  const holding = status.backupsHoldingWipedData ?? [];
  if (holding.length > 0) {
    lines.push(
      `Backups    ${holding.length} backup folder(s) still hold data that was wiped here, until their next backup:`,
    );
    lines.push(...backupsHoldingLines(holding));
  }
  const skipped = status.cleanupSkipped ?? [];
  if (skipped.length > 0) {
    lines.push(
      `Left as is ${skipped.length} files in the vault folder that cleanup would not touch (never followed or overwritten):`,
    );
    for (const s of skipped) lines.push(`           ${terminalLine(s.path)} (${s.reason})`);
  }
  io.stdout(`${lines.join('\n')}\n`);
}

const init: CliCommand = {
  name: 'init',
  usage: 'locket init VAULT [--kdf interactive|moderate|sensitive] [--passphrase-file FILE] [--json]',
  summary: 'Create a new encrypted vault in an empty or new folder and show its recovery code once.',
  options: { ...passphraseOptions, kdf: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const kdf = ctx.options.kdf as string | undefined;
    if (kdf !== undefined && !['interactive', 'moderate', 'sensitive'].includes(kdf)) {
      throw new LocketError('invalid-argument', '--kdf must be interactive, moderate or sensitive.');
    }
    const passphrase = await readSecret(ctx.io, ctx.options, {
      ...PASSPHRASE,
      prompt: 'Choose a passphrase: ',
      confirm: true,
    });
    const { status, recoveryCode } = await ctx.service['vault.create']({
      path: ctx.positionals[0]!,
      passphrase,
      ...(kdf ? { kdf: kdf as KdfStrength } : {}),
    });
    if (ctx.json) return writeJson(ctx.io, { vault: status.path, vaultId: status.vaultId, recoveryCode });
    ctx.io.stdout(
      `Created vault ${status.path}\n\n` +
        `Recovery code (shown only now; write it down and keep it apart from the computer):\n\n    ${recoveryCode}\n\n` +
        'With it you can set a new passphrase if you forget yours: locket recover VAULT\n',
    );
  },
};

const info: CliCommand = {
  name: 'info',
  usage: 'locket info VAULT [--passphrase-file FILE] [--json]',
  summary: 'Unlock the vault and show its format, key settings and contents.',
  options: passphraseOptions,
  positionals: [1, 1],
  async run(ctx) {
    const status = await unlockFromCli(ctx);
    if (ctx.json) return writeJson(ctx.io, status);
    printStatus(ctx.io, status);
  },
};

const passwd: CliCommand = {
  name: 'passwd',
  usage: 'locket passwd VAULT [--rekey] [--passphrase-file FILE] [--new-passphrase-file FILE] [--json]',
  summary:
    'Change the passphrase (rewrites only the vault header). With --rekey, also replace the vault key: an old copy of the header stops opening the vault, and a new recovery code is shown once.',
  options: { ...passphraseOptions, 'new-passphrase-file': { type: 'string' }, rekey: { type: 'boolean' } },
  positionals: [1, 1],
  async run(ctx) {
    const rekey = ctx.options.rekey === true;
    const currentPassphrase = await readSecret(ctx.io, ctx.options, { ...PASSPHRASE, prompt: 'Current passphrase: ' });
    await ctx.service['vault.unlock']({ path: ctx.positionals[0]!, passphrase: currentPassphrase });
    const newPassphrase = await readSecret(ctx.io, ctx.options, NEW_PASSPHRASE);
    const status = await ctx.service['vault.changePassphrase']({
      currentPassphrase,
      newPassphrase,
      ...(rekey ? { rekey } : {}),
    });
    if (!rekey) {
      if (ctx.json) return writeJson(ctx.io, { vault: status.path, changed: true });
      ctx.io.stdout(`Passphrase changed for ${status.path}.\n`);
      return;
    }
    if (ctx.json)
      return writeJson(ctx.io, { vault: status.path, changed: true, rekeyed: true, recoveryCode: status.recoveryCode });
    ctx.io.stdout(
      `Passphrase changed and vault key replaced for ${status.path}.\n` +
        'The old passphrase, the old recovery code and old copies of the header no longer open it. Its signing key stays.\n\n' +
        `Recovery code, new (shown only now; write it down and keep it apart from the computer):\n\n    ${status.recoveryCode}\n`,
    );
  },
};

const recover: CliCommand = {
  name: 'recover',
  usage: 'locket recover VAULT [--recovery-code-file FILE] [--new-passphrase-file FILE] [--json]',
  summary: 'Set a new passphrase using the recovery code shown when the vault was created.',
  options: { 'recovery-code-file': { type: 'string' }, 'new-passphrase-file': { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const recoveryCode = await readSecret(ctx.io, ctx.options, RECOVERY_CODE);
    const newPassphrase = await readSecret(ctx.io, ctx.options, NEW_PASSPHRASE);
    const status = await ctx.service['vault.resetPassphraseWithRecoveryCode']({
      path: ctx.positionals[0]!,
      recoveryCode,
      newPassphrase,
    });
    if (ctx.json) return writeJson(ctx.io, { vault: status.path, changed: true });
    ctx.io.stdout(`New passphrase set for ${status.path}. The recovery code stays valid.\n`);
  },
};

const compact: CliCommand = {
  name: 'compact',
  usage: 'locket compact VAULT [--passphrase-file FILE] [--json]',
  summary:
    'Write again, in the current format, the catalog and shards an older Locket wrote: uncompressed files, and shards whose search index keeps a copy of its words (one commit). Ctrl-C stops it before the commit, leaving the vault as it was.',
  options: passphraseOptions,
  positionals: [1, 1],
  async run(ctx) {
    await unlockFromCli(ctx);
    const report = await withProgressLine(
      ctx,
      'vault.compactProgress',
      renderCompactProgress,
      () => ctx.service['vault.compact']({}),
      () => ctx.service['vault.cancelCompact'](),
    );
    if (ctx.json) return writeJson(ctx.io, report);
    ctx.io.stdout(`${compactSentence(report)}
`);
  },
};

/** `Compacting [###---] 3/12 files · 40.1/122.1 MB`, then `Saving` while the commit writes the catalog. */
function renderCompactProgress(p: CompactProgress): string {
  return renderFileProgress(p.phase === 'rewriting' ? 'Compacting' : 'Saving', p);
}

/** The sentence `locket compact` ends with: what it wrote again, the size before and after, and the ratio. */
function compactSentence(report: CompactReport): string {
  // A small vault compacts to kilobytes, which "0.0 MiB" would hide.
  const mib = (bytes: number) =>
    bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (report.filesRewritten === 0)
    return `Nothing to compact: the catalog and every shard are compressed, in the current format (${mib(report.bytesAfter)}).`;
  const ratio = report.bytesAfter > 0 ? report.bytesBefore / report.bytesAfter : 1;
  const what =
    report.shardsRewritten === report.filesRewritten
      ? `${report.shardsRewritten} shard${report.shardsRewritten === 1 ? '' : 's'}`
      : `${report.shardsRewritten} shard${report.shardsRewritten === 1 ? '' : 's'} and the catalog`;
  return `Compacted ${what}: catalog and shards ${mib(report.bytesBefore)} before, ${mib(report.bytesAfter)} now (${ratio.toFixed(1)}x smaller).`;
}

export const vaultCommands: CliCommand[] = [init, info, passwd, recover, compact];
