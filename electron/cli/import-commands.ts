import { basename, relative } from 'node:path';
import type { ImportReport } from '../ipc/contract';
import { writeJson, type CliIo } from './cli-io';
import { passphraseOptions, type CliCommand } from './command';
import { renderProgress, withProgressLine } from './progress-bar';
import { searchIndexState, unlockFromCli } from './vault-commands';
import { fitToWidth, terminalLine } from './terminal-text';

function printReport(io: CliIo, r: ImportReport): void {
  const lines = [
    `Imported ${r.imported.toLocaleString('en-US')} messages (${r.duplicates.toLocaleString('en-US')} already in the vault) from ${sourcesLine(r)}.`,
  ];
  const zones = [...new Set(r.sources.flatMap((s) => (s.timeZone ? [s.timeZone] : [])))];
  if (zones.length) lines.push(`Local times read as ${zones.join(', ')} (change with --time-zone).`);
  lines.push(`Not imported: ${reasonList(r.skipped) || 'none'}.`);
  if (r.unchanged || r.full) lines.push(unchangedLine(r));
  const notes = Object.entries(r.notes);
  if (notes.length) lines.push(`Stored with a remark: ${notes.map(([k, v]) => `${v} ${k}`).join(', ')}.`);
  const missing = Object.entries(r.media.missing);
  lines.push(
    `Media: ${r.media.stored} stored, ${r.media.alreadyInVault} already in the vault${missing.length ? `, missing: ${missing.map(([k, v]) => `${v} ${k}`).join(', ')}` : ''}.`,
  );
  lines.push(searchIndexLine(r.searchIndexPending ?? 0));
  lines.push('', 'Conversation'.padEnd(40) + 'new'.padStart(9) + 'dupes'.padStart(9) + 'skipped'.padStart(9));
  for (const c of r.conversations) {
    const skipped = Object.values(c.skipped).reduce((sum, n) => sum + n, 0);
    lines.push(
      fitToWidth(terminalLine(c.displayName), 38) +
        '  ' +
        String(c.imported).padStart(9) +
        String(c.duplicates).padStart(9) +
        String(skipped).padStart(9) +
        (skipped ? `  (${reasonList(c.skipped)})` : ''),
    );
  }
  if (r.sources.length > 1) {
    lines.push('', 'Source'.padEnd(40) + 'new'.padStart(9) + 'dupes'.padStart(9) + 'skipped'.padStart(9));
    for (const s of r.sources) {
      const skipped = Object.values(s.skipped).reduce((sum, n) => sum + n, 0);
      const name = s.folder ? relative(s.folder, s.path) : s.path;
      lines.push(
        fitToWidth(`${terminalLine(name)} [${s.format}]`, 38, 'end') +
          '  ' +
          String(s.imported).padStart(9) +
          String(s.duplicates).padStart(9) +
          String(skipped).padStart(9) +
          (skipped ? `  (${reasonList(s.skipped)})` : ''),
      );
    }
  }
  if (r.unrecognizedCount) lines.push('', unrecognizedLine(r));
  lines.push('', ...originLines(r), `Source files (SHA-256) are recorded in import #${r.importId}.`);
  io.stdout(`${lines.join('\n')}\n`);
}

/**
 * What the sources say about where they came from (the phone, its iOS, WeChat's version; an export's format version
 * and the program that wrote it), as the import recorded it for evidence bags. Source text: made safe to print.
 */
function originLines(r: ImportReport): string[] {
  return r.sources.flatMap((s) => {
    const o = s.origin;
    if (!o) return [];
    const parts = [
      o.deviceName !== undefined ? `device "${o.deviceName}"${o.deviceModel ? ` (${o.deviceModel})` : ''}` : null,
      o.osVersion !== undefined ? `iOS ${o.osVersion}` : null,
      o.wechatVersion !== undefined ? `WeChat ${o.wechatVersion}` : null,
      o.formatVersion !== undefined ? `format version ${o.formatVersion}` : null,
      o.tool !== undefined ? `written by "${o.tool}"` : null,
    ].filter((p): p is string => p !== null);
    return parts.length ? [terminalLine(`${basename(s.path)} [${s.format}]: ${parts.join(', ')}.`)] : [];
  });
}

/** The sources in one phrase: each by path and format, or the export files of a folder by their count. */
function sourcesLine(r: ImportReport): string {
  const folders = [...new Set(r.sources.flatMap((s) => (s.folder ? [s.folder] : [])))];
  const direct = r.sources.filter((s) => !s.folder).map((s) => `${s.path} [${s.format}]`);
  const inFolders = folders.map(
    (folder) => `${r.sources.filter((s) => s.folder === folder).length} export files in ${folder}`,
  );
  return [...direct, ...inFolders].join(', ');
}

/**
 * What an incremental import did not read again, with the files found unchanged; or that everything was read. Every
 * source row is imported, a duplicate, not imported with a reason, or counted here.
 */
