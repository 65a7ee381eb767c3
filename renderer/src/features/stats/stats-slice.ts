import type { ErrorShape, MessageStats } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';
import { selectTimeZone } from '../settings/settings-slice';

/** People named in the per-person chart; everyone else is one "others" bar. */
export const TOP_SENDERS = 12;

declare module '../../store/state' {
  interface AppState {
    stats: StatsSlice;
  }
}

export interface StatsSlice extends VaultBoundSlice {
  /** The conversation shown, or null for the whole vault. */
  conversationId: number | null;
  stats: MessageStats | null;
  isLoading: boolean;
  error: ErrorShape | null;
  /** Shows the Stats section for a conversation, or the whole vault with null. */
  open(conversationId: number | null): void;
  setScope(conversationId: number | null): void;
  /** Counts for the current scope in the zone the app shows times in; an answer to an older request is dropped. */
  load(): Promise<void>;
}

/** Before any vault is open, and again once it locks: the whole vault's scope, no counts. */
const initial = {
  conversationId: null,
  stats: null,
  isLoading: false,
  error: null,
} satisfies Partial<StatsSlice>;

export function createStatsSlice(ctx: SliceContext): StatsSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<StatsSlice>) => patchSlice(ctx, 'stats', p);
  let latest = 0;

  return {
    ...initial,

    open(conversationId) {
      patch({ conversationId });
      ctx.get().navigation.go('stats');
    },

    setScope(conversationId) {
      patch({ conversationId });
    },

    async load() {
      const request = ++latest;
      const { conversationId } = ctx.get().stats;
      // Months depend on the zone: counts made for another zone or scope are never shown beside new labels.
      patch({ stats: null, isLoading: true, error: null });
      try {
        const stats = await client.request('stats.messages', {
          ...(conversationId !== null ? { conversationId } : {}),
          timeZone: selectTimeZone(ctx.get()),
          topSenders: TOP_SENDERS,
        });
        if (request === latest) patch({ stats, isLoading: false });
      } catch (error) {
        if (request === latest) patch({ isLoading: false, error: errorShapeOf(error) });
      }
    },

    resetOnLock() {
      // An answer still on its way is for the vault that locked: it is dropped when it arrives.
      latest++;
      patch({ ...initial });
    },
  };
}

export const selectStatsScope = (state: AppState) => state.stats.conversationId;
export const selectStats = (state: AppState) => state.stats.stats;
export const selectStatsLoading = (state: AppState) => state.stats.isLoading;
export const selectStatsError = (state: AppState) => state.stats.error;
