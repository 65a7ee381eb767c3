import { auditProblemText } from '../common/audit-problems';
import { certificateProblemText } from '../common/certificate-problems';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RetentionTarget, VaultStatus, WipePreview, WipeSelection } from '../ipc/contract';
import { filterAudit, parseAuditFilter } from '../core/audit/audit-filter';
import { anchorProblem, auditHeadOf, parseAuditHead, type AuditHead } from '../core/audit/audit-anchor';
import { verifyBagLabels } from '../core/evidence/verify-bag';
import { LocketError } from '../core/errors';
import { describeKeep, parseKeep } from '../core/retention/retention-period';
import { parseDateOption } from './archive-commands';
import { writeJson, type CliIo } from './cli-io';
import { findConversation } from './find-conversation';
import { passphraseOptions, type CliCommand, type CommandContext } from './command';
import { unlockFromCli } from './vault-commands';
import { terminalLine } from './terminal-text';
import { auditSentence, rawFields } from '../common/audit-sentences';
import { namesFromLists } from '../common/record-language';
import {
  RECORD_OPTIONS_USAGE,
  certificateForTerminal,
  languageOf,
  seededIn,
  recordOptions,
  recordWriterFor,
} from './record-options';

async function conversationIdOf(ctx: CommandContext, chosen: string): Promise<number> {
  return findConversation(await ctx.service['conversations.list'](), chosen).id;
}

async function classIdOf(ctx: CommandContext, chosen: string): Promise<number> {
  const match = (await ctx.service['retention.listClasses']()).find(
    (c) => String(c.id) === chosen || c.name.toLowerCase() === chosen.toLowerCase(),
  );
  if (!match)
    throw new LocketError('invalid-argument', `No retention class "${chosen}"; see \`locket retention classes\`.`);
  return match.id;
}

const retention: CliCommand = {
  name: 'retention',
  usage:
    'locket retention classes VAULT [--add NAME --keep 30d|6m|7y|forever [--color #RRGGBB] [--description TEXT]] [--default CLASS]\n' +
    '         locket retention assign VAULT CLASS (--conversation ID | --contact USERNAME | --message ID...)\n' +
    '         locket retention show VAULT',
  summary: 'List and edit retention classes, assign them, and show what has expired.',
  options: {
    ...passphraseOptions,
    add: { type: 'string' },
    keep: { type: 'string' },
    color: { type: 'string' },
    description: { type: 'string' },
    default: { type: 'string' },
    conversation: { type: 'string' },
    contact: { type: 'string' },
    message: { type: 'string', multiple: true },
  },
  positionals: [2, 3],
  async run(ctx) {
    const [action, vault, className] = ctx.positionals;
    const inner = { ...ctx, positionals: [vault!] };
    await unlockFromCli(inner);
    if (action === 'classes') {
      if (ctx.options.add !== undefined) {
        const keep = parseKeep(String(ctx.options.keep ?? ''));
        if (!keep) throw new LocketError('invalid-argument', '--keep takes 30d, 6m, 7y or forever.');
        await ctx.service['retention.saveClass']({
          name: String(ctx.options.add),
          keepAmount: keep.amount,
          keepUnit: keep.unit,
          color: String(ctx.options.color ?? '#6366f1'),
          description: String(ctx.options.description ?? ''),
        });
      }
      if (ctx.options.default !== undefined)
        await ctx.service['retention.setDefaultClass']({ classId: await classIdOf(ctx, String(ctx.options.default)) });
      const classes = await ctx.service['retention.listClasses']();
      if (ctx.json) return writeJson(ctx.io, classes);
      for (const c of classes)
        ctx.io.stdout(
          `${String(c.id).padStart(3)}  ${terminalLine(c.name).padEnd(24)} keep ${describeKeep(c.keepAmount, c.keepUnit).padEnd(10)} ${c.color}${c.isDefault ? '  (vault default)' : ''}\n`,
        );
      return;
    }
    if (action === 'assign') {
      if (!className)
        throw new LocketError('invalid-argument', 'Name the class to assign (or "none" to remove an assignment).');
      const classId = className === 'none' ? null : await classIdOf(ctx, className);
      let target: RetentionTarget;
      if (ctx.options.conversation !== undefined)
        target = { conversationId: await conversationIdOf(ctx, String(ctx.options.conversation)) };
      else if (ctx.options.contact !== undefined) target = { contact: String(ctx.options.contact) };
      else if (Array.isArray(ctx.options.message))
        target = { messageIds: (ctx.options.message as string[]).map(Number) };
      else
        throw new LocketError(
          'invalid-argument',
          'Say what to assign the class to: --conversation, --contact or --message.',
        );
      const result = await ctx.service['retention.assign']({ classId, target });
      if (ctx.json) return writeJson(ctx.io, result);
      ctx.io.stdout(`Assigned to ${result.assigned} ${'messageIds' in target ? 'messages' : 'item'}.\n`);
      return;
    }
    if (action === 'show') {
      const preview = await ctx.service['wipe.preview']({ selection: { kind: 'expired' } });
      if (ctx.json) return writeJson(ctx.io, preview);
      printPreview(ctx.io, preview);
      return;
    }
    throw new LocketError('invalid-argument', `Unknown retention action "${action}": use classes, assign or show.`);
  },
};

