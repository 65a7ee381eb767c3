/**
 * Messages chosen in one chat, by id: rows of a virtualized list come and go as it scrolls, so what is chosen can
 * never live in the DOM. `anchorId` is where a Shift+click or Shift+Space range starts, as in a file manager.
 */
export interface MessageSelection {
  conversationId: number;
  /** In the order they were chosen; each once. */
  ids: readonly number[];
  anchorId: number | null;
}

export function startSelection(conversationId: number, firstId?: number): MessageSelection {
  return { conversationId, ids: firstId === undefined ? [] : [firstId], anchorId: firstId ?? null };
}

/** Chooses or unchooses one message; it becomes the start of the next range. */
export function toggleMessage(selection: MessageSelection, id: number): MessageSelection {
  const ids = selection.ids.includes(id) ? selection.ids.filter((x) => x !== id) : [...selection.ids, id];
  return { ...selection, ids, anchorId: id };
}

/**
 * Adds every loaded message from the anchor to `id` (either direction), in the chat's order. Without an anchor,
 * or when the anchor is no longer loaded (a jump replaced the messages), it chooses `id` alone.
 */
export function extendSelection(
  selection: MessageSelection,
  id: number,
  orderedIds: readonly number[],
): MessageSelection {
  const to = orderedIds.indexOf(id);
  const from = selection.anchorId === null ? -1 : orderedIds.indexOf(selection.anchorId);
  if (to < 0) return selection;
  if (from < 0) return toggleMessage(selection, id);
  const range = orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1);
  const chosen = new Set(selection.ids);
  return { ...selection, ids: [...selection.ids, ...range.filter((x) => !chosen.has(x))] };
}
