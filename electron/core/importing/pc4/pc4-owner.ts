/** New personal accounts' usernames start with `wxid_` (docs/wechat-formats.md §1.1). */
const WXID = /^wxid_[0-9A-Za-z_-]+$/;
/** A 4.x account folder may be `<wxid>_<4 characters>` (§3.1; UNVERIFIED which characters). */
const FOLDER_SUFFIX = /_[0-9A-Za-z]{4}$/;

/**
 * The account owner's username, by these rules in order (WeChat 4.x stores no owner field we know of, §3.1):
 *
 * 1. The account folder's name, verbatim, when the data names that user (a sender in some `Name2Id`, or a
 *    contact). CL takes the folder name verbatim.
 * 2. The folder name without a trailing `_xxxx` (4 letters or digits), when the data names THAT user: 4.x folders
 *    may carry such a suffix after the wxid. The stripped form is never guessed; the data must confirm it.
 * 3. The folder name, verbatim, when it looks like a wxid (`wxid_…`), even unconfirmed: CL's rule.
 * 4. Otherwise (a renamed folder), the user who sends in the most one-to-one chats besides the other party: in a
 *    one-to-one chat only the owner and the peer send, so the owner is the one sender every such chat shares.
 *    A tie gives no owner.
 *
 * With no owner, isSent falls back to `status` (map-pc4-message.ts).
 */
export function choosePc4Owner(
  folderName: string,
  knownUsernames: ReadonlySet<string>,
  oneToOneSenders: ReadonlyMap<string, number>,
): string | null {
  if (knownUsernames.has(folderName)) return folderName;
  const stripped = folderName.replace(FOLDER_SUFFIX, '');
  if (stripped !== folderName && knownUsernames.has(stripped)) return stripped;
  if (WXID.test(folderName)) return folderName;
  let best: string | null = null;
  let bestCount = 0;
  let tied = false;
  for (const [username, count] of oneToOneSenders) {
    if (count > bestCount) {
      best = username;
      bestCount = count;
      tied = false;
    } else if (count === bestCount) {
      tied = true;
    }
  }
  return tied ? null : best;
}
