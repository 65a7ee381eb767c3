import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  BagVerification,
  ExportArgs,
  ExportLanguage,
  ExportProgress,
  ExportResult,
  MessageKind,
} from '../ipc/contract';
import { bagProblemDetail, bagProblemKindText } from '../common/bag-problems';
import { bagRefusalText } from '../common/bag-refusals';
import { signatureProblemText } from '../common/bag-signature-problems';
import { CERTIFICATE_PROBLEM_TEXT, certificateProblemText } from '../common/certificate-problems';
import type { RecordWriter } from '../common/record-language';
import { LocketError } from '../core/errors';
import { EXPORT_LANGUAGES, isExportLanguage } from '../core/evidence/evidence-text';
import { normalizeFingerprint, unconfirmedKeyWarning } from '../core/retention/wipe-certificate';
import { checkTimeZone } from '../core/time-zones';
import { RECORD_OPTIONS_USAGE, certificateForTerminal, recordOptions, recordWriterFor } from './record-options';
import { hostTimeZone } from '../common/zoned-time';
import { parseCalendarPeriod, periodRange } from '../core/search/zoned-date';
import { writeJson, type CliIo } from './cli-io';
import { passphraseOptions, type CliCommand, type CommandContext } from './command';
import { findConversation } from './find-conversation';
import { unlockFromCli } from './vault-commands';
import { terminalLine } from './terminal-text';

/**
 * A date option in the export's zone: `2024`, `2024-03` or `2024-03-07` mean the start of that period there;
 * anything else must be an ISO 8601 date-time with its offset. Returns UTC seconds.
 */
export function parseZonedDate(value: string, option: string, timeZone: string): number {
  const period = parseCalendarPeriod(value);
  if (period) return periodRange(period, timeZone).start;
  const ms = /T\d{2}:\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms))
    throw new LocketError(
      'invalid-argument',
      `--${option} takes a date like 2024-01-31 (a day in --time-zone) or 2024-01-31T18:00:00+08:00, not "${value}".`,
    );
  return Math.floor(ms / 1000);
}

/** `500MB`, `2GB`, `1048576`: a split size in bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(value.trim());
  if (!match) throw new LocketError('invalid-argument', `--split-size takes a size like 500MB or 2GB, not "${value}".`);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[
    (match[2] ?? 'B').toUpperCase() as 'B' | 'KB' | 'MB' | 'GB'
  ];
  return Math.floor(Number(match[1]) * unit);
}

/**
 * The bag's language: `--lang`, else the terminal's locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then
 * LANG): Chinese in any region (`zh_CN.UTF-8`, `zh_TW`) is zh-CN, anything else English.
 */
