import type { Database } from 'sql.js';
import { searchableText } from './searchable-text';
import { indexTokens } from './tokenize';

/**
 * The SQL function `locket_index_tokens(kind, text, payload)`: a message's index tokens, as `ShardIndexer` writes them.
 * The search index holds no copy of its tokens (shard migration 0004): FTS4 reads them back through the view
 * `message_tokens`, which calls this function, when it deletes a message's postings. SQLite cannot persist a JS
 * function, so every connection that may delete or change a shard's messages registers it first; one that does not
 * fails loudly ("no such function"), never silently.
 *
 * Returned as UTF-8 bytes (the view casts them to TEXT): sql.js copies a returned string through the wasm stack, which
 * a long message's tokens could overflow, and a byte array through the heap.
 */
const registered = new WeakSet<Database>();

export function registerIndexFunctions(db: Database): Database {
  if (registered.has(db)) return db;
  db.create_function('locket_index_tokens', (kind: unknown, text: unknown, payload: unknown) =>
    Buffer.from(
      indexTokens(searchableText(String(kind ?? ''), String(text ?? ''), typeof payload === 'string' ? payload : null)),
      'utf8',
    ),
  );
  registered.add(db);
  return db;
}

/**
 * The Unicode version the tokenizer runs with: normalization, case folding and the character classes of
 * store/text-atoms.ts come from the JS engine's tables, so one text can tokenize differently under another version
 * (a character assigned since). A shard records the version its index was built with (`index_state.tokens_unicode`);
 * a wipe rebuilds the index rather than delete through the function when they differ, so no posting of a wiped
 * message can survive a difference (message-writer.ts `deleteMessagesDangerously`).
 */
export const TOKENS_UNICODE = `unicode ${process.versions.unicode ?? 'unknown'}`;
