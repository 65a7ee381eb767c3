import { createHash } from 'node:crypto';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';
import type { VaultWriter } from '../session/vault-writer';
import { loadSodium } from '../vault/sodium';
// What the audit log records: the actions, and a sentence for each, are in electron/common/audit-sentences.ts.
import type { AuditVerification } from '../../ipc/contract';
import { AUDIT_PROBLEM_TEXT, type AuditProblem } from '../../common/audit-problems';
import type { AuditAction } from '../../common/audit-sentences';

export type AuditDetails = Record<string, string | number | boolean | null | (string | number)[]>;

export interface AuditEntry {
  sequence: number;
  time: number;
  action: AuditAction;
  details: AuditDetails;
  previousHash: string;
  entryHash: string;
}

const ZERO_HASH = Buffer.alloc(32);
const HEAD_CONTEXT = Buffer.from('locket-audit-head-v1\n');

/** entry hash = SHA-256(previous hash || canonical JSON of [sequence, time, action, details]). */
function entryHash(previous: Uint8Array, sequence: number, time: number, action: string, details: string): Buffer {
  return createHash('sha256')
    .update(previous)
    .update(JSON.stringify([sequence, time, action, JSON.parse(details)]))
    .digest();
}

/** The bytes the vault's key signs for the head: a context string, the sequence and the head hash. */
function headMessage(sequence: number, hash: Uint8Array): Buffer {
  const seq = Buffer.alloc(8);
  seq.writeBigUInt64BE(BigInt(sequence));
  return Buffer.concat([HEAD_CONTEXT, seq, hash]);
}

/**
 * Appends an entry in the same commit as the change it records, so the log and the vault can never disagree.
 * Each entry commits to the one before; the head is signed with the vault's Ed25519 key.
 */
export async function appendAudit(
  writer: VaultWriter,
  action: AuditAction,
  details: AuditDetails,
  time = Date.now(),
): Promise<AuditEntry> {
  const db = writer.catalog;
  const head = one<{ sequence: number; entry_hash: Uint8Array }>(
    db,
    'SELECT sequence, entry_hash FROM audit_head WHERE id = 1',
  );
  const sequence = (head?.sequence ?? 0) + 1;
  const previous = head ? Buffer.from(head.entry_hash) : ZERO_HASH;
  const detailsJson = JSON.stringify(details);
  const hash = entryHash(previous, sequence, time, action, detailsJson);
  run(
    db,
    'INSERT INTO audit_log (sequence, time, action, details, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?)',
    [sequence, time, action, detailsJson, previous, hash],
  );
  const signature = await writer.sign(headMessage(sequence, hash));
  run(
    db,
    'INSERT INTO audit_head (id, sequence, entry_hash, signature) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET sequence = excluded.sequence, entry_hash = excluded.entry_hash, signature = excluded.signature',
    [sequence, hash, signature],
  );
  return { sequence, time, action, details, previousHash: previous.toString('hex'), entryHash: hash.toString('hex') };
}

export function listAudit(db: ReadOnlyDatabase): AuditEntry[] {
  return all<{
    sequence: number;
    time: number;
    action: AuditAction;
    details: string;
    previous_hash: Uint8Array;
    entry_hash: Uint8Array;
  }>(db, 'SELECT sequence, time, action, details, previous_hash, entry_hash FROM audit_log ORDER BY sequence').map(
    (r) => ({
      sequence: r.sequence,
      time: r.time,
      action: r.action,
      details: JSON.parse(r.details) as AuditDetails,
      previousHash: Buffer.from(r.previous_hash).toString('hex'),
      entryHash: Buffer.from(r.entry_hash).toString('hex'),
    }),
  );
}

/** Recomputes the chain from the first entry and checks the signed head. */
export async function verifyAudit(db: ReadOnlyDatabase, publicKey: Uint8Array): Promise<AuditVerification> {
  const rows = all<{
    sequence: number;
    time: number;
    action: string;
    details: string;
    previous_hash: Uint8Array;
    entry_hash: Uint8Array;
  }>(db, 'SELECT sequence, time, action, details, previous_hash, entry_hash FROM audit_log ORDER BY sequence');
  const failed = (problem: AuditProblem, entry: number, firstBadSequence: number | null): AuditVerification => ({
    isIntact: false,
    entries: rows.length,
    firstBadSequence,
    problemCode: problem,
    problemEntry: entry,
    problem: AUDIT_PROBLEM_TEXT.en[problem](entry),
  });
  let previous: Buffer = ZERO_HASH;
  for (const [i, r] of rows.entries()) {
    if (r.sequence !== i + 1) return failed('entry-missing', i + 1, r.sequence);
    if (!previous.equals(Buffer.from(r.previous_hash))) return failed('entry-out-of-chain', r.sequence, r.sequence);
    let details: string;
    try {
      details = JSON.stringify(JSON.parse(r.details));
    } catch {
      return failed('entry-unreadable', r.sequence, r.sequence);
    }
    const expected = entryHash(previous, r.sequence, r.time, r.action, details);
    if (!expected.equals(Buffer.from(r.entry_hash))) return failed('entry-altered', r.sequence, r.sequence);
    previous = expected;
  }
  const head = one<{ sequence: number; entry_hash: Uint8Array; signature: Uint8Array | null }>(
    db,
    'SELECT sequence, entry_hash, signature FROM audit_head WHERE id = 1',
  );
  if (rows.length === 0)
    return head
      ? failed('head-without-entries', 0, null)
      : { isIntact: true, entries: 0, firstBadSequence: null, problemCode: null, problemEntry: null, problem: null };
  const last = rows[rows.length - 1]!;
  if (!head || head.sequence !== last.sequence || !Buffer.from(head.entry_hash).equals(previous))
    return failed('head-mismatch', last.sequence, last.sequence);
  const sodium = await loadSodium();
  if (
    !head.signature ||
    !sodium.crypto_sign_verify_detached(head.signature, headMessage(head.sequence, head.entry_hash), publicKey)
  )
    return failed('head-signature-invalid', last.sequence, last.sequence);
  return {
    isIntact: true,
    entries: rows.length,
    firstBadSequence: null,
    problemCode: null,
    problemEntry: null,
    problem: null,
  };
}