function exportLanguage(given: unknown, env: NodeJS.ProcessEnv): ExportLanguage {
  if (given !== undefined) {
    if (isExportLanguage(given)) return given;
    throw new LocketError('invalid-argument', `--lang takes ${EXPORT_LANGUAGES.join(' or ')}, not "${String(given)}".`);
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => typeof v === 'string' && v !== '') ?? '';
  return /^zh([_.@-]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

function list(value: string | boolean | undefined | string[]): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

async function conversationIds(ctx: CommandContext, chosen: string[]): Promise<number[]> {
  if (!chosen.length) return [];
  const all = await ctx.service['conversations.list']();
  return chosen.map((c) => findConversation(all, c).id);
}

/** Vault message ids, as `locket messages --json` and `locket search --json` print them. */
function messageIds(values: string[]): number[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => {
      const id = Number(v.trim());
      if (!Number.isSafeInteger(id) || id <= 0)
        throw new LocketError('invalid-argument', `--message takes a vault message id (a whole number), not "${v}".`);
      return id;
    });
}

const PHASES: Record<ExportProgress['phase'], string> = {
  writing: 'Writing',
  printing: 'Printing PDF',
  sealing: 'Signing',
  zipping: 'Zipping',
  done: 'Done',
};

function printResult(io: CliIo, result: ExportResult): void {
  const many = result.bags.length > 1;
  io.stdout(
    `Exported ${result.messages} messages and ${result.mediaFiles} media files${many ? ` in ${result.bags.length} bags` : ''}.\n`,
  );
  for (const bag of result.bags)
    io.stdout(
      `${many ? '  ' : 'Bag: '}${bag.path}\n${many ? '    ' : '     '}${bag.identifier} · ${bag.messages} messages · ${bag.files} files\n`,
    );
  if (result.missingMedia)
    io.stdout(
      `${result.missingMedia} media files the messages refer to are not in the vault; the transcript says which.\n`,
    );
  if (result.pdf === 'written')
    io.stdout(`PDF written: data/transcript.pdf${result.pdfNote ? `\n${result.pdfNote}` : ''}\n`);
  else if (result.pdf.startsWith('skipped')) io.stdout(`PDF ${result.pdf}\n`);
  io.stdout(`Recorded in the audit log as entry #${result.auditSequence}. Check a bag with: locket verify BAG\n`);
}

const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'locket export VAULT (--conversation ID... | --query Q | --message ID...) [--after DATE] [--before DATE] [--kind KIND...] [--sender USERNAME...]\n' +
    '         [--format folder|zip] [--pdf] [--names remark|nickname|group|wxid] [--pseudonymize USERNAME...] [--no-mask]\n' +
    '         [--case REF] [--exporter NAME] [--organization NAME] [--time-zone TZ] [--lang zh-CN|en] [--split-messages N] [--split-size 500MB] --out PATH',
  summary:
    'Export conversations or search results as a signed, verifiable BagIt bag (transcript, PDF, JSON lines, CSV, media).',
  options: {
    ...passphraseOptions,
    conversation: { type: 'string', multiple: true },
    query: { type: 'string' },
    message: { type: 'string', multiple: true },
    after: { type: 'string' },
    before: { type: 'string' },
    kind: { type: 'string', multiple: true },
    sender: { type: 'string', multiple: true },
    format: { type: 'string' },
    pdf: { type: 'boolean' },
    names: { type: 'string' },
    pseudonymize: { type: 'string', multiple: true },
    'no-mask': { type: 'boolean' },
    case: { type: 'string' },
    exporter: { type: 'string' },
    organization: { type: 'string' },
    'time-zone': { type: 'string' },
    lang: { type: 'string' },
    'split-messages': { type: 'string' },
    'split-size': { type: 'string' },
    out: { type: 'string' },
  },
  positionals: [1, 1],
  async run(ctx) {
    const o = ctx.options;
    if (typeof o.out !== 'string' || !o.out)
      throw new LocketError(
        'invalid-argument',
        'Say where to write the export: --out PATH (a new folder, or a .zip with --format zip).',
      );
    const timeZone = typeof o['time-zone'] === 'string' ? checkTimeZone(o['time-zone']) : hostTimeZone();
    const lang = exportLanguage(o.lang, ctx.io.env);
    await unlockFromCli(ctx);
    const splitMessages = typeof o['split-messages'] === 'string' ? Number(o['split-messages']) : undefined;
    const args: ExportArgs = {
      conversationIds: await conversationIds(ctx, list(o.conversation)),
      ...(typeof o.query === 'string' ? { query: o.query } : {}),
      ...(list(o.message).length ? { messageIds: messageIds(list(o.message)) } : {}),
      ...(typeof o.after === 'string' ? { after: parseZonedDate(o.after, 'after', timeZone) } : {}),
      ...(typeof o.before === 'string' ? { before: parseZonedDate(o.before, 'before', timeZone) } : {}),
      kinds: list(o.kind) as MessageKind[],
      senders: list(o.sender),
      names: (o.names as ExportArgs['names']) ?? 'group',
      pseudonymize: list(o.pseudonymize),
      ...(o['no-mask'] ? { maskIdentifiers: false } : {}),
      timeZone,
      lang,
      caseReference: o.case as string | undefined,
      exporterName: o.exporter as string | undefined,
      organization: o.organization as string | undefined,
      format: (o.format as ExportArgs['format']) ?? 'folder',
      includePdf: Boolean(o.pdf),
      ...(splitMessages !== undefined || typeof o['split-size'] === 'string'
        ? {
            split: {
              maxMessages: splitMessages,
              maxBytes: typeof o['split-size'] === 'string' ? parseSize(o['split-size']) : undefined,
            },
          }
        : {}),
      outputPath: resolve(o.out),
    };
    if (ctx.io.isInteractive && !ctx.json) {
      ctx.on('export.progress', (p) =>
        ctx.io.stderr(
          `\r\u001b[2K${PHASES[p.phase]} · ${p.messages}${p.total ? `/${p.total}` : ''} messages${p.part > 1 ? ` · part ${p.part}` : ''}`,
        ),
      );
    }
    const result = await ctx.service['export.run'](args);
    if (ctx.io.isInteractive && !ctx.json) ctx.io.stderr('\r\u001b[2K');
    if (ctx.json) return writeJson(ctx.io, result);
    printResult(ctx.io, result);
  },
};