const hold: CliCommand = {
  name: 'hold',
  usage:
    'locket hold add VAULT --name NAME --reason TEXT --by WHO --conversation ID... [--from DATE] [--to DATE]\n' +
    '         locket hold release VAULT HOLD_ID --by WHO --reason TEXT\n' +
    '         locket hold list VAULT',
  summary: 'Place, release and list legal holds; held messages are never wiped.',
  options: {
    ...passphraseOptions,
    name: { type: 'string' },
    reason: { type: 'string' },
    by: { type: 'string' },
    conversation: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  positionals: [2, 3],
  async run(ctx) {
    const [action, vault, holdId] = ctx.positionals;
    await unlockFromCli({ ...ctx, positionals: [vault!] });
    if (action === 'add') {
      const ids = [];
      for (const c of (ctx.options.conversation as string[] | undefined) ?? [])
        ids.push(await conversationIdOf(ctx, c));
      const placed = await ctx.service['holds.place']({
        name: String(ctx.options.name ?? ''),
        reason: String(ctx.options.reason ?? ''),
        placedBy: String(ctx.options.by ?? ''),
        scope: {
          conversationIds: ids,
          from: ctx.options.from ? parseDateOption(String(ctx.options.from), 'from') : null,
          to: ctx.options.to ? parseDateOption(String(ctx.options.to), 'to') : null,
        },
      });
      if (ctx.json) return writeJson(ctx.io, placed);
      ctx.io.stdout(
        `Hold ${placed.id} "${terminalLine(placed.name)}" placed on ${placed.scope.conversationIds.length} conversation(s).\n`,
      );
      return;
    }
    if (action === 'release') {
      const released = await ctx.service['holds.release']({
        holdId: Number(holdId),
        releasedBy: String(ctx.options.by ?? ''),
        reason: String(ctx.options.reason ?? ''),
      });
      if (ctx.json) return writeJson(ctx.io, released);
      ctx.io.stdout(`Hold ${released.id} "${terminalLine(released.name)}" released.\n`);
      return;
    }
    if (action === 'list') {
      const holds = await ctx.service['holds.list']();
      if (ctx.json) return writeJson(ctx.io, holds);
      for (const h of holds) {
        ctx.io.stdout(
          `${String(h.id).padStart(3)}  ${h.releasedAt ? 'released' : 'ACTIVE  '}  ${terminalLine(h.name)}  (by ${terminalLine(h.placedBy)}; ${h.scope.conversationIds.length} conversation(s)): ${terminalLine(h.reason)}` +
            (h.releaseReason
              ? `; released by ${terminalLine(h.releasedBy ?? '')}: ${terminalLine(h.releaseReason)}`
              : '') +
            '\n',
        );
      }
      return;
    }
    throw new LocketError('invalid-argument', `Unknown hold action "${action}": use add, release or list.`);
  },
};

/** A message time (UTC seconds) as `2024-01-31 09:05 UTC`: the preview's range of a chat, the same on any machine. */
function utcMinute(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function printPreview(io: CliIo, p: WipePreview): void {
  io.stdout(
    `${p.messages} messages would be wiped, ${p.media.files} media files (${p.media.bytes} bytes) destroyed.\n`,
  );
  for (const c of p.byClass) io.stdout(`  class ${terminalLine(c.name)}: ${c.messages}\n`);
  for (const c of p.byConversation)
    io.stdout(`  ${terminalLine(c.displayName)}: ${c.messages} (${utcMinute(c.oldest)} to ${utcMinute(c.newest)})\n`);
  if (p.held.messages) {
    io.stdout(`${p.held.messages} messages are kept by legal holds:\n`);
    for (const h of p.held.byHold) io.stdout(`  hold ${h.holdId} "${terminalLine(h.name)}": ${h.messages}\n`);
  }
}

const wipe: CliCommand = {
  name: 'wipe',
  usage: `locket wipe VAULT (--expired | --conversation ID [--after DATE] [--before DATE]) [--dry-run] [--yes] [--by WHO] [--certificate FILE] ${RECORD_OPTIONS_USAGE}`,
  summary:
    'Wipe expired data (or a conversation) for good, and write a signed wipe certificate; it is printed for people in --lang with times in --time-zone (the JSON file is the same in any language). --by: the name recorded as who wiped.',
  options: {
    ...passphraseOptions,
    expired: { type: 'boolean' },
    conversation: { type: 'string' },
    after: { type: 'string' },
    before: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean' },
    by: { type: 'string' },
    certificate: { type: 'string' },
    ...recordOptions,
  },
  positionals: [1, 1],
  async run(ctx) {
    await unlockFromCli(ctx);
    // Before the wipe: a chat it empties leaves the list, and the certificate names the chats it wiped itself.
    const names = namesFromLists({
      conversations: await ctx.service['conversations.list'](),
      classes: await ctx.service['retention.listClasses'](),
      localizeClass: seededIn(languageOf(ctx)),
    });
    const writer = recordWriterFor(ctx, names);
    if (ctx.options.by !== undefined && typeof ctx.options.by !== 'string')
      throw new LocketError('invalid-argument', '--by takes the name of who wipes.');
    let selection: WipeSelection;
    if (ctx.options.expired) selection = { kind: 'expired' };
    else if (ctx.options.conversation !== undefined) {
      selection = {
        kind: 'conversation',
        conversationId: await conversationIdOf(ctx, String(ctx.options.conversation)),
        ...(ctx.options.after ? { after: parseDateOption(String(ctx.options.after), 'after') } : {}),
        ...(ctx.options.before ? { before: parseDateOption(String(ctx.options.before), 'before') } : {}),
      };
    } else throw new LocketError('invalid-argument', 'Say what to wipe: --expired or --conversation ID.');
    const preview = await ctx.service['wipe.preview']({ selection });
    if (ctx.options['dry-run'] || preview.messages === 0) {
      if (ctx.json) return writeJson(ctx.io, preview);
      printPreview(ctx.io, preview);
      if (preview.messages === 0) ctx.io.stdout('Nothing to wipe.\n');
      return;
    }
    if (!ctx.options.yes) {
      if (!ctx.io.isInteractive)
        throw new LocketError(
          'invalid-argument',
          `This would wipe ${preview.messages} messages for good. Add --yes to confirm, or --dry-run to only look.`,
        );
      printPreview(ctx.io, preview);
      const answer = await ctx.io.promptHidden(
        `Type the number of messages (${preview.messages}) to wipe them for good: `,
      );
      if (answer.trim() !== String(preview.messages)) throw new LocketError('cancelled', 'Nothing was wiped.');
    }
    const certificate = await ctx.service['wipe.execute']({
      selection,
      expectedMessages: preview.messages,
      ...(typeof ctx.options.by === 'string' ? { wipedBy: ctx.options.by } : {}),
    });
    const file = JSON.stringify({ body: certificate.body, signature: certificate.signature }, null, 2);
    if (typeof ctx.options.certificate === 'string') writeFileSync(ctx.options.certificate, `${file}\n`);
    if (ctx.json) return writeJson(ctx.io, { body: certificate.body, signature: certificate.signature });
    ctx.io.stdout(certificateForTerminal(writer, certificate.body));
    if (typeof ctx.options.certificate === 'string')
      ctx.io.stdout(
        writer.say(
          `\nCertificate written to ${terminalLine(ctx.options.certificate)}\n`,
          `\n证书已写入 ${terminalLine(ctx.options.certificate)}\n`,
        ),
      );
  },
};

/** The audit head a wipe certificate anchors, read from its file and checked: a valid signature by this vault's key. */
async function certificateAnchor(ctx: CommandContext, file: string, vault: VaultStatus): Promise<AuditHead> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LocketError('invalid-argument', `Cannot read ${file}.`);
  }
  const check = await ctx.service['certificates.verify']({ certificate: text });
  if (!check.isValid) {
    const w = recordWriterFor(ctx);
    const problem = certificateProblemText(w.language, check.problemCode ?? check.problem ?? '');
    throw new LocketError(
      'vault-corrupt',
      w.say(
        `The certificate ${file} is not valid, so it anchors nothing: ${problem}`,
        `证书 ${file} 无效，因此不能作为锚点：${problem}`,
      ),
    );
  }
  const body = (JSON.parse(text) as { body: Record<string, unknown> }).body;
  if (vault.vaultId && body.vaultId !== vault.vaultId)
    throw new LocketError(
      'invalid-argument',
      `The certificate is for vault ${String(body.vaultId)}, not this one (${vault.vaultId}).`,
    );
  if (vault.signingKeyFingerprint && check.fingerprint !== vault.signingKeyFingerprint) {
    throw new LocketError(
      'vault-corrupt',
      `The certificate was not signed by this vault's key (${check.fingerprint}, the vault's is ${vault.signingKeyFingerprint}).`,
    );
  }
  const head = auditHeadOf(body.auditHead);
  if (!head)
    throw new LocketError(
      'invalid-argument',
      `The certificate was written before Locket recorded the audit head in certificates (audit entry #${String(body.auditSequence)}), so it cannot anchor the log.`,
    );
  return head;
}

