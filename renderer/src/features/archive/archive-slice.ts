import type { ConversationSummary, ErrorShape, MessagesQuery, MessageView } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import { markMessagesArrived } from '../../app/first-screen-marks';
import { extendSelection, startSelection, toggleMessage, type MessageSelection } from './message-selection';

/** Messages per request: a screenful several times over, small enough to arrive in a few milliseconds. */
export const PAGE_SIZE = 80;
/**
 * Messages when a chat opens: two screenfuls, half a page. In a vault sharded by time a chat's newest messages spread
 * over more shards as the vault grows (about ten a shard at 10 million messages), and each shard read costs tens of
 * milliseconds: half the messages is half the shards before the first screen shows. Scrolling up loads the rest.
 */
export const FIRST_PAGE_SIZE = 40;
/** When jumping to a date, this many messages before it are loaded too, so the view has context above. */
const CONTEXT_BEFORE = 20;
/** Messages on each side of a search result opened in its chat. */
const CONTEXT_AROUND = 40;

type Cursor = NonNullable<MessagesQuery['cursor']>;

export type ArchiveNotice =
  | { kind: 'quote-not-loaded' }
  /** A quote's "go to" found nothing at the time the quote gives (UTC seconds): the message is not in the vault. */
  | { kind: 'quote-not-in-vault'; time: number }
  | { kind: 'date-after-last'; dayKey: string }
  | { kind: 'date-moved'; dayKey: string; shownTime: number }
  /** A class was set on chosen messages (null: their own class removed). */
  | { kind: 'class-assigned'; count: number; className: string | null }
  /** A message's text went to the clipboard (or could not: the page may not write to it). */
  | { kind: 'copied' }
  | { kind: 'copy-failed' }
  | { kind: 'hold-placed'; name: string }
  | { kind: 'media-saved' }
  /** An action from the message menu failed; `message` is already in the interface's language. */
  | { kind: 'action-failed'; message: string };

export interface ChatState {
  conversationId: number;
  /** Oldest first, as the view shows them. */
  messages: MessageView[];
  olderCursor: Cursor | null;
  newerCursor: Cursor | null;
  isLoading: boolean;
  isLoadingOlder: boolean;
  isLoadingNewer: boolean;
  /** The message the view should bring into sight; `seq` changes on every jump, even to the same message. */
  focus: { messageId: number; seq: number; align: 'center' | 'end' } | null;
  /** Briefly marks a message that was jumped to. */
  highlightId: number | null;
  error: ErrorShape | null;
  /** Identifies the latest load; answers to older loads are dropped. */
  token: number;
}

declare module '../../store/state' {
  interface AppState {
    archive: ArchiveSlice;
  }
}

export interface ArchiveSlice extends VaultBoundSlice {
  conversations: ConversationSummary[] | null;
  isLoadingConversations: boolean;
  conversationsError: ErrorShape | null;
  filter: string;
  selectedId: number | null;
  chat: ChatState | null;
  notice: ArchiveNotice | null;
  /** Selection mode in the open chat; null when it is off. Leaving the chat ends it. */
  selection: MessageSelection | null;
  loadConversations(): Promise<void>;
  setFilter(filter: string): void;
  openConversation(id: number): Promise<void>;
  loadOlder(): Promise<void>;
  loadNewer(): Promise<void>;
  jumpToLatest(): Promise<void>;
  jumpToDay(dayStart: number, dayKey: string): Promise<void>;
  /** Brings a quoted message into view when it is loaded; false (with a notice) when it is not. */
  jumpToServerId(serverId: string): boolean;
  /**
   * A quote's "go to": the quoted message at once when it is loaded; else, when the quote says when it was sent
   * (`time`, UTC seconds), the chat around that moment with it marked, or a notice when it is not there.
   */
  jumpToQuoted(serverId: string, time?: number): Promise<void>;
  /** Opens a conversation at one message (a search result), with it marked, and the messages around it. */
  openAtMessage(conversationId: number, messageId: number, time?: number): Promise<void>;
  dismissNotice(): void;
  showNotice(notice: ArchiveNotice): void;
  /** Turns selection mode on in the open chat, with this message chosen when one is given. */
  startSelecting(messageId?: number): void;
  toggleSelected(messageId: number): void;
  /** Shift+click or Shift+Space: every loaded message from the last one chosen to this one. */
  selectRangeTo(messageId: number): void;
  stopSelecting(): void;
  /** A stored media file's bytes as a Blob; recent ones are kept so scrolling back does not decrypt them again. */
  loadMedia(mediaId: string): Promise<Blob>;
  /** A voice message decoded to WAV by the core, as a Blob and its exact length. */
  loadVoice(mediaId: string): Promise<{ blob: Blob; durationMs: number }>;
  /** Asks the desktop to open a stored video or file with the system's app; false when it could not. */
  openExternally(mediaId: string, fileName?: string | null): Promise<boolean>;
  /** Asks where, then saves a decrypted copy there; false when the person cancelled or there is no desktop. */
  saveMediaCopy(mediaId: string, fileName?: string | null): Promise<boolean>;
}

