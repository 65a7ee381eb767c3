import type { ConversationSummary } from '../ipc/contract';
import { LocketError } from '../core/errors';

/** The conversation a person named on the command line, by its number in `locket conversations` or its username. */
export function findConversation(conversations: readonly ConversationSummary[], chosen: string): ConversationSummary {
  const match = conversations.find((c) => String(c.id) === chosen || c.username === chosen);
  if (!match)
    throw new LocketError(
      'invalid-argument',
      `No conversation "${chosen}" in this vault; see \`locket conversations\`.`,
    );
  return match;
}
