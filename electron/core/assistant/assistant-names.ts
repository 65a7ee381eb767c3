import type { MessageView } from '../../ipc/contract';
import { SenderNames } from '../archive/sender-names';
import { listParticipants } from '../archive/list-participants';
import { Redactor } from '../evidence/redactor';
import type { VaultReader } from '../store/vault-reader';
import type { AssistantScope } from './assistant-scope';

/** What a pseudonymized answer calls someone the scope's participant list does not hold (a sender since removed). */
const UNKNOWN_PARTICIPANT = 'Unknown participant';

/**
 * How the assistant is told who said what. By default as WeChat shows them (group nickname, remark, nickname).
 * Pseudonymized, everyone in the scope's conversations gets the label an evidence export would give them when
 * every participant is chosen, in the same order (Participant A, B, …, the owner last), and their names, wxids
 * and phone numbers are replaced in the text as the export's redactor does: the assistant sees neither real names
 * nor usernames.
 */
export class AssistantNames {
  private constructor(
    private readonly senders: SenderNames,
    private readonly redactor: Redactor | null,
  ) {}

  static async create(session: VaultReader, scope: AssistantScope): Promise<AssistantNames> {
    const senders = new SenderNames(session.catalog);
    if (!scope.isPseudonymized) return new AssistantNames(senders, null);
    const participants = await listParticipants(session, [...scope.conversationIds]);
    const redactor = new Redactor(session.catalog, {
      pseudonymize: participants.map((p) => p.username),
      maskIdentifiers: true,
    });
    return new AssistantNames(senders, redactor);
  }

  get isPseudonymized(): boolean {
    return this.redactor !== null;
  }

  /** The username a pseudonym stands for (`from:"Participant B"` in a search), or null. */
  usernameOf(label: string, usernames: Iterable<string>): string | null {
    if (!this.redactor) return null;
    const wanted = label.trim().toLowerCase();
    for (const username of usernames)
      if (this.redactor.pseudonymOf(username)?.toLowerCase() === wanted) return username;
    return null;
  }

  conversationName(c: { id: number; username: string; displayName: string; isGroup: boolean }): string {
    if (!this.redactor) return c.displayName || c.username;
    // A group's name is often made of its members' names; it is replaced by its number.
    if (c.isGroup) return `Group chat ${c.id}`;
    return this.redactor.pseudonymOf(c.username) ?? UNKNOWN_PARTICIPANT;
  }

  /** A sender as the answer names them; null for system notices, which have none. */
  senderName(username: string | null, conversationId: number, isSelf: boolean): string | null {
    if (!this.redactor) return this.senders.nameOf(username, conversationId, isSelf);
    const who = username ?? (isSelf ? this.senders.ownerUsername : null);
    if (who === null) return null;
    return this.redactor.pseudonymOf(who) ?? UNKNOWN_PARTICIPANT;
  }

  text(value: string): string {
    return this.redactor ? this.redactor.text(value) : value;
  }

  /** A message as the assistant receives it: no usernames, no raw payload, names as above. */
  message(view: MessageView): AssistantMessage {
    return {
      id: view.id,
      conversationId: view.conversationId,
      time: new Date(view.time * 1000).toISOString(),
      sender: this.senderName(view.sender, view.conversationId, view.isSelf),
      isSelf: view.isSelf,
      kind: view.kind,
      text: this.text(view.text),
    };
  }
}

export interface AssistantMessage {
  id: number;
  conversationId: number;
  /** ISO 8601, UTC. */
  time: string;
  sender: string | null;
  /** Sent by the vault's owner. */
  isSelf: boolean;
  kind: string;
  text: string;
}