/** Before any vault is open, and again once it locks: nothing read from it. */
const initial = {
  conversations: null,
  isLoadingConversations: false,
  conversationsError: null,
  filter: '',
  selectedId: null,
  chat: null,
  notice: null,
  selection: null,
} satisfies Partial<ArchiveSlice>;

/** Decrypted media kept in memory for rows that scroll out and back; dropped when the vault locks. */
const MEDIA_CACHE_SIZE = 48;

/** A chat being opened: empty, loading, and answering only to `token`. */
function loadingChat(conversationId: number, token: number): ChatState {
  return {
    conversationId,
    messages: [],
    olderCursor: null,
    newerCursor: null,
    isLoading: true,
    isLoadingOlder: false,
    isLoadingNewer: false,
    focus: null,
    highlightId: null,
    error: null,
    token,
  };
}

let nextToken = 1;
let nextSeq = 1;

export function createArchiveSlice(ctx: SliceContext): ArchiveSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<ArchiveSlice>) => patchSlice(ctx, 'archive', p);
  const chat = () => ctx.get().archive.chat;
  /** Applies a change to the open chat only if it is still the load that asked for it. */
  const patchChat = (token: number, change: (c: ChatState) => Partial<ChatState>) => {
    const current = chat();
    if (current && current.token === token) patch({ chat: { ...current, ...change(current) } });
  };
  const list = (query: MessagesQuery) => client.request('messages.list', query);
  const mediaCache = new Map<string, Promise<Blob>>();
  /** Bumped by each list request and by the lock: only the latest list, of the vault still open, is shown. */
  let listRequest = 0;

  async function loadLatest(conversationId: number): Promise<void> {
    const token = nextToken++;
    patch({
      chat: loadingChat(conversationId, token),
      notice: null,
    });
    try {
      const page = await list({ conversationId, order: 'desc', limit: FIRST_PAGE_SIZE });
      markMessagesArrived(page.messages[0]?.id);
      const messages = [...page.messages].reverse();
      const last = messages.at(-1);
      patchChat(token, () => ({
        messages,
        olderCursor: page.next,
        isLoading: false,
        focus: last ? { messageId: last.id, seq: nextSeq++, align: 'end' } : null,
      }));
    } catch (error) {
      patchChat(token, () => ({ isLoading: false, error: errorShapeOf(error) }));
    }
  }

  return {
    ...initial,

    async loadConversations() {
      const request = ++listRequest;
      patch({ isLoadingConversations: true, conversationsError: null });
      try {
        const conversations = await client.request('conversations.list', undefined);
        if (request === listRequest) patch({ conversations, isLoadingConversations: false });
      } catch (error) {
        if (request === listRequest) patch({ isLoadingConversations: false, conversationsError: errorShapeOf(error) });
      }
    },

    setFilter(filter) {
      patch({ filter });
    },

    async openConversation(id) {
      if (ctx.get().archive.selectedId === id && chat()?.conversationId === id) return;
      patch({ selectedId: id, selection: null });
      await loadLatest(id);
    },

    async loadOlder() {
      const current = chat();
      if (!current || !current.olderCursor || current.isLoadingOlder || current.isLoading) return;
      const { token, conversationId, olderCursor } = current;
      patchChat(token, () => ({ isLoadingOlder: true }));
      try {
        const page = await list({ conversationId, order: 'desc', cursor: olderCursor, limit: PAGE_SIZE });
        patchChat(token, (c) => ({
          messages: [...[...page.messages].reverse(), ...c.messages],
          olderCursor: page.next,
          isLoadingOlder: false,
        }));
      } catch (error) {
        patchChat(token, () => ({ isLoadingOlder: false, error: errorShapeOf(error) }));
      }
    },

    async loadNewer() {
      const current = chat();
      if (!current || !current.newerCursor || current.isLoadingNewer || current.isLoading) return;
      const { token, conversationId, newerCursor } = current;
      patchChat(token, () => ({ isLoadingNewer: true }));
      try {
        const page = await list({ conversationId, order: 'asc', cursor: newerCursor, limit: PAGE_SIZE });
        patchChat(token, (c) => ({
          messages: [...c.messages, ...page.messages],
          newerCursor: page.next,
          isLoadingNewer: false,
        }));
      } catch (error) {
        patchChat(token, () => ({ isLoadingNewer: false, error: errorShapeOf(error) }));
      }
    },

    async jumpToLatest() {
      const current = chat();
      if (!current) return;
      if (!current.newerCursor) {
        const last = current.messages.at(-1);
        if (last) patchChat(current.token, () => ({ focus: { messageId: last.id, seq: nextSeq++, align: 'end' } }));
        return;
      }
      await loadLatest(current.conversationId);
    },

    async jumpToDay(dayStart, dayKey) {
      const current = chat();
      if (!current) return;
      const { conversationId } = current;
      const token = nextToken++;
      patch({ chat: { ...current, token, isLoading: true, error: null }, notice: null });
      try {
        // The page around a moment: a little before it (newest first, `before` is exclusive) and the rest after.
        const [before, after] = await Promise.all([
          list({ conversationId, order: 'desc', before: dayStart, limit: CONTEXT_BEFORE }),
          list({ conversationId, order: 'asc', after: dayStart, limit: PAGE_SIZE }),
        ]);
        const messages = [...[...before.messages].reverse(), ...after.messages];
        const target = after.messages[0] ?? before.messages[0];
        patchChat(token, () => ({
          messages,
          olderCursor: before.next,
          newerCursor: after.next,
          isLoading: false,
          focus: target ? { messageId: target.id, seq: nextSeq++, align: 'center' } : null,
          highlightId: null,
        }));
        if (!after.messages[0]) patch({ notice: { kind: 'date-after-last', dayKey } });
        else if (after.messages[0].time >= dayStart + 86_400)
          patch({ notice: { kind: 'date-moved', dayKey, shownTime: after.messages[0].time } });
      } catch (error) {
        patchChat(token, () => ({ isLoading: false, error: errorShapeOf(error) }));
      }
    },

    jumpToServerId(serverId) {
      const current = chat();
      const target = current?.messages.find((m) => m.serverId === serverId);
      if (!current || !target) {
        patch({ notice: { kind: 'quote-not-loaded' } });
        return false;
      }
      patchChat(current.token, () => ({
        focus: { messageId: target.id, seq: nextSeq++, align: 'center' },
        highlightId: target.id,
      }));
      return true;
    },

    async jumpToQuoted(serverId, time) {
      const current = chat();
      if (!current || current.messages.some((m) => m.serverId === serverId) || time === undefined) {
        ctx.get().archive.jumpToServerId(serverId);
        return;
      }
      const { conversationId, token } = current;
      try {
        // The page around the moment, as jumpToDay loads it; `after` is inclusive, so the quoted message is in it.
        const [before, after] = await Promise.all([
          list({ conversationId, order: 'desc', before: time, limit: CONTEXT_BEFORE }),
          list({ conversationId, order: 'asc', after: time, limit: PAGE_SIZE }),
        ]);
        // The person may have moved on (another chat, a jump, a scroll that loaded more) while this was asked.
        if (chat()?.token !== token) return;
        const messages = [...[...before.messages].reverse(), ...after.messages];
        const target = messages.find((m) => m.serverId === serverId);
        if (!target) {
          // Not in the vault (older than the imports, or wiped): the reader stays where they are, and is told.
          patch({ notice: { kind: 'quote-not-in-vault', time } });
          return;
        }
        patch({ notice: null });
        patchChat(token, () => ({
          messages,
          olderCursor: before.next,
          newerCursor: after.next,
          token: nextToken++,
          focus: { messageId: target.id, seq: nextSeq++, align: 'center' },
          highlightId: target.id,
        }));
      } catch (error) {
        patchChat(token, () => ({ error: errorShapeOf(error) }));
      }
    },

    async openAtMessage(conversationId, messageId, time) {
      const token = nextToken++;
      patch({
        selectedId: conversationId,
        notice: null,
        // Opening a search result in the chat being selected in keeps the selection; another chat ends it.
        selection: ctx.get().archive.selection?.conversationId === conversationId ? ctx.get().archive.selection : null,
        chat: loadingChat(conversationId, token),
      });
      try {
        const context = await client.request('messages.context', {
          messageId,
          ...(time !== undefined ? { time } : {}),
          before: CONTEXT_AROUND,
          after: CONTEXT_AROUND,
        });
        const { messages } = context;
        const first = messages[0];
        const last = messages.at(-1);
        patchChat(token, () => ({
          messages,
          // Fewer than asked for on a side means that side is the end of the chat.
          olderCursor: first && context.anchorIndex >= CONTEXT_AROUND ? { time: first.time, id: first.id } : null,
          newerCursor:
            last && messages.length - 1 - context.anchorIndex >= CONTEXT_AROUND
              ? { time: last.time, id: last.id }
              : null,
          isLoading: false,
          focus: { messageId, seq: nextSeq++, align: 'center' },
          highlightId: messageId,
        }));
      } catch (error) {
        patchChat(token, () => ({ isLoading: false, error: errorShapeOf(error) }));
      }
    },

    dismissNotice() {
      patch({ notice: null });
    },

    showNotice(notice) {
      patch({ notice });
    },

    startSelecting(messageId) {
      const current = chat();
      if (!current) return;
      patch({ selection: startSelection(current.conversationId, messageId) });
    },

    toggleSelected(messageId) {
      const selection = ctx.get().archive.selection;
      if (selection) patch({ selection: toggleMessage(selection, messageId) });
    },

    selectRangeTo(messageId) {
      const selection = ctx.get().archive.selection;
      const current = chat();
      if (selection && current)
        patch({
          selection: extendSelection(
            selection,
            messageId,
            current.messages.map((m) => m.id),
          ),
        });
    },

    stopSelecting() {
      patch({ selection: null });
    },

    loadMedia(mediaId) {
      const cached = mediaCache.get(mediaId);
      if (cached) {
        // Map order is insertion order: re-inserting marks it as recently used.
        mediaCache.delete(mediaId);
        mediaCache.set(mediaId, cached);
        return cached;
      }
      const loading = client
        .request('media.get', { mediaId })
        .then(({ bytes, mime }) => new Blob([bytes.slice()], { type: mime ?? 'application/octet-stream' }));
      // A failure is not remembered: the next view asks again.
      loading.catch(() => mediaCache.delete(mediaId));
      mediaCache.set(mediaId, loading);
      while (mediaCache.size > MEDIA_CACHE_SIZE) mediaCache.delete(mediaCache.keys().next().value!);
      return loading;
    },

    async loadVoice(mediaId) {
      const clip = await client.request('media.voice', { mediaId });
      return { blob: new Blob([clip.bytes.slice()], { type: clip.mime }), durationMs: clip.durationMs };
    },

    openExternally(mediaId, fileName) {
      return ctx.deps.openExternally ? ctx.deps.openExternally(mediaId, fileName) : Promise.resolve(false);
    },

    saveMediaCopy(mediaId, fileName) {
      return ctx.deps.saveMediaCopy ? ctx.deps.saveMediaCopy(mediaId, fileName) : Promise.resolve(false);
    },

    resetOnLock() {
      mediaCache.clear();
      listRequest++;
      patch({ ...initial });
    },
  };
}

export const selectConversations = (state: AppState) => state.archive.conversations;
export const selectConversationsError = (state: AppState) => state.archive.conversationsError;
export const selectFilter = (state: AppState) => state.archive.filter;
export const selectSelectedId = (state: AppState) => state.archive.selectedId;
export const selectChat = (state: AppState) => state.archive.chat;
export const selectNotice = (state: AppState) => state.archive.notice;
export const selectSelection = (state: AppState) => state.archive.selection;
export const selectSelectedConversation = (state: AppState): ConversationSummary | null =>
  state.archive.conversations?.find((c) => c.id === state.archive.selectedId) ?? null;

/** Case- and width-insensitive match on the name and the username (so a wxid finds its chat). */
export function filterConversations(
  conversations: readonly ConversationSummary[],
  filter: string,
): readonly ConversationSummary[] {
  const needle = fold(filter.trim());
  if (!needle) return conversations;
  return conversations.filter((c) => fold(c.displayName).includes(needle) || fold(c.username).includes(needle));
}

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}
