import type { CertificateCheck, WipeCertificate } from '../../ipc/contract';
import { certificateAsText, readableCertificate } from '../../common/certificate-lines';
import { CERTIFICATE_PROBLEM_TEXT, type CertificateProblem } from '../../common/certificate-problems';
import { RecordWriter } from '../../common/record-language';
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

/**
 * The certificate for people, in English with times in UTC as the core writes it (`WipeCertificate.text`); the CLI
 * and the app write it again in the reader's language and zone through the same builder.
 */
export function certificateText(body: Record<string, unknown>): string {
  return certificateAsText(readableCertificate(new RecordWriter('en', 'UTC'), body));
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
  const invalid = (problem: CertificateProblem, fingerprint: string | null = null): CertificateCheck => ({
    isValid: false,
    fingerprint,
    problemCode: problem,
    problem: CERTIFICATE_PROBLEM_TEXT.en[problem],
  });
  let parsed: { body?: Record<string, unknown>; signature?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return invalid('not-json');
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
    return invalid('not-a-certificate');
  }
  const publicKey = Buffer.from(key, 'base64');
  const fingerprint = keyFingerprint(publicKey);
  if ((body.signingKey as { fingerprint?: unknown }).fingerprint !== fingerprint)
    return invalid('fingerprint-mismatch', fingerprint);
  const sodium = await loadSodium();
  const signature = Buffer.from(parsed.signature, 'base64');
  const isValid =
    publicKey.length === 32 &&
    signature.length === 64 &&
    sodium.crypto_sign_verify_detached(signature, certificateMessage(body), publicKey);
  return isValid
    ? { isValid: true, fingerprint, problemCode: null, problem: null }
    : invalid('signature-mismatch', fingerprint);
}
