import { currentAuditHead, formatAuditHead } from '../audit/audit-anchor';
import { activeHolds } from '../retention/holds';
import { defaultClassId, listClasses } from '../retention/retention-classes';
import { keyFingerprint } from '../vault/key-fingerprint';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import { LOCKET_VERSION } from '../version';
import { formatBytes } from './describe-message';
import { evidenceText } from './evidence-text';
import type { FinishedPart } from './bag-part';
import type { ExportRequest } from './export-request';
import { describeRedaction } from './describe-scope';
import type { MessagePreparer } from './prepare-message';
import type { Redactor } from './redactor';
import { SIGNING_KEY_FILE, signatureName } from './bag-layout';
import { payloadOxum } from './write-bagit';
import { JSONL_SCHEMA_VERSION } from './write-messages-jsonl';

export interface BagInfoInput {
  part: FinishedPart;
  partCount: number;
  request: ExportRequest;
  vaultId: string;
  publicKey: Uint8Array;
  catalog: ReadOnlyDatabase;
  preparer: MessagePreparer;
  redactor: Redactor;
}

type Labels = [string, string][];

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Each exported conversation with its message count, retention class and the holds on it. */
function conversationLabels(input: BagInfoInput): Labels {
  const { catalog, preparer, part } = input;
  const classes = new Map(listClasses(catalog).map((c) => [c.id, c.name]));
  const fallback = defaultClassId(catalog);
  const holds = activeHolds(catalog);
  const rows = new Map(
    all<{ id: number; own: number | null; contact: number | null; is_group: number }>(
      catalog,
      'SELECT v.id, v.retention_class_id AS own, c.retention_class_id AS contact, v.is_group FROM conversations v LEFT JOIN contacts c ON c.username = v.username',
    ).map((r) => [r.id, r]),
  );
  return [...part.byConversation].map(([id, messages]) => {
    const row = rows.get(id);
    // The class that applies, as the wipe preview decides it: the conversation's, else the contact's, else the vault's.
    const classId = row?.own ?? (row?.is_group ? null : row?.contact) ?? fallback;
    const on = holds.filter((h) => h.scope.conversationIds.includes(id)).map((h) => `"${h.name}" (#${h.id})`);
    const c = preparer.conversation(id);
    return [
      'Locket-Conversation',
      `${id} "${c.name}" (${c.username}); ${messages} messages; retention class "${classes.get(classId) ?? classId}"; legal hold: ${on.length ? on.join(', ') : 'none'}`,
    ];
  });
}

/**
 * The imports the exported conversations came from, with the SHA-256 of each source file as it was hashed when
 * imported: a recipient can match them against the original backup.
 */
function sourceLabels(input: BagInfoInput): Labels {
  const usernames = new Set(
    all<{ id: number; username: string }>(input.catalog, 'SELECT id, username FROM conversations')
      .filter((r) => input.part.byConversation.has(r.id))
      .map((r) => r.username),
  );
  const labels: Labels = [];
  const rows = all<{
    id: number;
    started_at: number;
    source_format: string;
    reader_version: string;
    source_files: string;
    report: string;
  }>(
    input.catalog,
    'SELECT id, started_at, source_format, reader_version, source_files, report FROM import_log ORDER BY id',
  );
  for (const row of rows) {
    let touched = true;
    try {
      const report = JSON.parse(row.report) as { conversations?: { conversation: string }[] };
      if (Array.isArray(report.conversations))
        touched = report.conversations.some((c) => usernames.has(c.conversation));
    } catch {
      // A report that cannot be read: list the import rather than leave a source out.
    }
    if (!touched) continue;
    let sources: { path: string; format: string; files: { path: string; sha256: string; bytes: number }[] }[] = [];
    try {
      sources = JSON.parse(row.source_files) as typeof sources;
    } catch {
      sources = [];
    }
    // A bag leaves the computer: it names each source by its own name, never the folder it sat in (which says who
    // and where: `/home/li/…`, `C:\Users\…`). The SHA-256 identifies the file all the same.
    for (const source of sources) {
      labels.push([
        'Locket-Source',
        input.redactor.text(
          `import #${row.id} on ${iso(row.started_at)}: ${source.format} (${row.reader_version}) from ${ownName(source.path)}`,
        ),
      ]);
      for (const f of source.files)
        labels.push([
          'Locket-Source-File',
          input.redactor.text(
            `${f.sha256} ${f.bytes} ${isAbsolutePath(f.path) ? ownName(f.path) : f.path} (import #${row.id})`,
          ),
        ]);
    }
  }
  return labels;
}

