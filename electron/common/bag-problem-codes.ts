/** What is wrong with a file of a bag (`BagProblem.problem`), a stable code `locket verify --json` prints. */
export type BagProblemKind = 'changed' | 'missing' | 'unexpected' | 'malformed' | 'oxum-mismatch' | 'signature-invalid';

/**
 * Why, as a stable code (`BagProblem.reason`), with the values its words name (`BagProblem.values`, strings in this
 * order). Every problem `locket verify` reports has one, so each is said in the reader's language from the tables
 * (bag-problem-text-en.ts, bag-problem-text-zh-cn.ts). A code never changes meaning once released: scripts read them.
 * Numbers are decimal strings; names are as the bag or the archive spells them.
 */
export interface BagProblemValues {
  // Tampering: a file changed, removed or added, the key, the signature, the payload's size.
  'listed-not-in-bag': [];
  'sha256-differs': [];
  'sha512-differs': [];
  'added-to-data': [];
  /** What was said of the file before a file browser was named as the likely source: that problem's code and values. */
  'added-by-file-browser': string[];
  'not-in-bag-as-made': [];
  /** The Payload-Oxum bag-info.txt records and the one the data folder has (`bytes.files`). */
  'payload-size-differs': [recorded: string, actual: string];
  'signing-key-missing': [];
  'signing-key-malformed': [];
  'key-not-named': [];
  'signature-missing': [manifest: string];
  'signature-malformed': [];
  'signature-differs': [signatureFile: string];

  // The bag's own files: bagit.txt, manifests, provenance.json.
  'bagit-missing': [];
  'bagit-no-version': [];
  'payload-manifest-missing': [];
  'tag-manifest-missing': [];
  'manifest-too-large': [];
  /** Which manifest (`payload` or `tag`), and the line's first 120 characters as a JSON string. */
  'manifest-line-malformed': [manifest: 'payload' | 'tag', line: string];
  'provenance-too-large': [];
  'provenance-not-json': [];
  'provenance-wrong-schema': [schema: string];
  /** The bag the provenance names (its first 80 characters as a JSON string), and this bag's id. */
  'provenance-other-bag': [named: string, bagId: string];

  // A bag folder.
  'folder-too-many-files': [limit: string];
  'not-regular-file': [];

  // A zipped bag as a whole.
  /** How many bags, and their folders joined by ", ". */
  'several-bags': [count: string, folders: string];
  'outside-bag-folder': [folder: string];
  'too-many-entries': [entries: string, limit: string];
  'directory-too-large': [bytes: string, limit: string];
  'archive-too-large': [bytes: string, limit: string];
  'bytes-before-end-record': [];
  'directory-overlaps-end-record': [];
  'directory-extra-entries': [];
  'directory-missing-entries': [];
  'directory-entry-overruns': [];
  'no-end-record': [];
  'second-end-record': [];
  'split-archive': [];
  'zip64-end-misplaced': [];
  'end-records-disagree': [];
  'archive-ends-early': [bytes: string];
  'zip64-value-too-large': [];

  // One entry of a zipped bag: its directory entry, its name, its place in the archive, its data.
  'extra-fields-damaged': [];
  'zip64-field-missing': [];
  'name-not-utf8': [];
  'name-nul': [];
  'name-control-characters': [];
  'name-backslash': [];
  'name-absolute': [];
  'name-climbs-out': [];
  'name-empty-folder': [];
  'unicode-path-differs': [];
  'entry-on-other-disk': [];
  'entry-encrypted': [];
  /** The flags Locket does not read, as four hex digits. */
  'entry-unknown-flags': [flags: string];
  'entry-unknown-method': [method: string];
  'stored-sizes-differ': [];
  'folder-holds-data': [];
  'entry-link-or-device': [];
  'duplicate-name': [];
  'case-duplicate-name': [other: string];
  'file-where-folder-is': [];
  'entry-too-large': [bytes: string, limit: string];
  /** Declared bytes, compressed bytes, and the ratio allowed. */
  'zip-bomb': [bytes: string, compressed: string, ratio: string];
  /** The entry whose bytes it shares; empty when unknown. */
  'entry-overlaps': [other: string];
  'no-local-header': [];
  /** The local header's name, as a JSON string. */
  'local-name-differs': [name: string];
  /** Both flags in hex, without `0x`. */
  'local-flags-differ': [local: string, central: string];
  'local-method-differs': [local: string, central: string];
  'local-crc-differs': [];
  'local-compressed-size-differs': [local: string, central: string];
  'local-size-differs': [local: string, central: string];
  'data-runs-into-directory': [];
  'descriptor-differs': [];
  /** The listed entry it follows; empty when it comes before the first. */
  'unlisted-local-entry': [after: string];
  'bytes-before-first-entry': [bytes: string, first: string];
  'bytes-between-entries': [bytes: string, before: string, after: string];
  'bytes-before-directory': [bytes: string, before: string];
  'local-header-unreadable': [];
  'expands-beyond-size': [declared: string];
  /** zlib's message, in English. */
  'inflate-failed': [message: string];
  'deflate-ends-early': [bytes: string];
  'size-differs-from-directory': [actual: string, declared: string];
  'crc-differs': [];
}

export type BagProblemReason = keyof BagProblemValues;

/** A table of every reason's words in one language, each made from that reason's values. */
export type BagProblemTexts = { readonly [R in BagProblemReason]: (...values: BagProblemValues[R]) => string };