/** `--expect-key`, as `locket info` prints it (spaces, colons and case do not matter); undefined when not given. */
function expectedKey(ctx: CommandContext): string | undefined {
  const given = ctx.options['expect-key'];
  if (given === undefined) return undefined;
  const fingerprint = typeof given === 'string' ? normalizeFingerprint(given) : null;
  if (!fingerprint)
    throw new LocketError(
      'invalid-argument',
      `--expect-key takes the signing key fingerprint \`locket info\` prints (64 hex digits; spaces and colons allowed), not "${String(given)}".`,
    );
  return fingerprint;
}

/** The signer, compared with the expected key when one was given: a line for people. */
function signerLines(actual: string | null, expected: string | undefined, option = '--expect-key'): string {
  if (!actual) return '';
  if (expected === undefined)
    return `Signer:    NOT CONFIRMED. ${unconfirmedKeyWarning(option).join('\n           ')}\n`;
  return actual === expected
    ? 'Signer:    the expected key (its fingerprint is the one given with --expect-key)\n'
    : `Signer:    a DIFFERENT key from the one expected.\n           signed by ${actual}\n           expected  ${expected}\n`;
}

/**
 * The signer checked against `--expect-key`, as `verify` and `verify-certificate` both do: `keyMatches` is null
 * when no key was expected. With `--json` the result is written with `isValid` as the verdict (false also when
 * another key signed); `refuseOtherKey` ends the command with exit 4 when another key signed.
 */
function expectedKeyCheck(expected: string | undefined, signedBy: string | null) {
  const keyMatches = expected === undefined ? null : signedBy === expected;
  return {
    keyMatches,
    writeJson(io: CliIo, result: { isValid: boolean }): void {
      writeJson(io, {
        ...result,
        isValid: result.isValid && keyMatches !== false,
        expectedKey: expected ?? null,
        keyMatches,
      });
    },
    refuseOtherKey(what: 'bag' | 'certificate', w?: RecordWriter): void {
      if (keyMatches === false)
        throw new LocketError(
          'vault-corrupt',
          w?.isZh
            ? `${what === 'bag' ? '证据包' : '证书'}由另一把密钥签名：${signedBy ?? '无'}，而非预期的 ${expected}。`
            : `The ${what} was signed by a different key: ${signedBy ?? 'none'}, not the expected ${expected}.`,
          { signedBy, expectedKey: expected! },
        );
    },
  };
}

