/**
 * What a person can tell an export reader that the export itself does not say. Every field is optional; see
 * README.md in this folder for what each reader does without it.
 */
export interface ExportReaderOptions {
  /**
   * IANA zone the export's local times were written in (PyWxDump `CreateTime`, MemoTrace TXT headers).
   * Default: this machine's zone (local-time.ts).
   */
  timeZone?: string;
  /** The account owner's username, as the person gives it: wins over what the export says. */
  owner?: string;
  /**
   * The owner the vault already knows from earlier imports: used only when neither `owner` nor the export itself
   * names one, so sent messages of an export that does not say whose it is still get their sender.
   */
  knownOwner?: string;
  /** The owner's display name as the export writes it; MemoTrace TXT has nothing else to tell sent from received. */
  ownerName?: string;
  /** The owner's name the vault knows from earlier imports: taken for `ownerName` when it is one of the speakers. */
  knownOwnerName?: string;
  /** The conversation's username, for exports that carry no usable id (MemoTrace TXT, some MemoTrace CSV and ChatLab files). */
  conversation?: string;
}