/**
 * bag-info.txt: the reserved labels of RFC 8493 §2.2.2, then Locket's own. Values are single lines; labels may
 * repeat (one Locket-Conversation per conversation, one Locket-Source-File per source file).
 */
export function buildBagInfo(input: BagInfoInput): Labels {
  const { part, request, redactor } = input;
  const ctx = part.context;
  const scope = request.scope;
  const bytes = part.payload.reduce((sum, f) => sum + f.bytes, 0);
  const words = evidenceText(request.lang).bagInfo;
  const labels: Labels = [
    ['Source-Organization', ctx.organization ?? ctx.exporterName ?? words.notGiven],
    ...(ctx.exporterName ? ([['Contact-Name', ctx.exporterName]] as Labels) : []),
    ['External-Description', words.description(part.messages, part.byConversation.size)],
    ...(ctx.caseReference ? ([['External-Identifier', ctx.caseReference]] as Labels) : []),
    ['Bagging-Date', iso(ctx.exportedAt).slice(0, 10)],
    ['Bag-Size', formatBytes(bytes)],
    ['Payload-Oxum', payloadOxum(part.payload)],
    ...(ctx.isSplit
      ? ([
          ['Bag-Group-Identifier', ctx.exportId],
          ['Bag-Count', `${ctx.part} of ${input.partCount}`],
        ] as Labels)
      : []),
    ['Internal-Sender-Identifier', ctx.bagId],
    ['Bag-Software-Agent', `Locket ${LOCKET_VERSION}`],
    ['Locket-Bag-Id', ctx.bagId],
    ['Locket-Export-Id', ctx.exportId],
    ['Locket-Version', LOCKET_VERSION],
    ['Locket-Vault-Id', input.vaultId],
    ['Locket-Exported-At', iso(ctx.exportedAt)],
    ['Locket-Exporter', ctx.exporterName ?? words.notGiven],
    ['Locket-Case-Reference', ctx.caseReference ?? words.notGiven],
    ['Locket-Time-Zone', ctx.timeZone],
    // The language of the readable files; the JSON lines, CSV and manifests are the same in every language.
    ['Locket-Language', request.lang],
    ['Locket-Names', request.names],
    [
      'Locket-Filter-Conversations',
      scope.conversationIds.length ? scope.conversationIds.join(', ') : 'all with search results',
    ],
    ['Locket-Filter-Query', scope.query ? redactor.text(scope.query.source) : 'none'],
    ['Locket-Filter-Messages', scope.messageIds.length ? `${scope.messageIds.length} chosen messages` : 'none'],
    ['Locket-Filter-After', scope.after === null ? 'none' : `${iso(scope.after * 1000)} (inclusive)`],
    ['Locket-Filter-Before', scope.before === null ? 'none' : `${iso(scope.before * 1000)} (exclusive)`],
    ['Locket-Filter-Kinds', scope.kinds.length ? scope.kinds.join(', ') : 'all'],
    [
      'Locket-Filter-Senders',
      scope.senders.length ? scope.senders.map((u) => redactor.pseudonymOf(u) ?? redactor.text(u)).join(', ') : 'all',
    ],
    ['Locket-Redaction', describeRedaction(request, redactor)],
    ['Locket-Messages', String(part.messages)],
    ...[...part.byKind]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, n]): [string, string] => [`Locket-Count-${kind}`, String(n)]),
    ['Locket-Media-Files', String(part.mediaFiles)],
    ['Locket-Media-Missing', String(part.missingMedia)],
    ['Locket-PDF', part.pdf],
    [
      'Locket-JSONL-Schema',
      `locket-messages-v${JSONL_SCHEMA_VERSION} (data/messages.jsonl; README, "Evidence export")`,
    ],
    ...conversationLabels(input),
    ...sourceLabels(input),
    // The audit log's head as the export starts (`<entries> <hash of the last>`), before the export's own entry:
    // signed with the rest of bag-info.txt, it lets the holder detect a later rewrite of the vault's log.
    ['Locket-Audit-Head', formatAuditHead(currentAuditHead(input.catalog))],
    ['Locket-Signing-Key-Fingerprint', keyFingerprint(input.publicKey)],
    [
      'Locket-Signature',
      `Ed25519 over tagmanifest-sha256.txt in ${signatureName('sha256')} and over tagmanifest-sha512.txt in ${signatureName('sha512')}; public key in ${SIGNING_KEY_FILE}`,
    ],
  ];
  return labels;
}

/** The last part of a path written on any system (`/` or `\\` separated). */
export function ownName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}