function printVerification(
  io: CliIo,
  path: string,
  v: BagVerification,
  expected: string | undefined,
  w: RecordWriter,
): void {
  const lang = w.language;
  const say = (en: string, zh: string) => io.stdout(w.say(en, zh));
  const id = v.identifier ? ` (${terminalLine(v.identifier)})` : '';
  say(`Bag:       ${terminalLine(path)}${id}\n`, `证据包：${terminalLine(path)}${id}\n`);
  say(
    `Files:     ${v.files} checked against manifest-sha256.txt, manifest-sha512.txt and the tag manifests\n`,
    `文件：已对照 manifest-sha256.txt、manifest-sha512.txt 和标签清单校验 ${v.files} 个文件\n`,
  );
  // Why the signature is not valid (its first problem, or what stopped the check), in --lang's words: the words of
  // the code --json prints beside `problem`.
  const why = terminalLine(signatureProblemText(lang, v.signature) ?? '');
  const fingerprint = v.signature.fingerprint;
  say(
    `Signature: ${v.signature.isValid ? 'valid' : `NOT valid${why ? `: ${why}` : ''}`}${fingerprint ? `\n           Ed25519 key fingerprint ${fingerprint}` : ''}\n`,
    `签名：${v.signature.isValid ? '有效' : `无效${why ? `：${why}` : ''}`}${fingerprint ? `\n      Ed25519 密钥指纹 ${fingerprint}` : ''}\n`,
  );
  if (v.signature.isValid)
    io.stdout(w.isZh ? signerLinesZh(fingerprint, expected) : signerLines(fingerprint, expected));
  if (v.isValid) {
    if (expected !== undefined && fingerprint !== expected)
      say(
        'The files are as signed, but NOT by the expected key: do not rely on this bag.\n',
        '文件与签名时一致，但并非由预期的密钥签名：请勿信赖此证据包。\n',
      );
    else
      say(
        `The bag is intact: every file matches its manifest and the signature is valid${expected !== undefined ? ', by the expected key' : ''}.\n`,
        `证据包完好：每个文件都与清单一致，签名有效${expected !== undefined ? '，且由预期的密钥签名' : ''}。\n`,
      );
    return;
  }
  const n = v.problems.length;
  say(
    `The bag is NOT intact${n ? `: ${n} problem${n === 1 ? '' : 's'}` : ''}.\n`,
    `证据包不完好${n ? `：${n} 个问题` : ''}。\n`,
  );
  for (const p of v.problems) {
    const kind = bagProblemKindText(lang, p.problem);
    io.stdout(
      `  ${w.isZh ? `${kind}  ` : kind.padEnd(13)}${terminalLine(p.file)}  ${w.say(`(${terminalLine(bagProblemDetail(lang, p))})`, `（${terminalLine(bagProblemDetail(lang, p))}）`)}\n`,
    );
  }
}

const EXPECT_KEY_SUMMARY =
  "With --expect-key (the fingerprint the vault owner's `locket info` shows), also that the vault's key signed it (exit 4 if another key did).";

const verify: CliCommand = {
  name: 'verify',
  usage: 'locket verify BAG [--expect-key FINGERPRINT] [--lang en|zh-CN] [--json]',
  summary:
    'Check an evidence bag (folder or .zip) offline: every file against its manifests, and the signature. No vault needed. ' +
    EXPECT_KEY_SUMMARY,
  options: { 'expect-key': { type: 'string' }, lang: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const path = resolve(ctx.positionals[0]!);
    const expected = expectedKey(ctx);
    const w = recordWriterFor(ctx);
    const result = await ctx.service['bags.verify']({ path }).catch((error: unknown) => {
      // No bag to check at all (nothing there, not a zip): said in --lang's words, with the same code.
      const words = error instanceof LocketError ? bagRefusalText(w.language, error.details) : null;
      throw words && error instanceof LocketError ? new LocketError(error.code, words, error.details) : error;
    });
    const keyCheck = expectedKeyCheck(expected, result.signature.fingerprint);
    if (ctx.json) keyCheck.writeJson(ctx.io, result);
    else printVerification(ctx.io, path, result, expected, w);
    if (!result.isValid) {
      const first = result.problems[0];
      throw new LocketError(
        'vault-corrupt',
        w.say(
          `The bag is not intact${first ? ` (${first.problem}: ${first.file})` : ': its signature is not valid'}.`,
          `证据包不完好${first ? `（${bagProblemKindText('zh-CN', first.problem)}：${first.file}）` : '：其签名无效'}。`,
        ),
        {
          problems: result.problems.length,
        },
      );
    }
    keyCheck.refuseOtherKey('bag', w);
  },
};

