/**
 * Names of the files in a Locket bag (README "Evidence export" describes them; RFC 8493 the BagIt ones).
 *
 * Every byte of a bag is covered: payload files by the payload manifests; the other tag files, the signing key
 * among them, by the tag manifests; each tag manifest by its own detached signature. The signatures are tag files
 * no manifest can list (each signs one); BagIt validators ignore tag files no tag manifest names (RFC 8493
 * §2.2.4), and Locket's verifiers accept exactly these, in their exact format.
 */
export const BAGIT_TXT = 'bagit.txt';
export const BAG_INFO_TXT = 'bag-info.txt';
/** Where the bag's messages came from, as JSON (README, "Evidence export", `provenance.json`); a tag file. */
export const PROVENANCE_JSON = 'provenance.json';
export const MANIFEST_ALGORITHMS = ['sha256', 'sha512'] as const;
export type ManifestAlgorithm = (typeof MANIFEST_ALGORITHMS)[number];
export const manifestName = (alg: ManifestAlgorithm) => `manifest-${alg}.txt`;
export const tagManifestName = (alg: ManifestAlgorithm) => `tagmanifest-${alg}.txt`;
export const VERIFY_PAGE = 'verify.html';
export const signatureName = (alg: ManifestAlgorithm) => `signature/tagmanifest-${alg}.txt.sig`;
export const SIGNING_KEY_FILE = 'signature/signing-key.txt';
/** Files outside the payload that no tag manifest lists. */
export const UNLISTED_TAG_FILES: readonly string[] = [
  ...MANIFEST_ALGORITHMS.map(tagManifestName),
  ...MANIFEST_ALGORITHMS.map(signatureName),
];
export const PAYLOAD_DIR = 'data/';
export const REDACTION_LOG = 'data/redaction-log.txt';
export const TRANSCRIPT_PDF = 'data/transcript.pdf';

/** Files operating systems add to folders they show (Finder, Explorer, copies to FAT drives); never part of a bag. */
export function isSystemClutter(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  return (
    segments[0] === '__MACOSX' ||
    name === '.DS_Store' ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini' ||
    name.startsWith('._')
  );
}