/**
 * The audit head an evidence bag recorded (bag-info.txt, `Locket-Audit-Head`), read only from a bag that verifies
 * (bag-info.txt is covered by the signed tag manifests) and that this vault's key signed.
 */
async function bagAnchor(path: string, vault: VaultStatus): Promise<AuditHead> {
  const { verification, labels } = await verifyBagLabels(path);
  if (!verification.isValid) {
    const first = verification.problems[0];
    throw new LocketError(
      'vault-corrupt',
      `The bag ${path} does not verify, so it anchors nothing: ${first ? `${first.file}: ${first.detail}` : (verification.signature.problem ?? 'its signature is not valid')}. Run locket verify on it for every problem.`,
    );
  }
  if (vault.signingKeyFingerprint && verification.signature.fingerprint !== vault.signingKeyFingerprint)
    throw new LocketError(
      'vault-corrupt',
      `The bag was not signed by this vault's key (${verification.signature.fingerprint}, the vault's is ${vault.signingKeyFingerprint}).`,
    );
  const vaultId = labels.get('Locket-Vault-Id');
  if (vault.vaultId && vaultId !== undefined && vaultId !== vault.vaultId)
    throw new LocketError('invalid-argument', `The bag is from vault ${vaultId}, not this one (${vault.vaultId}).`);
  const recorded = labels.get('Locket-Audit-Head');
  const head = recorded === undefined ? null : parseAuditHead(recorded);
  if (!head)
    throw new LocketError(
      'invalid-argument',
      recorded === undefined
        ? 'The bag was made before Locket recorded the audit head in bags (bag-info.txt has no Locket-Audit-Head), so it cannot anchor the log.'
        : `The bag records the audit head as "${terminalLine(recorded)}": the log was empty when it was made, so it anchors nothing.`,
    );
  return head;
}

