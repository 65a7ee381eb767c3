import { createHash } from 'node:crypto';
import type { ExportLanguage } from '../../ipc/contract';
import { BAG_INFO_TXT, BAGIT_TXT, MANIFEST_ALGORITHMS, manifestName, tagManifestName, VERIFY_PAGE } from './bag-layout';
import { writeBagFile, type BagFile } from './hashed-file';
import { writeSignature, writeSigningKey, type BagSigner } from './sign-bag';
import { verifyPageHtml } from './verify-page';

export const BAGIT_TEXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.1.3: a path in a manifest percent-encodes CR, LF and `%`, and nothing else. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** `<hex digest>  <path>` per line, sorted by path: the format `sha256sum -c` also reads. */
export function manifestText(files: readonly BagFile[], alg: 'sha256' | 'sha512'): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f[alg]}  ${encodeManifestPath(f.path)}\n`)
    .join('');
}

/** `Label: value` lines. Values are single lines (export-request.ts refuses line breaks in what users type). */
export function bagInfoText(labels: readonly (readonly [string, string])[]): string {
  return labels.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

/** `Payload-Oxum`: total payload bytes and file count, a quick completeness check (RFC 8493 §2.2.2). */
export function payloadOxum(payload: readonly BagFile[]): string {
  return `${payload.reduce((sum, f) => sum + f.bytes, 0)}.${payload.length}`;
}

export interface SealedBag {
  /** SHA-256 of manifest-sha256.txt, for the audit log. */
  manifestSha256: string;
  tagFiles: BagFile[];
}

/**
 * Writes a bag's tag files around a finished payload (RFC 8493): bagit.txt, the payload manifests, bag-info.txt,
 * verify.html (in the bag's language), the signing key and Locket's own tag files (`extraTags`: provenance.json);
 * the tag manifests over all of those; and a detached signature over each tag manifest.
 */
export async function writeBagIt(
  root: string,
  payload: readonly BagFile[],
  bagInfo: readonly (readonly [string, string])[],
  signer: BagSigner,
  extraTags: readonly { path: string; text: string }[] = [],
  lang: ExportLanguage = 'en',
): Promise<SealedBag> {
  const manifests = MANIFEST_ALGORITHMS.map((alg) => ({ alg, text: manifestText(payload, alg) }));
  const manifestSha256 = createHash('sha256')
    .update(manifests.find((m) => m.alg === 'sha256')!.text)
    .digest('hex');
  // Each file is fsynced as it closes: written side by side, their syncs overlap instead of queueing one by one.
  const tagFiles: BagFile[] = await settleAll([
    writeBagFile(root, BAGIT_TXT, BAGIT_TEXT),
    ...manifests.map((m) => writeBagFile(root, manifestName(m.alg), m.text)),
    writeBagFile(root, BAG_INFO_TXT, bagInfoText(bagInfo)),
    writeBagFile(root, VERIFY_PAGE, verifyPageHtml(lang)),
    writeSigningKey(root, signer.publicKey),
    ...extraTags.map((tag) => writeBagFile(root, tag.path, tag.text)),
  ]);
  await settleAll(
    MANIFEST_ALGORITHMS.map(async (alg) => {
      const text = Buffer.from(manifestText(tagFiles, alg), 'utf8');
      await writeBagFile(root, tagManifestName(alg), text);
      await writeSignature(root, alg, text, signer);
    }),
  );
  return { manifestSha256, tagFiles };
}

/**
 * Every write's result, once all have ended: on a failure the first error is thrown only after the other writes
 * stopped, so removing the staging folder never races a write still creating a file in it.
 */
export async function settleAll<T>(writes: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
