import { one } from '../../db/sqlite';
import type { MessageKind } from '../model';
import type { DirectionSettled, StoredAtPoint } from '../../store/message-writer';
import type { VaultWriter } from '../../session/vault-writer';

/** What cross-source matching needs of a message about to be stored. */
export interface MatchCandidate {
  conversationId: number;
  time: number;
  isSent: boolean;
  kind: MessageKind;
  text: string;
  sourceId: string | null;
  sender: string | null;
  /** The source could not tell sent from received (a MemoTrace TXT group without the owner's name). */
  isDirectionGuessed?: boolean;
}

/**
 * Kinds that sources tell apart differently: an export may call a sticker an image, a mini program a link, a file
 * a link card. Matching compares families, and text only for text messages, whose words every source keeps.
 */
const FAMILIES: Readonly<Partial<Record<MessageKind, string>>> = {
  text: 'text',
  image: 'media',
  sticker: 'media',
  video: 'media',
  voice: 'media',
  system: 'system',
  revoke: 'system',
};

const familyOf = (kind: string): string => FAMILIES[kind as MessageKind] ?? 'rich';

/**
 * Identity of a message across sources that share no id: its time to the second, its family of kind and, for text,
 * the words (NFC, line breaks as \n, outer whitespace dropped). Senders are left out: one export writes display
 * names where another has usernames. The conversation is matched separately, by the vault's conversation id, and
 * the direction by `isSameDirection`.
 */
export function crossSourceKey(m: { time: number; kind: string; text: string }): string {
  const family = familyOf(m.kind);
  const words = family === 'text' ? m.text.normalize('NFC').replace(/\r\n?/g, '\n').trim() : '';
  return JSON.stringify([m.time, family, words]);
}

/**
 * Sent or received alike. Not asked of system lines, which exporters attribute differently; and for text, not when
 * either source could only guess it: the same words in the same chat and second are the same message then.
 */
export function isSameDirection(
  a: { isSent: boolean; kind: string; isDirectionGuessed?: boolean },
  b: { isSent: boolean; kind: string; isDirectionGuessed?: boolean },
): boolean {
  const family = familyOf(a.kind);
  if (family === 'system' || a.isSent === b.isSent) return true;
  return family === 'text' && (a.isDirectionGuessed === true || b.isDirectionGuessed === true);
}

/**
 * Finds messages already stored by ANOTHER source that lacks their ids (or whose ids this source lacks): an export
 * without server ids (MemoTrace, chatlog, rounded ChatLab ids) and the database it was made from, in either order.
 * Two messages with server ids are never matched this way: their ids say whether they are the same.
 *
 * Each stored message matches at most one incoming message in the whole import (`used`), so two photos sent in the
 * same second are two messages in both sources, and a source with one of them adds the other. Messages the running
 * source stored itself are never candidates (only ids below `startSource`'s mark are): within one source, its own
 * keys decide. An earlier source of the same import is another source like any.
 */
export class CrossSourceMatcher {
  private readonly used = new Set<number>();
  private sourceStartId = 0;
  /** The vault held messages when the source started: else there is nothing to match and no probe is made. */
  private hasEarlier = false;

  constructor(private readonly writer: VaultWriter) {}

  /**
   * Call before each source's first message; `hasStoredMessages` says whether the running import already stored
   * some (the catalog's counts are only brought up to date when it commits).
   */
  startSource(hasStoredMessages: boolean): void {
    this.sourceStartId = this.writer.nextMessageId;
    this.hasEarlier =
      hasStoredMessages ||
      (one<{ n: number }>(this.writer.catalog, 'SELECT coalesce(sum(message_count), 0) AS n FROM shards')?.n ?? 0) > 0;
  }

  /** For each candidate, whether another source already stored it. */
  async findStored(candidates: readonly MatchCandidate[]): Promise<boolean[]> {
    if (!this.hasEarlier) return candidates.map(() => false);
    const stored = await this.writer.messagesAt(candidates, this.sourceStartId);
    if (stored.length === 0) return candidates.map(() => false);
    const pool = new Map<string, StoredAtPoint[]>();
    for (const s of stored) {
      if (this.used.has(s.id)) continue;
      const key = `${s.conversationId}|${crossSourceKey(s)}`;
      let list = pool.get(key);
      if (!list) pool.set(key, (list = []));
      list.push(s);
    }
    const settled: DirectionSettled[] = [];
    const found = candidates.map((c) => {
      const list = pool.get(`${c.conversationId}|${crossSourceKey(c)}`);
      const at =
        list?.findIndex(
          (s) => !this.used.has(s.id) && (c.sourceId === null || !s.hasSourceId) && isSameDirection(c, s),
        ) ?? -1;
      if (at < 0) return false;
      const s = list![at]!;
      this.used.add(s.id);
      // The stored copy's source could only guess who sent it; this one knows.
      if (s.isDirectionGuessed && !c.isDirectionGuessed)
        settled.push({ id: s.id, time: s.time, isSent: c.isSent, sender: c.sender });
      return true;
    });
    if (settled.length > 0) await this.writer.settleDirections(settled);
    return found;
  }
}
