import type { MessageBody, MessageKind } from '../../common/message-kinds';

/**
 * A message as every writer receives it: names resolved in the export's names mode, redaction applied, times in
 * the export's zone, media copied into the bag. Writers only format; they decide nothing.
 */
export interface ExportMessage {
  /** Locket's vault-wide message id, as a string. */
  id: string;
  /** WeChat's 64-bit server id, as a string; null when the source had none. */
  sourceId: string | null;
  /** The import that brought the message into the vault, as a string (provenance.json lists it); null when unknown. */
  importId: string | null;
  conversation: ExportConversation;
  /** Username, or the pseudonym of a pseudonymized participant. */
  sender: string | null;
  senderName: string | null;
  isSelf: boolean;
  /** UTC seconds. */
  time: number;
  local: LocalTime;
  kind: MessageKind;
  text: string;
  /** The stored payload of `kind` minus its media list (see `media`), redacted; `bodyOf` reads it by kind. */
  payload: Record<string, unknown>;
  media: ExportMedia[];
  /**
   * The message a reply quotes; `time` (UTC seconds) and `local` (in the export's zone) say when it was sent, null
   * when neither the quote nor the vault knows.
   */
  quote: { senderName: string | null; text: string; time: number | null; local: LocalTime | null } | null;
}

export interface ExportConversation {
  id: number;
  /** Username, or the pseudonym when the other person of a one-to-one chat is pseudonymized. */
  username: string;
  name: string;
  isGroup: boolean;
}

/** The role of the WAV copy of a voice message, written beside the original recording so a browser plays it. */
export const PLAYABLE_VOICE_ROLE = 'voice-playable';

export interface ExportMedia {
  role: string;
  /** Relative to the bag (`data/media/…`); null when the vault does not hold the file. */
  path: string | null;
  mime: string | null;
  bytes: number | null;
  missingReason: string | null;
  /** The file's name as the sender gave it (sanitized and redacted), when it had one. */
  fileName: string | null;
}

export interface LocalTime {
  /** `2024-01-01`. */
  date: string;
  /** `08:03:00`. */
  time: string;
  /** `2024-01-01T08:03:00+08:00`. */
  iso: string;
  /** `Monday, 1 January 2024`, `2024年1月1日 星期一`: the day separator in the transcript, in the export's language. */
  dayLabel: string;
}

/**
 * The kind and payload as one discriminated union, so the writers' switches are checked per kind. The preparer
 * copies a view's payload, which the importer built for its kind, so this only names what is already there.
 */
export function bodyOf(m: ExportMessage): MessageBody {
  return { kind: m.kind, payload: m.payload } as MessageBody;
}
