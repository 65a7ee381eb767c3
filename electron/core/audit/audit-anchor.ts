import { ANCHOR_PROBLEM_TEXT } from '../../common/audit-problems';
import type { RecordLanguage } from '../../common/record-language';
import { one, type ReadOnlyDatabase } from '../db/sqlite';

/**
 * The audit log's head at one moment: how many entries it had and the hash of the last one. Wipe certificates and
 * evidence bags carry it, outside the vault, so whoever holds one can later check that the log still contains that
 * entry: a log rebuilt from scratch (even re-signed with the vault's own key) no longer does.
 */
export interface AuditHead {
  entries: number;
  /** SHA-256 entry hash of entry number `entries`, hex. */
  hash: string;
}

/** The head as the catalog records it now, or null when the log is empty. */
export function currentAuditHead(db: ReadOnlyDatabase): AuditHead | null {
  const head = one<{ sequence: number; entry_hash: Uint8Array }>(
    db,
    'SELECT sequence, entry_hash FROM audit_head WHERE id = 1',
  );
  return head ? { entries: head.sequence, hash: Buffer.from(head.entry_hash).toString('hex') } : null;
}

/** `<count> <hash>`: the value of bag-info.txt's `Locket-Audit-Head` label ("0 none" for an empty log). */
export function formatAuditHead(head: AuditHead | null): string {
  return head ? `${head.entries} ${head.hash}` : '0 none';
}

/** Reads `<count> <hash>` back; null when it is not that. */
export function parseAuditHead(text: string): AuditHead | null {
  const match = /^\s*(\d{1,15})\s+([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!match) return null;
  const entries = Number(match[1]);
  return entries > 0 ? { entries, hash: match[2]!.toLowerCase() } : null;
}

/** A certificate body's `auditHead`, checked for shape; null when absent or malformed. */
export function auditHeadOf(value: unknown): AuditHead | null {
  if (!value || typeof value !== 'object') return null;
  const { entries, hash } = value as { entries?: unknown; hash?: unknown };
  if (
    typeof entries !== 'number' ||
    !Number.isSafeInteger(entries) ||
    entries < 1 ||
    typeof hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(hash)
  )
    return null;
  return { entries, hash };
}

/**
 * Whether a log (its entries in order, as `listAudit` gives them) still contains an anchored head: the entry at that
 * count has that hash. Returns null when it does, else a sentence naming the count, in `lang`. Run it on a chain that
 * `verifyAudit` found intact: this only looks at the entry the anchor names.
 */
export function anchorProblem(
  entries: { sequence: number; entryHash: string }[],
  anchor: AuditHead,
  lang: RecordLanguage = 'en',
): string | null {
  const words = ANCHOR_PROBLEM_TEXT[lang];
  const entry = entries.find((e) => e.sequence === anchor.entries);
  if (!entry) return words.removed(entries.length, anchor.entries);
  if (entry.entryHash.toLowerCase() !== anchor.hash)
    return words.rewritten(anchor.entries, anchor.hash.slice(0, 16), entry.entryHash.slice(0, 16));
  return null;
}