const audit: CliCommand = {
  name: 'audit',
  usage: `locket audit VAULT [--verify [--since-certificate CERTIFICATE.json | --since-bag BAG]] [--action ACTION...] [--since DAY] [--until DAY] [--pdf FILE [--raw]] ${RECORD_OPTIONS_USAGE} [--json]`,
  summary:
    "List the audit log (imports, holds, class changes, wipes) as sentences in --lang (default from LANG) with times in --time-zone (default: this computer's); --json prints the entries as recorded. --verify checks its chain and signature. " +
    'With --since-certificate or --since-bag (a bag folder or .zip), also that the log still holds the head a wipe ' +
    'certificate or an evidence bag recorded (exit 4 if it was rewritten). --action (repeatable, e.g. hold-placed) and ' +
    '--since/--until (days YYYY-MM-DD in --time-zone, both included) keep only some entries. --pdf prints them to a new ' +
    "PDF file with Chromium (the vault, the filter, the chain state, a numbered page footer; --raw adds each entry's recorded fields).",
  options: {
    ...passphraseOptions,
    ...recordOptions,
    verify: { type: 'boolean' },
    'since-certificate': { type: 'string' },
    'since-bag': { type: 'string' },
    action: { type: 'string', multiple: true },
    since: { type: 'string' },
    until: { type: 'string' },
    pdf: { type: 'string' },
    raw: { type: 'boolean' },
  },
  positionals: [1, 1],
  async run(ctx) {
    const since = ctx.options['since-certificate'];
    const sinceBag = ctx.options['since-bag'];
    if (since !== undefined && typeof since !== 'string')
      throw new LocketError('invalid-argument', '--since-certificate takes a certificate file.');
    if (sinceBag !== undefined && typeof sinceBag !== 'string')
      throw new LocketError('invalid-argument', '--since-bag takes an evidence bag (its folder or .zip).');
    if (since !== undefined && sinceBag !== undefined)
      throw new LocketError('invalid-argument', 'Give --since-certificate or --since-bag, one at a time.');
    const vault = await unlockFromCli(ctx);
    const w = recordWriterFor(ctx);
    const isBag = sinceBag !== undefined;
    if (ctx.options.verify || since !== undefined || isBag) {
      const anchor = isBag
        ? await bagAnchor(sinceBag, vault)
        : since === undefined
          ? null
          : await certificateAnchor(ctx, since, vault);
      const result = await ctx.service['audit.verify']();
      // Only an intact chain is compared with the anchor: an altered one already fails, naming its first bad entry.
      const entries = anchor && result.isIntact ? await ctx.service['audit.list']() : null;
      // In English for --json (as recorded), in --lang's words for people.
      const problem = anchor && entries ? anchorProblem(entries, anchor) : null;
      const problemSaid = anchor && entries ? anchorProblem(entries, anchor, w.language) : null;
      if (ctx.json)
        writeJson(
          ctx.io,
          anchor
            ? { ...result, anchor: { ...anchor, isContained: result.isIntact && problem === null, problem } }
            : result,
        );
      else {
        ctx.io.stdout(
          result.isIntact
            ? w.say(
                `The audit log is intact: ${result.entries} entries, chain and signed head verified.\n`,
                `审计日志完整：共 ${result.entries} 条，链条和签名的日志头均已校验。\n`,
              )
            : w.say(
                `The audit log is NOT intact at entry ${result.firstBadSequence}: ${auditProblemText('en', result)}\n`,
                `审计日志在第 ${result.firstBadSequence} 条处不完整：${auditProblemText('zh-CN', result)}\n`,
              ),
        );
        if (anchor && result.isIntact) {
          ctx.io.stdout(
            problem === null
              ? w.say(
                  `It still holds the head the ${isBag ? 'bag' : 'certificate'} recorded: entry ${anchor.entries}, hash ${anchor.hash}.\n`,
                  `日志仍包含${isBag ? '证据包' : '证书'}记录的日志头：第 ${anchor.entries} 条，哈希 ${anchor.hash}。\n`,
                )
              : w.say(
                  `It does NOT hold the head the ${isBag ? 'bag' : 'certificate'} recorded (entry ${anchor.entries}, hash ${anchor.hash}): ${problemSaid}\n`,
                  `日志不再包含${isBag ? '证据包' : '证书'}记录的日志头（第 ${anchor.entries} 条，哈希 ${anchor.hash}）：${problemSaid}\n`,
                ),
          );
        }
      }
      if (!result.isIntact)
        throw new LocketError(
          'vault-corrupt',
          w.say(
            `The audit log was altered (entry ${result.firstBadSequence}).`,
            `审计日志已被改动（第 ${result.firstBadSequence} 条）。`,
          ),
          { entry: result.firstBadSequence },
        );
      if (anchor && problem !== null) {
        throw new LocketError(
          'vault-corrupt',
          w.say(
            `The audit log was rewritten since the ${isBag ? 'bag' : 'certificate'}: it no longer holds entry ${anchor.entries} as the ${isBag ? 'bag' : 'certificate'} recorded it.`,
            `自${isBag ? '证据包' : '证书'}制作以来审计日志已被重写：不再包含其记录的第 ${anchor.entries} 条。`,
          ),
          { entry: anchor.entries },
        );
      }
      return;
    }
    const filter = parseAuditFilter({
      actions: ctx.options.action as unknown,
      from: ctx.options.since,
      to: ctx.options.until,
    });
    const pdf = ctx.options.pdf;
    if (pdf !== undefined) {
      if (typeof pdf !== 'string' || pdf === '') throw new LocketError('invalid-argument', '--pdf takes a file name.');
      const result = await ctx.service['audit.exportPdf']({
        outputPath: resolve(pdf),
        language: w.language,
        timeZone: w.timeZone,
        filter,
        includeRawFields: Boolean(ctx.options.raw),
      });
      if (ctx.json) return writeJson(ctx.io, result);
      ctx.io.stdout(
        w.say(
          `Printed ${result.entries} of ${result.total} audit entries to ${terminalLine(result.path)}.\n`,
          `已将 ${result.entries} 条审计记录（共 ${result.total} 条）打印到 ${terminalLine(result.path)}。\n`,
        ) + (result.pdfNote ? `${result.pdfNote}\n` : ''),
      );
      return;
    }
    const names = namesFromLists({
      ...(await ctx.service['audit.names']()),
      localizeClass: seededIn(languageOf(ctx)),
    });
    const sentences = recordWriterFor(ctx, names);
    const entries = filterAudit(await ctx.service['audit.list'](), filter, sentences);
    if (ctx.json) return writeJson(ctx.io, entries);
    ctx.io.stdout(sentences.say(`Times in ${sentences.zoneShown}.\n`, `时间按${sentences.zoneShown}显示。\n`));
    for (const e of entries) {
      const sentence = auditSentence(sentences, e);
      // An action a newer Locket wrote: its neutral sentence, then what it recorded, as recorded.
      const raw = sentence.isKnown ? '' : ` [${rawFields(e.details).join('; ')}]`;
      ctx.io.stdout(
        `${String(e.sequence).padStart(4)}  ${sentences.dateTime(e.time)}  ${terminalLine(sentence.text + raw)}\n`,
      );
    }
  },
};

// `verify-certificate` is with `verify` in evidence-commands.ts: both check a signed artifact offline, against an expected key.
export const retentionCommands: CliCommand[] = [retention, hold, wipe, audit];
