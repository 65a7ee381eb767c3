import type { MediaReference, MediaRole } from '../model';

/** What a reader's media lookup ends with: the file's absolute path (inside the import root), or why there is none. */
export type FoundMedia<Reason extends string = string> = { path: string } | { reason: Reason };

/** The reference a message keeps for what its lookup found: where the file is, or the reason it is missing. */
export function mediaReference(
  role: MediaRole,
  found: FoundMedia,
  encoding: MediaReference['encoding'],
  fileName: string | null,
): MediaReference {
  return 'path' in found
    ? { role, location: { path: found.path }, encoding, missingReason: null, fileName }
    : { role, location: null, encoding, missingReason: found.reason, fileName };
}
