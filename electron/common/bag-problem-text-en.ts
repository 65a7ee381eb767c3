import type { BagProblemReason, BagProblemTexts, BagProblemValues } from './bag-problem-codes';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** A size as the zip checks word it: `2 GiB`, `2.0 MiB` (a fraction shown as one), `3157 bytes`. */
function bytes(value: string): string {
  const n = Number(value);
  if (n >= GiB) return `${(n / GiB).toFixed(n % GiB ? 1 : 0)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(n % MiB ? 1 : 0)} MiB`;
  return `${n} bytes`;
}

/** `526140.14` → `526140 bytes in 14 files`. */
function oxum(value: string | undefined): string {
  const match = /^(\d+)\.(\d+)$/.exec(value?.trim() ?? '');
  return match ? `${match[1]} bytes in ${match[2]} files` : JSON.stringify(value ?? '');
}

/** Why a local header that differs from its directory entry matters, said after how it differs. */
const SEEN_DIFFERENTLY = ': tools that read the archive differently see different files';

/**
 * Each reason in English: the words the core writes as `BagProblem.detail`, so they are what `locket verify` printed
 * before the reasons had codes (scripts and people may match them). Words name files as the archive spells them.
 */
export const BAG_PROBLEM_TEXT_EN: BagProblemTexts = {
  'listed-not-in-bag': () => 'listed in the manifest but not in the bag',
  'sha256-differs': () => 'its SHA-256 does not match the manifest',
  'sha512-differs': () => 'its SHA-512 does not match the manifest',
  'added-to-data': () => 'in data/ but in no manifest (added after the bag was made)',
  'added-by-file-browser': (reason, ...values) =>
    `${reason && reason in BAG_PROBLEM_TEXT_EN && reason !== 'added-by-file-browser' ? (BAG_PROBLEM_TEXT_EN[reason as BagProblemReason] as (...v: string[]) => string)(...values) : 'in no manifest'}; a file browser or archiver (Finder, Explorer) adds such files: send the bag without it`,
  'not-in-bag-as-made': () => 'not part of the bag as it was made',
  'payload-size-differs': (recorded, actual) =>
    `Payload-Oxum records ${oxum(recorded)}; the data folder holds ${oxum(actual)}`,
  'signing-key-missing': () => 'the signing key is part of every Locket bag',
  'signing-key-malformed': () => 'it does not hold an Ed25519 public key',
  'key-not-named': () => 'this is not the key bag-info.txt names',
  'signature-missing': (manifest) => `the signature over ${manifest}`,
  'signature-malformed': () => 'a signature file holds one line of base64 and nothing else',
  'signature-differs': (file) =>
    `it does not match its signature in ${file}: one of the two was changed, or they were signed by another key`,

  'bagit-missing': () => 'every bag has one; is this the bag’s top folder?',
  'bagit-no-version': () => 'it does not declare a BagIt version',
  'payload-manifest-missing': () => 'a Locket bag has both payload manifests',
  'tag-manifest-missing': () => 'a Locket bag has both tag manifests',
  'manifest-too-large': () => 'too large to be a manifest',
  'manifest-line-malformed': (manifest, line) => `a line is not "digest path" of a ${manifest} file: ${line}`,
  'provenance-too-large': () => 'too large to be the provenance Locket writes',
  'provenance-not-json': () => 'it is not JSON',
  'provenance-wrong-schema': (schema) => `it is not provenance of the schema ${schema}`,
  'provenance-other-bag': (named, bagId) => `it describes another bag (${named}, not ${bagId})`,

  'folder-too-many-files': (limit) => `it holds more than ${limit} files; Locket verifies bags of up to ${limit}`,
  'not-regular-file': () => 'not a regular file (a link or a device), which a bag never holds',

  'several-bags': (count, folders) => `the archive holds ${count} bags (${folders}); verify each on its own`,
  'outside-bag-folder': (folder) => `in the archive but outside the bag’s folder ${folder}`,
  'too-many-entries': (entries, limit) => `it holds ${entries} entries; Locket verifies archives of up to ${limit}`,
  'directory-too-large': (size, limit) =>
    `its central directory takes ${bytes(size)}; Locket reads directories of up to ${bytes(limit)}`,
  'archive-too-large': (size, limit) =>
    `its entries declare ${bytes(size)} in all; Locket verifies archives of up to ${bytes(limit)}`,
  'bytes-before-end-record': () => 'there are bytes between its central directory and its end record',
  'directory-overlaps-end-record': () => 'its central directory overlaps its end record',
  'directory-extra-entries': () => 'its central directory holds more than the entries its end record counts',
  'directory-missing-entries': () => 'its central directory holds fewer entries than its end record says',
  'directory-entry-overruns': () => 'an entry of its central directory runs past the directory’s end',
  'no-end-record': () => 'it has no end of central directory record: the archive is cut short or damaged',
  'second-end-record': () =>
    'its comment holds a second end of central directory record, so tools can disagree on which entries it holds',
  'split-archive': () => 'it is one part of an archive split over several disks',
  'zip64-end-misplaced': () => 'its ZIP64 end record is not where its locator says',
  'end-records-disagree': () => 'its end record and its ZIP64 end record disagree on where the central directory is',
  'archive-ends-early': (missing) => `the archive ends ${missing} bytes early, inside a structure it promises`,
  'zip64-value-too-large': () => 'a ZIP64 size or offset is too large to be real',

  'extra-fields-damaged': () => 'its extra fields in the central directory are damaged',
  'zip64-field-missing': () =>
    'its central directory entry says its sizes are in a ZIP64 field that is missing or short',
  'name-not-utf8': () => 'its name is not UTF-8, so tools on different systems extract it under different names',
  'name-nul': () => 'its name holds a NUL character, which cuts it short in some tools',
  'name-control-characters': () => 'its name holds control characters, which a bag’s names never do',
  'name-backslash': () => 'its name holds a backslash, which Windows tools read as a folder separator',
  'name-absolute': () => 'its name is an absolute path, which extracts outside the folder it is unzipped in',
  'name-climbs-out': () => 'its name climbs out of the archive with `..`',
  'name-empty-folder': () => 'its name has an empty or `.` folder, which tools resolve differently',
  'unicode-path-differs': () =>
    'its Unicode path field names another file than its name does, and unzip tools extract it under that one',
  'entry-on-other-disk': () => 'its data is on another disk of a split archive',
  'entry-encrypted': () => 'it is encrypted: a bag is never encrypted, and its content cannot be checked',
  'entry-unknown-flags': (flags) => `it uses zip features (flags 0x${flags}) that Locket does not read`,
  'entry-unknown-method': (method) => `it is compressed with method ${method}; a bag's entries are stored or deflated`,
  'stored-sizes-differ': () => 'it is stored uncompressed, yet its two sizes differ',
  'folder-holds-data': () => 'it is a folder entry that holds data',
  'entry-link-or-device': () => 'it is a link or a device, which a bag never holds',
  'duplicate-name': () => 'the archive holds two entries of this name: unzip tools extract one over the other',
  'case-duplicate-name': (other) => `it and ${other} are the same file on Windows and macOS`,
  'file-where-folder-is': () => 'it is a file, and other entries put files inside a folder of the same name',
  'entry-too-large': (size, limit) => `it declares ${bytes(size)}; Locket verifies entries of up to ${bytes(limit)}`,
  'zip-bomb': (size, compressed, ratio) =>
    `it declares ${bytes(size)} from ${bytes(compressed)} of compressed data, more than ${ratio} times larger: a zip bomb, not a bag`,
  'entry-overlaps': (other) =>
    `its data overlaps ${other || 'another entry'}: two entries that share bytes are how zip bombs multiply`,
  'no-local-header': () => 'the central directory points at no local header for it',
  'local-name-differs': (name) => `its local header names it ${name}${SEEN_DIFFERENTLY}`,
  'local-flags-differ': (local, central) =>
    `its local header has other flags (0x${local}, the directory says 0x${central})${SEEN_DIFFERENTLY}`,
  'local-method-differs': (local, central) =>
    `its local header says compression method ${local}, the directory ${central}${SEEN_DIFFERENTLY}`,
  'local-crc-differs': () => `its local header has another CRC than the central directory${SEEN_DIFFERENTLY}`,
  'local-compressed-size-differs': (local, central) =>
    `its local header says ${local} compressed bytes, the central directory ${central}${SEEN_DIFFERENTLY}`,
  'local-size-differs': (local, central) =>
    `its local header says ${local} bytes, the central directory ${central}${SEEN_DIFFERENTLY}`,
  'data-runs-into-directory': () => 'its data runs into the central directory',
  'descriptor-differs': () => 'the data descriptor after its data disagrees with the central directory (CRC or sizes)',
  'unlisted-local-entry': (after) =>
    `a local entry the central directory does not list (${after ? `after ${after}` : 'before the first listed entry'}): unzip tools do not show it, readers that stream the archive do`,
  'bytes-before-first-entry': (size, first) => `${size} bytes before the first entry (${first}) belong to no entry`,
  'bytes-between-entries': (size, before, after) => `${size} bytes between ${before} and ${after} belong to no entry`,
  'bytes-before-directory': (size, before) =>
    `${size} bytes between ${before} and the central directory belong to no entry`,
  'local-header-unreadable': () => 'its local header cannot be read',
  'expands-beyond-size': (declared) => `it expands beyond the ${declared} bytes the central directory declares`,
  'inflate-failed': (message) => `its data cannot be inflated (${message})`,
  'deflate-ends-early': (missing) => `its deflate stream ends ${missing} bytes before the data the directory declares`,
  'size-differs-from-directory': (actual, declared) =>
    `it holds ${actual} bytes; the central directory declares ${declared}`,
  'crc-differs': () => 'its data does not match the CRC the archive records: unzip tools report it as damaged',
};

/** A reason's English words from its values (the core's `detail`). */
export function bagProblemTextEn<R extends BagProblemReason>(reason: R, ...values: BagProblemValues[R]): string {
  return (BAG_PROBLEM_TEXT_EN[reason] as (...v: BagProblemValues[R]) => string)(...values);
}