function unchangedLine(r: ImportReport): string {
  if (r.full) return 'Unchanged, not read: none (--full: every file was read again).';
  if (!r.unchanged) return 'Unchanged, not read: none.';
  const files = r.sources.flatMap((s) =>
    s.files.filter((f) => f.unchanged || f.notRead).map((f) => ({ ...f, source: s })),
  );
  return [
    `Unchanged, not read: ${r.unchanged.rows.toLocaleString('en-US')} messages read by earlier imports, ${r.unchanged.files.toLocaleString('en-US')} files unchanged (read everything again with --full).`,
    ...files
      .slice(0, 20)
      .map(
        (f) =>
          `  ${terminalLine(f.source.folder ? relative(f.source.folder, f.source.path) : f.source.path)}: ${terminalLine(f.path)}: ${f.unchanged ? 'unchanged, not read' : 'read past the rows read before'}${f.notRead ? ` (${f.notRead.toLocaleString('en-US')} messages not read again)` : ''}`,
      ),
    ...(files.length > 20 ? [`  … and ${files.length - 20} more files`] : []),
  ].join('\n');
}

/** Files of the chosen folders that are not chat exports: how many, why, and the first few. */
function unrecognizedLine(r: ImportReport): string {
  const listed = r.unrecognized ?? [];
  const reasons: Record<string, number> = {};
  for (const u of listed) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  const examples = listed.filter((u) => u.reason !== 'media-or-page' && u.reason !== 'companion-file').slice(0, 5);
  return [
    `Not chat exports, not read: ${(r.unrecognizedCount ?? 0).toLocaleString('en-US')} files of the chosen folders (${reasonList(reasons)}${listed.length < (r.unrecognizedCount ?? 0) ? ', among the first 500' : ''}).`,
    ...examples.map((u) => `  ${u.path} (${u.reason})`),
  ].join('\n');
}

/** `3 invalid-time, 1 wrong-column-count`: most frequent first; empty when there are none. */
function reasonList(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`)
    .join(', ');
}

function searchIndexLine(pending: number): string {
  return `Search index: ${searchIndexState(pending)}.`;
}

const importCommand: CliCommand = {
  name: 'import',
  usage:
    'locket import VAULT SOURCE... [--account ID] [--time-zone ZONE] [--owner WXID] [--full] [--passphrase-file FILE] [--json]',
  summary:
    "Import backups or export files into the vault in one step; re-importing reads only what is new (files unchanged since an earlier import are not read; grown databases are read past what was read). --full: read everything again. --time-zone: the zone an export's local times were written in (default: this computer's); --owner: whose export it is, when it does not say (default: the vault's owner).",
  options: {
    ...passphraseOptions,
    account: { type: 'string' },
    'time-zone': { type: 'string' },
    owner: { type: 'string' },
    full: { type: 'boolean' },
  },
  positionals: [2, 64],
  async run(ctx) {
    await unlockFromCli(ctx);
    const paths = ctx.positionals.slice(1);
    const detected = await ctx.service['import.detect']({ paths });
    const account = ctx.options.account as string | undefined;
    const timeZone = ctx.options['time-zone'] as string | undefined;
    const owner = ctx.options.owner as string | undefined;
    for (const d of detected) {
      if (d.accounts.length > 1 && !account) {
        ctx.io.stderr(
          `${terminalLine(d.path)} holds ${d.accounts.length} WeChat accounts; choose one with --account:\n`,
        );
        for (const a of d.accounts)
          ctx.io.stderr(
            `  --account ${terminalLine(a.id)}   ${terminalLine(a.ownerName ?? '')} ${a.owner ? `(${terminalLine(a.owner)})` : ''}\n`,
          );
      } else if (!ctx.json) {
        ctx.io.stderr(
          `${terminalLine(d.path)}: ${d.formatName}${d.owner ? `, account ${terminalLine(d.ownerName ?? d.owner)}` : ''}\n`,
        );
      }
    }
    const report = await withProgressLine(ctx, 'import.progress', renderProgress, () =>
      ctx.service['import.run']({
        paths,
        ...(account ? { account } : {}),
        ...(timeZone ? { timeZone } : {}),
        ...(owner ? { owner } : {}),
        ...(ctx.options.full === true ? { full: true } : {}),
      }),
    );
    if (ctx.json) return writeJson(ctx.io, report);
    printReport(ctx.io, report);
  },
};

const indexCommand: CliCommand = {
  name: 'index',
  usage: 'locket index VAULT [--passphrase-file FILE] [--json]',
  summary: 'Finish the search index for messages an import left unindexed (its indexing was cancelled).',
  options: passphraseOptions,
  positionals: [1, 1],
  async run(ctx) {
    await unlockFromCli(ctx);
    const { searchIndexPending } = await withProgressLine(ctx, 'import.progress', renderProgress, () =>
      ctx.service['import.finishIndex'](),
    );
    if (ctx.json) return writeJson(ctx.io, { searchIndexPending });
    ctx.io.stdout(`${searchIndexLine(searchIndexPending)}\n`);
  },
};

export const importCommands: CliCommand[] = [importCommand, indexCommand];