const verifyCertificate: CliCommand = {
  name: 'verify-certificate',
  usage: `locket verify-certificate CERTIFICATE.json [--expect-key FINGERPRINT] ${RECORD_OPTIONS_USAGE} [--json]`,
  summary:
    "Check a wipe certificate's signature offline (no vault or passphrase needed), then print it for people in --lang with times in --time-zone. " +
    EXPECT_KEY_SUMMARY,
  options: { 'expect-key': { type: 'string' }, ...recordOptions },
  positionals: [1, 1],
  async run(ctx) {
    const expected = expectedKey(ctx);
    const w = recordWriterFor(ctx);
    let text: string;
    try {
      text = readFileSync(ctx.positionals[0]!, 'utf8');
    } catch {
      throw new LocketError(
        'invalid-argument',
        w.say(`Cannot read ${ctx.positionals[0]}.`, `无法读取 ${ctx.positionals[0]}。`),
      );
    }
    const result = await ctx.service['certificates.verify']({ certificate: text });
    const keyCheck = expectedKeyCheck(expected, result.fingerprint);
    const { keyMatches } = keyCheck;
    // The problem in --lang's words (its code is what --json prints for scripts).
    const problem = certificateProblemText(w.language, result.problemCode ?? result.problem ?? '');
    if (ctx.json)
      keyCheck.writeJson(ctx.io, {
        ...result,
        ...(keyMatches === false && result.isValid
          ? { problemCode: 'other-key', problem: CERTIFICATE_PROBLEM_TEXT.en['other-key'] }
          : {}),
      });
    else if (!result.isValid) ctx.io.stdout(w.say(`NOT valid: ${problem}\n`, `无效：${problem}\n`));
    else {
      ctx.io.stdout(
        w.isZh
          ? `签名：有效\n      Ed25519 密钥指纹 ${result.fingerprint}\n${signerLinesZh(result.fingerprint, expected)}`
          : `Signature: valid\n           Ed25519 key fingerprint ${result.fingerprint}\n${signerLines(result.fingerprint, expected)}`,
      );
      ctx.io.stdout(
        keyMatches === false
          ? `${certificateProblemText(w.language, 'other-key')}\n`
          : w.say(
              `Valid: the certificate is as it was signed${keyMatches ? ', by the expected key' : ''}.\n`,
              `有效：证书与签名时完全一致${keyMatches ? '，且由预期的密钥签名' : ''}。\n`,
            ),
      );
      // What it certifies, for people: only once its signature holds, and never for another signer's copy.
      if (keyMatches !== false)
        ctx.io.stdout(`\n${certificateForTerminal(w, (JSON.parse(text) as { body: unknown }).body)}`);
    }
    if (!result.isValid)
      throw new LocketError(
        'vault-corrupt',
        w.say(`The certificate is not valid: ${problem}`, `证书无效：${problem}`),
        {
          problem: result.problemCode,
        },
      );
    keyCheck.refuseOtherKey('certificate', w);
  },
};

/** `signerLines` in Chinese, for `verify-certificate --lang zh-CN`. */
function signerLinesZh(actual: string | null, expected: string | undefined): string {
  if (!actual) return '';
  if (expected === undefined)
    return (
      '签名者：未确认。签名只能证明内容在上面这把密钥下未被改动：任何人都能用自己的密钥为改动过的副本重新签名。\n' +
      '      请通过文件以外的途径（当面、电话，或在确知属于对方的地方公布）向保险库所有者索取指纹\n' +
      '      （`locket info VAULT`，或 Locket 的“设置”），再用 --expect-key 指纹 重新校验。\n'
    );
  return actual === expected
    ? '签名者：预期的密钥（即 --expect-key 给出的指纹）\n'
    : `签名者：与预期不同的密钥。\n      签名密钥 ${actual}\n      预期密钥 ${expected}\n`;
}

export const evidenceCommands: CliCommand[] = [exportCommand, verify, verifyCertificate];
