import type { AppState, SliceContext } from './app-store';
import { patchSlice } from './app-store';

export type Section = 'archive' | 'import' | 'retention' | 'stats' | 'settings';

export interface NavigationSlice {
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
