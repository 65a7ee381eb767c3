import type { MessageContext, MessageContextArgs } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, one } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import { shardsHoldingConversation } from '../store/shard-counts';
import type { VaultReader } from '../store/vault-reader';
import { MESSAGE_COLUMNS, MessageViews, type MessageRow } from '../archive/message-views';
import { addQuotedTimes } from '../archive/quoted-times';

const DEFAULT_AROUND = 20;
const MAX_AROUND = 500;

/**
 * A message at its place in its conversation: up to `before` messages before it and `after` after it, in time order,
 * read across shard boundaries. Opening a search result calls this with the result's time, which names the shard;
 * without it the shards are looked through newest first.
 */
export async function messageContext(session: VaultReader, args: MessageContextArgs): Promise<MessageContext> {
  const before = checkCount(args.before, 'before');
  const after = checkCount(args.after, 'after');
  if (!Number.isSafeInteger(args.messageId))
    throw new LocketError('invalid-argument', 'messageId must be a message id.');
  const shards = session.listShards();
  const found = await findMessage(session, shards, args.messageId, args.time);
  if (!found) throw new LocketError('invalid-argument', `There is no message ${args.messageId} in this vault.`);
  const { row: anchor, index } = found;
  // Only the shards that may hold the chat (those its counts list, those not counted, and those in memory): a quiet
  // chat's context would otherwise decrypt every shard between two of its messages to find nothing.
  const holding = shardsHoldingConversation(session.catalog, anchor.conversation_id);
  const mayHold = (i: number) => i === index || holding.has(shards[i]!.fileId) || session.isShardLoaded(shards[i]!);

  const read = new Set<ShardEntry>();
  const older: MessageRow[] = [];
  for (let i = index; i >= 0 && older.length < before; i--) {
    if (!mayHold(i)) continue;
    const db = await session.shard(shards[i]!);
    read.add(shards[i]!);
    older.push(
      ...all<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND (time < ? OR (time = ? AND id < ?))
         ORDER BY time DESC, id DESC LIMIT ?`,
        [anchor.conversation_id, anchor.time, anchor.time, anchor.id, before - older.length],
      ),
    );
  }
  const newer: MessageRow[] = [];
  for (let i = index; i < shards.length && newer.length < after; i++) {
    if (!mayHold(i)) continue;
    const db = await session.shard(shards[i]!);
    read.add(shards[i]!);
    newer.push(
      ...all<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND (time > ? OR (time = ? AND id > ?))
         ORDER BY time, id LIMIT ?`,
        [anchor.conversation_id, anchor.time, anchor.time, anchor.id, after - newer.length],
      ),
    );
  }
  const views = new MessageViews(session.catalog);
  const rows = [...older.reverse(), anchor, ...newer];
  const messages = rows.map((r) => views.view(r));
  // Quotes find the message they quote in the shards just read for the context, no others.
  await addQuotedTimes(messages, [...read], (entry) => session.shard(entry));
  return { messages, anchorIndex: older.length };
}

function checkCount(value: number | undefined, name: string): number {
  const count = value ?? DEFAULT_AROUND;
  if (!Number.isInteger(count) || count < 0 || count > MAX_AROUND)
    throw new LocketError('invalid-argument', `${name} is 0 to ${MAX_AROUND} messages.`);
  return count;
}

/** The message and the index of its shard in `shards` (which are in time order). */
async function findMessage(
  session: VaultReader,
  shards: ShardEntry[],
  id: number,
  time: number | undefined,
): Promise<{ row: MessageRow; index: number } | null> {
  const hinted = time === undefined ? -1 : shards.findIndex((s) => s.startTime <= time && time < s.endTime);
  const order = [...shards.keys()].reverse().filter((i) => i !== hinted);
  if (hinted >= 0) order.unshift(hinted);
  for (const index of order) {
    const row = one<MessageRow>(
      await session.shard(shards[index]!),
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`,
      [id],
    );
    if (row) return { row, index };
  }
  return null;
}
