import { currentAuditHead, formatAuditHead } from '../audit/audit-anchor';
import { activeHolds } from '../retention/holds';
import { defaultClassId, listClasses } from '../retention/retention-classes';
import { keyFingerprint } from '../vault/key-fingerprint';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import { LOCKET_VERSION } from '../version';
import { formatBytes } from './describe-message';
import { evidenceText } from './evidence-text';
import { provenanceLabels } from './bag-provenance';
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
    // The imports that brought this bag's messages, each source file with the SHA-256 it had when imported.
    ...provenanceLabels(part.summary.provenance),
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
