import type { CertificateSummary } from '../../ipc/contract';
import { all, one } from '../db/sqlite';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { certificateText, verifyCertificate } from './wipe-certificate';

interface CertificateRow {
  id: number;
  issued_at: number;
  body: string;
  signature: string;
}

/** A stored body read defensively: the catalog is the vault's own, but a damaged row must not break the list. */
function bodyOf(row: CertificateRow): Record<string, unknown> {
  try {
    const body = JSON.parse(row.body) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const numberOr = (value: unknown, fallback: number | null) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

function summaryOf(row: CertificateRow): CertificateSummary {
  const body = bodyOf(row);
  const counts = (body.counts ?? {}) as Record<string, unknown>;
  const scope = (body.scope ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    issuedAt: row.issued_at,
    auditSequence: numberOr(body.auditSequence, null),
    messages: numberOr(counts.messages, 0)!,
    conversations: numberOr(counts.conversations, 0)!,
    rule: typeof scope.kind === 'string' ? scope.kind : '',
  };
}

/**
 * Checking a wipe certificate needs no vault: anyone given one can verify it. Listing and reopening the ones this
 * vault issued (each wipe keeps its certificate in the catalog, in the same commit) needs it unlocked.
 */
export function certificatesHandlers(ctx: ServiceContext) {
  return handlerGroup('certificates', {
    async 'certificates.verify'({ certificate }) {
      if (typeof certificate !== 'string')
        throw new LocketError('invalid-argument', 'Give the text of a wipe certificate file.');
      return verifyCertificate(certificate);
    },
    async 'certificates.list'() {
      return all<CertificateRow>(
        ctx.requireSession().catalog,
        'SELECT id, issued_at, body, signature FROM certificates ORDER BY issued_at DESC, id DESC',
      ).map(summaryOf);
    },
    async 'certificates.get'({ id }) {
      if (!Number.isSafeInteger(id)) throw new LocketError('invalid-argument', 'Choose a certificate by its id.');
      const row = one<CertificateRow>(
        ctx.requireSession().catalog,
        'SELECT id, issued_at, body, signature FROM certificates WHERE id = ?',
        [id],
      );
      if (!row) throw new LocketError('invalid-argument', `This vault holds no certificate ${id}.`);
      const body = bodyOf(row);
      return { body, signature: row.signature, text: certificateText(body) };
    },
  });
}
