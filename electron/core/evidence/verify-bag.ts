import type { BagProblem, BagVerification } from '../../ipc/contract';
import { keyFingerprint } from '../vault/key-fingerprint';
import { loadSodium } from '../vault/sodium';
import {
  BAG_INFO_TXT,
  BAGIT_TXT,
  isSystemClutter,
  MANIFEST_ALGORITHMS,
  manifestName,
  PAYLOAD_DIR,
  PROVENANCE_JSON,
  signatureName,
  SIGNING_KEY_FILE,
  tagManifestName,
  UNLISTED_TAG_FILES,
  type ManifestAlgorithm,
} from './bag-layout';
import { bagProblem, fileProblem, signatureProblem } from './bag-problem';
import { checkProvenance } from './check-provenance';
import { readBag, type BagEntry, type ReadBagOptions } from './read-bag';
import { parseSignature, parseSigningKey } from './sign-bag';
import { decodeManifestPath } from './write-bagit';

const PROBLEM_ORDER: readonly BagProblem['problem'][] = [
  'changed',
  'missing',
  'unexpected',
  'signature-invalid',
  'malformed',
  'oxum-mismatch',
];

type Expected = Map<string, Partial<Record<ManifestAlgorithm, string>>>;

function parseManifest(
  entry: BagEntry,
  problems: BagProblem[],
  expected: Expected,
  alg: ManifestAlgorithm,
  mustBePayload: boolean,
): void {
  if (!entry.content) {
    problems.push(bagProblem(entry.path, 'malformed', 'manifest-too-large'));
    return;
  }
  for (const line of entry.content.toString('utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
    const path = match ? decodeManifestPath(match[2]!) : null;
    const isSafe = path !== null && !path.startsWith('/') && path.split('/').every((s) => s && s !== '..' && s !== '.');
    if (!match || !path || !isSafe || mustBePayload !== path.startsWith(PAYLOAD_DIR)) {
      const excerpt = JSON.stringify(line.slice(0, 120));
      problems.push(
        bagProblem(entry.path, 'malformed', 'manifest-line-malformed', mustBePayload ? 'payload' : 'tag', excerpt),
      );
      continue;
    }
    const digests = expected.get(path) ?? {};
    digests[alg] = match[1]!.toLowerCase();
    expected.set(path, digests);
  }
}

function parseBagInfo(entry: BagEntry | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  let last: string | null = null;
  for (const line of entry?.content?.toString('utf8').split(/\r?\n/) ?? []) {
    if (/^[ \t]/.test(line) && last) {
      labels.set(last, `${labels.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    // Repeated labels are kept together; the ones checked here (Payload-Oxum, the fingerprint) appear once.
    labels.set(
      last,
      labels.has(last) ? `${labels.get(last)}; ${line.slice(colon + 1).trim()}` : line.slice(colon + 1).trim(),
    );
  }
  return labels;
}

/**
 * The key must be the one bag-info.txt names (bag-info.txt is itself covered by the signatures), and each tag
 * manifest must carry a valid signature by it. Problems name the file that no longer matches.
 */
async function checkSignatures(
  entries: Map<string, BagEntry>,
  labels: Map<string, string>,
  problems: BagProblem[],
): Promise<BagVerification['signature']> {
  const found: BagProblem[] = [];
  const keyFile = entries.get(SIGNING_KEY_FILE);
  const publicKey = keyFile?.content ? parseSigningKey(keyFile.content.toString('utf8')) : null;
  const fingerprint = publicKey ? keyFingerprint(publicKey) : null;
  if (!keyFile) found.push(bagProblem(SIGNING_KEY_FILE, 'missing', 'signing-key-missing'));
  else if (!publicKey) found.push(bagProblem(SIGNING_KEY_FILE, 'malformed', 'signing-key-malformed'));
  else if (labels.get('Locket-Signing-Key-Fingerprint') !== fingerprint)
    found.push(bagProblem(SIGNING_KEY_FILE, 'signature-invalid', 'key-not-named'));
  const sodium = await loadSodium();
  for (const alg of MANIFEST_ALGORITHMS) {
    const name = signatureName(alg);
    const sigFile = entries.get(name);
    const manifest = entries.get(tagManifestName(alg));
    if (!sigFile) {
      found.push(bagProblem(name, 'missing', 'signature-missing', tagManifestName(alg)));
      continue;
    }
    const signature = sigFile.content ? parseSignature(sigFile.content.toString('utf8')) : null;
    if (!signature) {
      found.push(bagProblem(name, 'malformed', 'signature-malformed'));
      continue;
    }
    if (!manifest?.content || !publicKey) continue;
    if (!sodium.crypto_sign_verify_detached(signature, manifest.content, publicKey)) {
      found.push(bagProblem(tagManifestName(alg), 'signature-invalid', 'signature-differs', name));
    }
  }
  for (const problem of found) problems.push(problem);
  if (found.length === 0 && publicKey)
    return { isValid: true, fingerprint, problem: null, reason: null, isChecked: true };
  return {
    isValid: false,
    fingerprint,
    ...(found[0] ? signatureProblem('file-problem', ...fileProblem(found[0])) : signatureProblem('no-valid-signature')),
    isChecked: true,
  };
}

/** Problems worst first (files changed, removed or added; then damage and the size summary), by file within each. */
function sortProblems(problems: BagProblem[]): BagProblem[] {
  return problems.sort(
    (a, b) =>
      PROBLEM_ORDER.indexOf(a.problem) - PROBLEM_ORDER.indexOf(b.problem) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}

/**
 * Checks a bag offline, without a vault: bagit.txt; every file every manifest lists, by each of its digests;
 * files present that no manifest lists (whoever added them: a person, Finder, Explorer, an archiver); the tag
 * manifests; Payload-Oxum; and the Ed25519 signature over tagmanifest-sha256.txt by the key bag-info.txt names.
 * A zipped bag is read as unzip tools extract it, and refused when they could extract anything else (read-bag.ts).
 * Each problem names its file.
 */
export async function verifyBag(path: string, options: ReadBagOptions = {}): Promise<BagVerification> {
  return (await verifyBagLabels(path, options)).verification;
}

/**
 * A bag checked as `verifyBag` checks it, with the labels of its bag-info.txt (`Locket-Vault-Id`,
 * `Locket-Audit-Head`, ...): trust them only when `verification.isValid`, since bag-info.txt is covered by the
 * tag manifests and their signature. `locket audit --since-bag` reads the audit head a bag recorded this way.
 */
export async function verifyBagLabels(
  path: string,
  options: ReadBagOptions = {},
): Promise<{ verification: BagVerification; labels: Map<string, string> }> {
  const { entries, problems, isReadable } = await readBag(path, options);
  // A file the archive check refused is named for that; it is not also reported missing.
  const refused = new Set(problems.map((p) => p.file));
  if (!isReadable) {
    const first = problems[0];
    const verification: BagVerification = {
      isValid: false,
      identifier: null,
      files: 0,
      problems: sortProblems(problems),
      signature: {
        isValid: false,
        fingerprint: null,
        ...(first ? signatureProblem('not-checked', ...fileProblem(first)) : signatureProblem('not-checked')),
        isChecked: false,
      },
    };
    return { verification, labels: new Map() };
  }
  const bagit = entries.get(BAGIT_TXT);
  if (!bagit) problems.push(bagProblem(BAGIT_TXT, 'missing', 'bagit-missing'));
  else if (!/^BagIt-Version: *1\.\d+\s*$/m.test(bagit.content?.toString('utf8') ?? ''))
    problems.push(bagProblem(BAGIT_TXT, 'malformed', 'bagit-no-version'));

  const payload: Expected = new Map();
  const tags: Expected = new Map();
  for (const alg of MANIFEST_ALGORITHMS) {
    const manifest = entries.get(manifestName(alg));
    if (manifest) parseManifest(manifest, problems, payload, alg, true);
    else problems.push(bagProblem(manifestName(alg), 'missing', 'payload-manifest-missing'));
    const tagManifest = entries.get(tagManifestName(alg));
    if (tagManifest) parseManifest(tagManifest, problems, tags, alg, false);
    else problems.push(bagProblem(tagManifestName(alg), 'missing', 'tag-manifest-missing'));
  }

  let files = 0;
  for (const [file, digests] of [...payload, ...tags]) {
    const entry = entries.get(file);
    if (!entry) {
      problems.push(bagProblem(file, 'missing', 'listed-not-in-bag'));
      continue;
    }
    files++;
    const differs = MANIFEST_ALGORITHMS.find((alg) => digests[alg] !== undefined && digests[alg] !== entry[alg]);
    if (differs) problems.push(bagProblem(file, 'changed', differs === 'sha256' ? 'sha256-differs' : 'sha512-differs'));
  }
  for (const file of entries.keys()) {
    if (payload.has(file) || tags.has(file)) continue;
    if (file.startsWith(PAYLOAD_DIR)) problems.push(bagProblem(file, 'unexpected', 'added-to-data'));
    else if (!UNLISTED_TAG_FILES.includes(file)) problems.push(bagProblem(file, 'unexpected', 'not-in-bag-as-made'));
  }
  // Finder, Explorer and archivers add these; a bag that travels holds only its own files, and no verifier guesses.
  // What was said of the file stays in the words (and in the values), with the likely culprit named after it.
  for (const [i, p] of problems.entries()) {
    if (p.problem === 'unexpected' && isSystemClutter(p.file))
      problems[i] = bagProblem(p.file, 'unexpected', 'added-by-file-browser', p.reason, ...(p.values ?? []));
  }

  const labels = parseBagInfo(entries.get(BAG_INFO_TXT));
  const oxum = labels.get('Payload-Oxum');
  const data = [...entries.values()].filter((e) => e.path.startsWith(PAYLOAD_DIR));
  const actual = `${data.reduce((sum, e) => sum + e.bytes, 0)}.${data.length}`;
  if (oxum !== undefined && oxum !== actual)
    problems.push(bagProblem(BAG_INFO_TXT, 'oxum-mismatch', 'payload-size-differs', oxum, actual));

  checkProvenance(entries.get(PROVENANCE_JSON), labels.get('Locket-Bag-Id'), problems);
  const signature = await checkSignatures(entries, labels, problems);
  // A file the manifests and the signature check both miss is named once.
  // (No spreading into push: a bag of many files can have more problems than a call takes arguments.)
  const unique = sortProblems([
    ...new Map(
      problems
        .filter((p) => !(p.problem === 'missing' && refused.has(p.file)))
        .map((p) => [`${p.file}\u0000${p.problem}`, p]),
    ).values(),
  ]);
  const verification: BagVerification = {
    isValid: unique.length === 0 && signature.isValid,
    identifier: labels.get('Locket-Bag-Id') ?? null,
    files,
    problems: unique,
    signature,
  };
  return { verification, labels };
}
