import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from './state';

export type Section = 'archive' | 'import' | 'retention' | 'audit' | 'stats' | 'settings';

declare module './state' {
  interface AppState {
    navigation: NavigationSlice;
  }
}

export interface NavigationSlice extends VaultBoundSlice {
  section: Section;
  /** Bumped by Ctrl/Cmd+K: the conversation filter focuses itself whenever it changes. */
  filterFocusRequest: number;
  go(section: Section): void;
  focusFilter(): void;
}

export function createNavigationSlice(ctx: SliceContext): NavigationSlice {
  return {
    section: 'archive',
    filterFocusRequest: 0,
    go(section) {
      patchSlice(ctx, 'navigation', { section });
    },
    resetOnLock() {
      // Where the person is in the app, not anything read from the vault: unlocking picks the section anyway.
    },

    focusFilter() {
      patchSlice(ctx, 'navigation', {
        section: 'archive',
        filterFocusRequest: ctx.get().navigation.filterFocusRequest + 1,
      });
    },
  };
}

export const selectSection = (state: AppState) => state.navigation.section;
export const selectFilterFocusRequest = (state: AppState) => state.navigation.filterFocusRequest;
