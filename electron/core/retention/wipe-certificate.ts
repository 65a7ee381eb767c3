import type { CertificateCheck, WipeCertificate } from '../../ipc/contract';
import { auditHeadOf } from '../audit/audit-anchor';
import { keyFingerprint } from '../vault/key-fingerprint';
import { loadSodium } from '../vault/sodium';

/** JSON with keys sorted at every level: the exact bytes a signature covers, whoever re-serializes the body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A fingerprint as a person types or pastes it (`locket info`'s groups of four, with colons, any case) in the form
 * `keyFingerprint` writes; null when it is not 64 hex digits.
 */
export function normalizeFingerprint(text: string): string | null {
  const digits = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(digits) ? digits.match(/.{4}/g)!.join(' ') : null;
}

/**
 * What a verifier says when nobody told it which key to expect, one line each: a valid signature only proves the
 * artifact is unchanged since someone signed it with the key it carries, and anyone can re-sign an altered copy.
 */
export function unconfirmedKeyWarning(option = '--expect-key'): string[] {
  return [
    'The signature only proves integrity under the key printed above:',
    'anyone can re-sign an altered copy with a key of their own. Ask the vault owner for the fingerprint',
    '(`locket info VAULT`, or Settings in Locket) by another way than the file itself: in person, by phone,',
    `or published where you know it is theirs. Then check again with ${option} FINGERPRINT.`,
  ];
}

const SIGNED_CONTEXT = 'locket-wipe-certificate-v1\n';

export function certificateMessage(body: Record<string, unknown>): Buffer {
  return Buffer.from(SIGNED_CONTEXT + canonicalJson(body), 'utf8');
}

/** The audit head a certificate anchors (certificates from before it was recorded have none). */
function auditHeadLine(value: unknown): string[] {
  const head = auditHeadOf(value);
  return head ? [`Audit head:       ${head.entries} entries, last ${head.hash}`] : [];
}

/**
 * The backup folders that held the wiped data when it was wiped (certificates from before backups existed have no
 * such field). A backup is updated only later: the audit log's `backup` entries name the wipes each one cleared.
 */
function backupLines(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (value.length === 0) return ['Backups:          none recorded held the wiped data'];
  return [
    `Backups pending:  ${value.length} backup folder(s) still held the wiped data at wipe time; each loses it at its next backup (see the audit log):`,
    ...value.map(
      (b: { path?: unknown; lastBackupAt?: unknown }) =>
        `                  ${String(b.path)} (last backup ${String(b.lastBackupAt)})`,
    ),
  ];
}

/** The certificate for people: what was wiped, under which rule, when, and how to check the signature. */
export function certificateText(body: Record<string, unknown>): string {
  const counts = body.counts as Record<string, number>;
  const scope = body.scope as Record<string, unknown>;
  const lines = [
    'LOCKET WIPE CERTIFICATE',
    '',
    `Vault:            ${body.vaultId}`,
    `Wiped at:         ${body.wipedAt}`,
    `Rule:             ${body.rule}`,
    `Scope:            ${canonicalJson(scope)}`,
    `Messages wiped:   ${counts.messages} (in ${counts.conversations} conversations)`,
    `Media destroyed:  ${counts.mediaFiles} files, ${counts.mediaBytes} bytes`,
    `Shards rewritten: ${counts.shardsRewritten} under new keys`,
    `Kept by holds:    ${counts.heldMessagesKept} messages`,
    `Keys destroyed:   ${(body.destroyedKeyIds as string[]).length} file keys (ids listed in the JSON certificate)`,
    `Audit entry:      #${body.auditSequence}`,
    ...backupLines(body.backupsPending),
    ...auditHeadLine(body.auditHead),
    `Locket version:   ${body.locketVersion}`,
    '',
    `Signed with the vault's Ed25519 key, fingerprint ${(body.signingKey as { fingerprint: string }).fingerprint}.`,
    'Check it with: locket verify-certificate CERTIFICATE.json',
    ...(auditHeadOf(body.auditHead)
      ? [
          "Check the vault's audit log still holds that head: locket audit VAULT --verify --since-certificate CERTIFICATE.json",
        ]
      : []),
    'This certificate names no message content.',
  ];
  return `${lines.join('\n')}\n`;
}

export async function signedCertificate(
  body: Record<string, unknown>,
  sign: (message: Uint8Array) => Promise<Uint8Array>,
): Promise<WipeCertificate> {
  const signature = Buffer.from(await sign(certificateMessage(body))).toString('base64');
  return { body, signature, text: certificateText(body) };
}

/** Checks a certificate file offline: well-formed, and signed by the key it names. */
export async function verifyCertificate(text: string): Promise<CertificateCheck> {
  const invalid = (problem: string, fingerprint: string | null = null): CertificateCheck => ({
    isValid: false,
    fingerprint,
    problem,
  });
  let parsed: { body?: Record<string, unknown>; signature?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return invalid('This is not a certificate file (it is not JSON).');
  }
  // JSON, but perhaps not an object at all ("null", a number).
  const body = parsed !== null && typeof parsed === 'object' ? parsed.body : undefined;
  const key = (body?.signingKey as { publicKey?: unknown } | undefined)?.publicKey;
  if (
    !body ||
    body.type !== 'locket-wipe-certificate' ||
    typeof parsed?.signature !== 'string' ||
    typeof key !== 'string'
  ) {
    return invalid('This is not a Locket wipe certificate.');
  }
  const publicKey = Buffer.from(key, 'base64');
  const fingerprint = keyFingerprint(publicKey);
  if ((body.signingKey as { fingerprint?: unknown }).fingerprint !== fingerprint)
    return invalid('The fingerprint written in the certificate does not match its key.', fingerprint);
  const sodium = await loadSodium();
  const signature = Buffer.from(parsed.signature, 'base64');
  const isValid =
    publicKey.length === 32 &&
    signature.length === 64 &&
    sodium.crypto_sign_verify_detached(signature, certificateMessage(body), publicKey);
  return isValid
    ? { isValid: true, fingerprint, problem: null }
    : invalid('The signature does not match: the certificate was altered or not signed by this key.', fingerprint);
}
