import type { Migration } from '../migrate';

/**
 * Who wrote a conversation's last message (issue 21: a group's preview reads "Sender: text", as in WeChat), beside
 * `last_message_preview` and kept with it by imports and wipes. NULL when the vault owner wrote it (WeChat shows no
 * name then) or the sender is not known. Conversations imported before this migration have NULL until their next
 * import or wipe: the catalog does not hold senders to fill it from, and reading every shard here would make
 * opening an old vault slow.
 */
export const lastMessageSender: Migration = {
  version: 8,
  name: '0008-last-message-sender',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN last_message_sender TEXT');
  },
};
